import { checkApiKey, checkBaseUrl, checkHeaders, InvalidParamsError, type BackoffOptions, type LoggingOptions, type TransportOptions } from '@x/core';

// The package's version for the User-Agent: set from package.json at build by tsup's `define`
// (tsup.shared.ts) and in tests by vitest's (vitest.workspace.ts). The ESM build keeps one file
// per module, so a JSON import would stay a runtime import that Node 20 refuses without `with`.
declare const __X_PACKAGE_VERSION__: string | undefined;
const version = typeof __X_PACKAGE_VERSION__ === 'string' ? __X_PACKAGE_VERSION__ : '0.0.0-source';

/**
 * Options of {@link LusciiClient}.
 *
 * @example
 * ```ts
 * new LusciiClient({ apiKey: process.env.LUSCII_API_KEY!, timeoutMs: 60_000, maxRetries: 4 });
 * ```
 */
export interface LusciiClientOptions extends LoggingOptions {
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
   * Longest one attempt at a JSON request may take, from sending it to the last byte of the
   * body (a page). A body that drips a byte at a time, each gap under `timeoutMs`, ends in a
   * `TimeoutError` here and is retried like any timeout. Streamed downloads are not bounded by
   * it (their length is not): pass `signal: AbortSignal.timeout(ms)` for a total limit.
   * @default 4 × timeoutMs
   */
  deadlineMs?: number | undefined;
  /**
   * Retries of a page after the first attempt, on 408, 429, 5xx, timeouts and dropped
   * connections, with jittered exponential backoff and `Retry-After` honoured. An export only
   * reads, so its `POST` is retried like a `GET`.
   * @default 2
   */
  maxRetries?: number | undefined;
  /** A `fetch` to use instead of the global one (a proxy agent, a test double). */
  fetch?: typeof globalThis.fetch | undefined;
  /**
   * Extra headers sent with every request (a proxy's token, a tracing header). Values of headers
   * named like credentials are removed from errors, as the key is. `authorization` is the key's.
   */
  headers?: Record<string, string> | undefined;
  /** Backoff tuning; the defaults suit production. */
  backoff?: BackoffOptions | undefined;
}

/** The package as the `User-Agent` and log lines name it. */
export const LUSCII_PACKAGE = 'x-luscii-export';

/** Where the Luscii Export API lives. */
export const LUSCII_BASE_URL = 'https://api.luscii.com';

/**
 * Checks the client options and turns them into the transport's, with the auth header. Throws
 * an `InvalidParamsError` naming the option (the transport checks its own); no message quotes
 * the key or the URL.
 */
export function transportOptions(options: LusciiClientOptions): TransportOptions {
  if (typeof options !== 'object' || options === null) throw new InvalidParamsError('options must be an object', { param: 'options' });
  const { apiKey, timeoutMs, deadlineMs, maxRetries, fetch, backoff, logger, logLevel } = options;
  return {
    baseUrl: checkBaseUrl(options.baseUrl ?? LUSCII_BASE_URL, 'baseUrl'),
    headers: { ...checkHeaders(options.headers, 'headers'), authorization: `Bearer ${checkApiKey(apiKey, 'apiKey')}` },
    client: { name: LUSCII_PACKAGE, version },
    logger,
    logLevel,
    timeoutMs,
    deadlineMs,
    maxRetries,
    fetch,
    backoff,
  };
}
