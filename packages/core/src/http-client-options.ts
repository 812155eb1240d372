import { requireObject } from './checks.js';
import type { BackoffOptions } from './transport.js';

/**
 * The HTTP options every `@x` client takes, written once: each client's options interface
 * extends this one and adds its own keys and base URLs.
 *
 * @example
 * ```ts
 * new LusciiClient({ apiKey, timeoutMs: 60_000, maxRetries: 4, backoff: { maxDelayMs: 20_000 } });
 * ```
 */
export interface HttpClientOptions {
  /**
   * Timeout per attempt, in milliseconds: for the response headers, and again for each gap
   * between chunks of a body.
   * @default 30_000
   */
  timeoutMs?: number | undefined;
  /**
   * Retries after the first attempt, on 408, 429, 500, 502, 503, 504, timeouts and dropped
   * connections, with jittered exponential backoff and `Retry-After` honoured. The exports
   * only read, so their `POST`s are retried like `GET`s.
   * @default 2
   */
  maxRetries?: number | undefined;
  /** A `fetch` to use instead of the global one (a proxy agent, a test double). */
  fetch?: typeof globalThis.fetch | undefined;
  /** Backoff between retries; the defaults suit production. */
  backoff?: BackoffOptions | undefined;
}

/** The defaults of {@link HttpClientOptions} and of the backoff, in one place. */
export const HTTP_CLIENT_DEFAULTS = {
  timeoutMs: 30_000,
  maxRetries: 2,
  backoff: { initialDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 },
} as const;

/** The keys of {@link HttpClientOptions}, for a client's unknown-key check. */
export const HTTP_CLIENT_OPTION_KEYS = ['timeoutMs', 'maxRetries', 'fetch', 'backoff'] as const satisfies readonly (keyof HttpClientOptions)[];

/**
 * Checks that a client's options are an object and picks its HTTP options, for the client to
 * add each host and its auth header. The transport checks the values itself (one set of
 * checks, in `checks.ts`), before any request.
 *
 * @example
 * ```ts
 * const http = resolveHttpClientOptions(options);
 * const transport = new Transport({ ...http, baseUrl, headers: { authorization: `Bearer ${apiKey}` } });
 * ```
 */
export function resolveHttpClientOptions(options: HttpClientOptions): HttpClientOptions {
  requireObject(options, 'options');
  const { timeoutMs, maxRetries, fetch, backoff } = options;
  return { timeoutMs, maxRetries, fetch, backoff };
}
