import { InvalidParamsError, type BackoffOptions, type TransportOptions } from '@x/core';

/**
 * Options of {@link LusciiClient}.
 *
 * @example
 * ```ts
 * new LusciiClient({ apiKey: process.env.LUSCII_API_KEY!, timeoutMs: 60_000, maxRetries: 4 });
 * ```
 */
export interface LusciiClientOptions {
  /** Your organisation's Export API key, sent as `Authorization: Bearer <apiKey>`. Kept private. */
  apiKey: string;
  /**
   * The API's base URL.
   * @default 'https://api.luscii.com'
   */
  baseUrl?: string | undefined;
  /**
   * Timeout per attempt, in milliseconds, for the response and for each gap in its body.
   * @default 30_000
   */
  timeoutMs?: number | undefined;
  /**
   * Retries of a page after the first attempt, on 408, 429, 5xx, timeouts and dropped
   * connections, with jittered exponential backoff and `Retry-After` honoured. An export only
   * reads, so its `POST` is retried like a `GET`.
   * @default 2
   */
  maxRetries?: number | undefined;
  /** A `fetch` to use instead of the global one (a proxy agent, a test double). */
  fetch?: typeof globalThis.fetch | undefined;
  /** Backoff tuning; the defaults suit production. */
  backoff?: BackoffOptions | undefined;
}

/** Where the Luscii Export API lives. */
export const LUSCII_BASE_URL = 'https://api.luscii.com';

// Visible ASCII only: anything else cannot go in a header, and fetch's own error would quote it.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/**
 * Checks the client options and turns them into the transport's, with the auth header. Throws
 * an `InvalidParamsError` naming the option; no message quotes the key or the URL.
 */
export function transportOptions(options: LusciiClientOptions): TransportOptions {
  if (typeof options !== 'object' || options === null) throw new InvalidParamsError('options must be an object', { param: 'options' });
  const { apiKey, timeoutMs, maxRetries, fetch, backoff } = options;
  if (typeof apiKey !== 'string' || apiKey.trim() === '') throw new InvalidParamsError('apiKey must be a non-empty string', { param: 'apiKey' });
  if (!HEADER_SAFE.test(apiKey)) {
    throw new InvalidParamsError('apiKey contains characters that cannot be sent in a header (white space or non-ASCII)', { param: 'apiKey' });
  }
  if (timeoutMs !== undefined && !(typeof timeoutMs === 'number' && timeoutMs > 0 && Number.isFinite(timeoutMs))) {
    throw new InvalidParamsError('timeoutMs must be a positive number of milliseconds', { param: 'timeoutMs' });
  }
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && maxRetries >= 0)) {
    throw new InvalidParamsError('maxRetries must be a whole number, 0 or more', { param: 'maxRetries' });
  }
  if (fetch !== undefined && typeof fetch !== 'function') throw new InvalidParamsError('fetch must be a function', { param: 'fetch' });
  return {
    baseUrl: checkBaseUrl(options.baseUrl ?? LUSCII_BASE_URL),
    headers: { authorization: `Bearer ${apiKey}` },
    timeoutMs,
    maxRetries,
    fetch,
    backoff,
  };
}

function checkBaseUrl(baseUrl: unknown): string {
  const url = typeof baseUrl === 'string' && URL.canParse(baseUrl) ? new URL(baseUrl) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new InvalidParamsError('baseUrl must be an http or https URL', { param: 'baseUrl' });
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new InvalidParamsError('baseUrl must not carry credentials, a query or a fragment', { param: 'baseUrl' });
  }
  return (baseUrl as string).replace(/\/+$/, '');
}
