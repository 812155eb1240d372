import { checkHeaders, requireObject } from './checks.js';
import type { LoggingOptions } from './logger.js';
import type { BackoffOptions } from './transport-options.js';

/**
 * The HTTP options every `@x` client takes, written once: each client's options interface
 * extends this one and adds its own keys and hosts. The defaults are `TRANSPORT_DEFAULTS`.
 *
 * @example
 * ```ts
 * new LusciiClient({ apiKey, timeoutMs: 60_000, maxRetries: 4, backoff: { maxDelayMs: 20_000 } });
 * ```
 */
export interface HttpClientOptions extends LoggingOptions {
  /**
   * Timeout per attempt, in milliseconds: for the response headers, and again for each gap
   * between chunks of a body. Like every duration the SDK takes, at most 2_147_483_647 (about
   * 24.8 days, the longest a timer waits); a longer one is an `InvalidParamsError`.
   * @default 30_000
   */
  timeoutMs?: number | undefined;
  /**
   * Longest one attempt at a JSON request (a page, a status, a start) may take, from sending it
   * to the last byte of its body: a body that drips a byte at a time, each gap under
   * `timeoutMs`, ends in a `TimeoutError` here, and is retried like any timeout. Streamed
   * downloads are not bounded by it (their length is not): pass
   * `signal: AbortSignal.timeout(ms)` for a total limit. At most 2_147_483_647 (about 24.8 days).
   * @default 4 × timeoutMs, at most 2_147_483_647
   */
  deadlineMs?: number | undefined;
  /**
   * Retries after the first attempt, on 408, 429, 500, 502, 503, 504, timeouts and dropped
   * connections, with jittered exponential backoff and `Retry-After` honoured. The exports
   * only read, so their `POST`s are retried like `GET`s.
   * @default 2
   */
  maxRetries?: number | undefined;
  /**
   * Largest JSON response body (a page, a status) read into memory, in bytes. A larger one (a
   * proxy or server bug streaming without end) is an `ApiError` as soon as it passes the limit,
   * not retried, and quoting nothing of the body. Streamed downloads (CSV reports) are read as
   * they are used, not held, and are not bounded by it. `Infinity` lifts the limit.
   * @default 33_554_432 (32 MiB)
   */
  maxJsonBytes?: number | undefined;
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

/**
 * Checks that a client's options are an object and picks its HTTP options (extra headers
 * checked), for the client to add its host, its auth header and its name. The transport checks
 * the other values itself (one set of checks, in `checks.ts` and `call-options.ts`).
 *
 * @example
 * ```ts
 * const http = resolveHttpClientOptions(options);
 * const transport = new Transport({ ...http, baseUrl, headers: { ...http.headers, authorization: `Bearer ${apiKey}` } });
 * ```
 */
export function resolveHttpClientOptions(options: HttpClientOptions): HttpClientOptions {
  requireObject(options, 'options');
  const { timeoutMs, deadlineMs, maxRetries, maxJsonBytes, fetch, backoff, logger, logLevel } = options;
  return { timeoutMs, deadlineMs, maxRetries, maxJsonBytes, fetch, headers: checkHeaders(options.headers, 'headers'), backoff, logger, logLevel };
}
