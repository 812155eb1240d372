import { HTTPError, isTimeoutError, type RetryOptions } from 'ky';
import { ApiError, SdkError } from './errors.js';
import { requestedWait, WAIT_HEADERS } from './response-details.js';
import { provesNotProcessed } from './unprocessed.js';

/**
 * The retry policy of one request, as ky options: which failures are retried, and how long to
 * wait before each retry. ky computes the wait itself; this policy computes it first and hands
 * it to ky, so that the `onRetry` callback (the "retry scheduled" log line) names the very delay
 * that is about to be slept.
 */

/** Statuses worth another attempt. */
export const RETRY_STATUS_CODES = [408, 429, 500, 502, 503, 504];
/** Statuses whose `Retry-After` is honoured. */
export const RETRY_AFTER_STATUS_CODES = [429, 503];
const ALL_METHODS: NonNullable<RetryOptions['methods']> = ['get', 'post', 'put', 'patch', 'head', 'delete', 'options'];

/** Backoff settings after defaults are filled. */
export interface RetrySettings {
  initialDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
}

/** A retry about to be waited for. */
export interface RetryEvent {
  /** `'status 503'`, `'timeout'`, `'connection lost'`: never a message, which may quote a server. */
  reason: string;
  /** The wait before the retry. */
  delayMs: number;
  /** 1-based number of the retry. */
  retry: number;
}

/**
 * ky retry options for one request: retries on 408, 429, 5xx, timeouts and dropped connections,
 * exponential backoff with full jitter capped at `maxDelayMs`, a `Retry-After` honoured up to
 * `maxRetryAfterMs` (a longer one is not retried: it is the caller's decision).
 *
 * @example
 * ```ts
 * ky(url, { retry: retryPolicy(2, settings, (event) => log.info('retry scheduled', event)) });
 * ```
 */
export function retryPolicy(
  limit: number,
  settings: RetrySettings,
  onRetry: (event: RetryEvent) => void,
  retryWhen: 'any' | 'unprocessed' = 'any',
): RetryOptions {
  let nextDelayMs = 0;
  return {
    limit,
    methods: ALL_METHODS,
    statusCodes: RETRY_STATUS_CODES,
    afterStatusCodes: RETRY_AFTER_STATUS_CODES,
    maxRetryAfter: settings.maxRetryAfterMs,
    // The jittered, capped delay is computed in shouldRetry; ky takes it as it is.
    delay: () => nextDelayMs,
    jitter: (delay) => delay,
    backoffLimit: Number.POSITIVE_INFINITY,
    retryOnTimeout: true,
    shouldRetry: ({ error, retryCount }) => {
      // A request that creates something is sent again only when the failure proves it was not acted on.
      if (retryWhen === 'unprocessed' && !provesNotProcessed(error)) return false;
      // Raised while reading a body (one too large): another attempt would read the same.
      if (error instanceof ApiError) return false;
      if (error instanceof HTTPError) {
        const { status } = error.response;
        if (!RETRY_STATUS_CODES.includes(status)) return undefined;
        const header = RETRY_AFTER_STATUS_CODES.includes(status) ? waitHeader(error.response.headers) : undefined;
        // ky waits for a Retry-After without consulting `delay`; a longer one than the cap is
        // the caller's decision, not a silent hour inside a call.
        const wait = header === undefined ? undefined : (requestedWait((name) => error.response.headers.get(name)) ?? settings.maxRetryAfterMs);
        if (wait !== undefined && wait > settings.maxRetryAfterMs) return false;
        // ky retries this one after a delay and never reads its body. Release the body now:
        // an abort during the delay would otherwise have undici cancel the unread body itself
        // and rethrow the abort reason as an unhandled rejection.
        void error.response.body?.cancel().catch(() => undefined);
        nextDelayMs = wait ?? backoff(retryCount, settings);
        onRetry({ reason: `status ${status}`, delayMs: nextDelayMs, retry: retryCount });
        return undefined;
      }
      nextDelayMs = backoff(retryCount, settings);
      onRetry({ reason: failureKind(error), delayMs: nextDelayMs, retry: retryCount });
      return undefined;
    },
  };
}

function backoff(retry: number, { initialDelayMs, maxDelayMs }: RetrySettings): number {
  return Math.min(maxDelayMs, Math.random() * initialDelayMs * 2 ** (retry - 1));
}

/** The first wait header ky would read, when one is present. */
function waitHeader(headers: Headers): string | undefined {
  return WAIT_HEADERS.map((name) => headers.get(name)).find((value) => value !== null && value !== '') ?? undefined;
}

/** What kind of failure an error is, in words that quote nothing a server sent. */
function failureKind(error: unknown): string {
  if (isTimeoutError(error)) return 'timeout';
  if (error instanceof SdkError) return error.name;
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return typeof code === 'string' ? `connection failed (${code})` : 'connection failed';
}
