import type { CallOptions } from './call-options.js';
import { MAX_TIMER_MS } from './checks.js';
import type { HttpClientOptions } from './http-client-options.js';

/** Options a client passes to its `Transport`: the client's HTTP options, for one host and key. */
export interface TransportOptions extends HttpClientOptions {
  /** Base URL every request path is relative to: `'https://api.luscii.com'`. */
  baseUrl: string;
  /**
   * The client's package, for the `User-Agent` (`x-luscii-export/0.2.0 node/22.11.0`) and the
   * log prefix. Without it, neither names a package.
   */
  client?: { name: string; version: string } | undefined;
}

/**
 * Exponential backoff with full jitter, capped, with `Retry-After` honoured up to a cap. Each
 * delay is in milliseconds, from 0 to 2_147_483_647 (about 24.8 days, the longest a timer waits).
 */
export interface BackoffOptions {
  /** @default 500 */
  initialDelayMs?: number | undefined;
  /** @default 8_000 */
  maxDelayMs?: number | undefined;
  /**
   * The longest `Retry-After` the SDK waits for; a longer one ends in a `RateLimitError`
   * carrying `retryAfterMs`, so the caller decides.
   * @default 60_000
   */
  maxRetryAfterMs?: number | undefined;
}

/** One request. `signal`, `timeoutMs`, `maxRetries` and `headers` apply to it alone. */
export interface RequestOptions extends CallOptions {
  method: 'GET' | 'POST';
  /** Path below the base URL, with or without a leading slash. */
  path: string;
  /** Query parameters; `undefined` values are left out. */
  query?: Record<string, string | undefined> | undefined;
  /** A body sent as JSON. */
  json?: unknown;
  /** The `Accept` header. */
  accept?: string | undefined;
  /**
   * Which failures are retried. `'any'`: 408, 429, 5xx, timeouts and dropped connections.
   * `'unprocessed'`: only a failure that proves the server did not act on the request
   * (connection refused, 429, 503 with `Retry-After`; see `provesNotProcessed`), for a
   * request that creates something.
   * @default 'any'
   */
  retryWhen?: 'any' | 'unprocessed' | undefined;
}

/** Status and headers of a response whose body the caller has. */
export interface ResponseInfo {
  status: number;
  headers: Headers;
}

/** Every default of the transport (and so of {@link HttpClientOptions}), in one place. */
export const TRANSPORT_DEFAULTS = {
  timeoutMs: 30_000,
  maxRetries: 2,
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  deadlineTimeouts: 4,
  // A page of a few hundred rows is well under 1 MiB: 32 MiB is room to spare, not a risk to memory.
  maxJsonBytes: 32 * 1024 * 1024,
} as const;

/**
 * The deadline of a JSON request when none is given: `deadlineTimeouts` × `timeoutMs`, at most
 * what a timer waits (a `timeoutMs` of a week would otherwise make a deadline that fires at once).
 */
export function defaultDeadlineMs(timeoutMs: number): number {
  return Math.min(MAX_TIMER_MS, TRANSPORT_DEFAULTS.deadlineTimeouts * timeoutMs);
}
