import { checkHeaders, optionalFunction, optionalInteger, optionalMilliseconds, optionalPositive, optionalSignal, requireObject } from './checks.js';

/**
 * The transport's own options: `timeoutMs` and `deadlineMs` above 0 and the `backoff` delays
 * at least 0, each at most what a timer waits (`MAX_TIMER_MS`); `maxRetries` a whole number,
 * `maxJsonBytes` above 0, `fetch` a function.
 */
export function checkTransportOptions(options: {
  timeoutMs?: unknown;
  deadlineMs?: unknown;
  maxRetries?: unknown;
  maxJsonBytes?: unknown;
  fetch?: unknown;
  backoff?: unknown;
}): void {
  const { timeoutMs, deadlineMs, maxRetries, maxJsonBytes, fetch, backoff } = options;
  optionalMilliseconds(timeoutMs, 'timeoutMs');
  optionalMilliseconds(deadlineMs, 'deadlineMs');
  if (backoff !== undefined) {
    requireObject(backoff, 'backoff');
    const { initialDelayMs, maxDelayMs, maxRetryAfterMs } = backoff as Record<string, unknown>;
    for (const [name, value] of Object.entries({ initialDelayMs, maxDelayMs, maxRetryAfterMs })) optionalMilliseconds(value, `backoff.${name}`, { zero: true });
  }
  optionalInteger(maxRetries, 'maxRetries', 0);
  optionalPositive(maxJsonBytes, 'maxJsonBytes');
  optionalFunction(fetch, 'fetch');
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
   * Timeout per attempt of this call's requests, for the response and each gap in a body; at
   * most 2_147_483_647 (about 24.8 days).
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
  optionalSignal(signal);
  checkHeaders(headers, 'headers');
}
