import { InvalidParamsError } from './errors.js';

/**
 * Checks of the options every client takes, in one place. Each throws an `InvalidParamsError`
 * naming the option; none quotes the value, since a key or a URL with credentials may be in it.
 */

// Visible ASCII only: a key with a space, a line break or a non-ASCII character cannot go in a
// header, and fetch's own error about it would quote the header, key and all.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/**
 * A key for an auth header: a non-empty string of visible ASCII characters.
 *
 * @example
 * ```ts
 * const headers = { authorization: `Bearer ${checkApiKey(options.apiKey, 'apiKey')}` };
 * ```
 */
export function checkApiKey(value: unknown, param: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidParamsError(`${param} must be a non-empty string`, { param });
  if (!HEADER_SAFE.test(value)) {
    throw new InvalidParamsError(`${param} contains characters that cannot be sent in a header (white space or non-ASCII)`, { param });
  }
  return value;
}

/**
 * A base URL: absolute `http(s)`, without credentials (URLs are shown in errors and by
 * `inspect`), a query or a fragment (paths are appended to it). Returned without a trailing slash.
 *
 * @example
 * ```ts
 * const baseUrl = checkBaseUrl(options.baseUrl ?? 'https://api.luscii.com', 'baseUrl');
 * ```
 */
export function checkBaseUrl(value: unknown, param: string): string {
  const url = typeof value === 'string' && URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new InvalidParamsError(`${param} must be an absolute http or https URL`, { param });
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new InvalidParamsError(`${param} must not carry credentials, a query or a fragment`, { param });
  }
  return (value as string).replace(/\/+$/, '');
}

/** The transport's own options: `timeoutMs` and `deadlineMs` above 0, `maxRetries` a whole number, `fetch` a function. */
export function checkTransportOptions(options: { timeoutMs?: unknown; deadlineMs?: unknown; maxRetries?: unknown; fetch?: unknown }): void {
  const { timeoutMs, deadlineMs, maxRetries, fetch } = options;
  for (const [param, value] of [['timeoutMs', timeoutMs], ['deadlineMs', deadlineMs]] as const) {
    if (value !== undefined && !(typeof value === 'number' && value > 0 && Number.isFinite(value))) {
      throw new InvalidParamsError(`${param} must be a positive number of milliseconds`, { param });
    }
  }
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && (maxRetries as number) >= 0)) {
    throw new InvalidParamsError('maxRetries must be a whole number, 0 or more', { param: 'maxRetries' });
  }
  if (fetch !== undefined && typeof fetch !== 'function') throw new InvalidParamsError('fetch must be a function', { param: 'fetch' });
}

/**
 * Options of one call, which every method that makes requests takes: they apply to that
 * call's requests alone, over the client's options.
 *
 * @example
 * ```ts
 * await dex.getAvrReportStatus(id, { timeoutMs: 5_000, maxRetries: 0, headers: { 'x-trace-id': traceId } });
 * ```
 */
export interface CallOptions {
  /** Aborts the call; it rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /**
   * Timeout per attempt of this call's requests, for the response and each gap in a body.
   * @default the client's timeoutMs
   */
  timeoutMs?: number | undefined;
  /**
   * Retries of this call's requests. `0` sends each once.
   * @default the client's maxRetries
   */
  maxRetries?: number | undefined;
  /** Extra headers for this call's requests, over the client's `headers`. */
  headers?: Record<string, string> | undefined;
}

/** The names of {@link CallOptions}, for clients that check a parameter object's keys. */
export const CALL_OPTION_NAMES = ['signal', 'timeoutMs', 'maxRetries', 'headers'] as const;

/**
 * Only the {@link CallOptions} of an options object, so a method can pass them to the
 * transport without passing anything else a caller put in the object.
 *
 * @example
 * ```ts
 * await transport.json({ ...pickCallOptions(options), method: 'GET', path });
 * ```
 */
export function pickCallOptions(options: CallOptions): CallOptions {
  const { signal, timeoutMs, maxRetries, headers } = options;
  return { signal, timeoutMs, maxRetries, headers };
}

/**
 * Refuses malformed call options with an `InvalidParamsError` naming the option, before any
 * request. A header value is never quoted.
 *
 * @example
 * ```ts
 * checkCallOptions(options); // in a method that returns an iterable, so it throws at once
 * ```
 */
export function checkCallOptions(options: CallOptions): void {
  const { signal, headers } = options;
  checkTransportOptions({ timeoutMs: options.timeoutMs, maxRetries: options.maxRetries });
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw new InvalidParamsError('signal must be an AbortSignal', { param: 'signal' });
  checkHeaders(headers, 'headers');
}

/** Extra headers: an object of visible-ASCII header names and values that fit in a header. */
export function checkHeaders(headers: unknown, param: string): Record<string, string> | undefined {
  if (headers === undefined) return undefined;
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) throw new InvalidParamsError(`${param} must be an object of header names and values`, { param });
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new InvalidParamsError(`${param} has a header name that is not a token`, { param });
    if (typeof value !== 'string' || !/^[\t\x20-\x7e]*$/.test(value)) {
      throw new InvalidParamsError(`${param}["${name}"] must be a string of visible ASCII characters`, { param });
    }
  }
  return headers as Record<string, string>;
}
