import { ApiError, ConnectionError, InvalidParamsError, PollTimeoutError, RateLimitError, ReportFailedError } from './errors.js';
import { keysOf, optionalMilliseconds, type MillisecondsRule } from './checks.js';
import type { SdkLog } from './logger.js';
import { anySignal, deadline, sleep } from './signals.js';

/** What a status means to the poller. */
export type PollPhase = 'succeeded' | 'pending' | 'failed' | 'cancelled';

/** Details passed to `onStatus` with each status. */
export interface PollProgress {
  /** 1-based number of the status check. */
  attempt: number;
  /** Milliseconds since waiting started. */
  elapsedMs: number;
}

/**
 * The caller's side of a wait: the options users pass to `waitFor…` methods. Durations are in
 * milliseconds, at most 2_147_483_647 (about 24.8 days); `maxWaitMs` and `failedGraceMs` also
 * take `Infinity`.
 */
export interface WaitOptions<S = string> {
  /**
   * First delay between status checks; later delays grow exponentially, with jitter.
   * @default 1_000
   */
  pollIntervalMs?: number | undefined;
  /**
   * Longest delay between status checks.
   * @default 15_000
   */
  maxPollIntervalMs?: number | undefined;
  /**
   * The longest the whole wait may take; past it the wait is a `PollTimeoutError` carrying the
   * last status. At most 2_147_483_647 (about 24.8 days, the longest a timer waits; a longer one
   * is an `InvalidParamsError`), or `Infinity` to wait for as long as the job runs.
   * @default 1_800_000 (30 minutes)
   */
  maxWaitMs?: number | undefined;
  /**
   * The whole wait, as {@link WaitOptions.maxWaitMs}: the old name, kept working. Give one or
   * the other (both with different values is an `InvalidParamsError`).
   * @deprecated Use `maxWaitMs`: on a client, `timeoutMs` is the limit per HTTP attempt.
   */
  timeoutMs?: number | undefined;
  /**
   * How long a failure state may last before it is final. Some services retry failed jobs
   * themselves (a DexCare report goes FAILED, then QUEUED again).
   * @default 120_000
   */
  failedGraceMs?: number | undefined;
  /** Stops waiting; the call rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Called with every status seen. */
  onStatus?: ((status: S, progress: PollProgress) => void) | undefined;
}

/** The service's side of a wait: how to check, and what each status means. */
export interface PollOptions<S> extends WaitOptions<S> {
  /** Asks the service for the current status once. */
  check: (signal: AbortSignal) => Promise<S>;
  /** What a status means for the wait: `'pending'` (keep polling), `'succeeded'`, `'failed'` or `'cancelled'`. */
  phase: (state: S) => PollPhase;
  /** The status as text, for errors: `'FAILED'`. */
  describe: (state: S) => string;
  /** The job's id, for errors. */
  jobId?: string | undefined;
  /**
   * Whether a failed check is worth another try. By default 5xx, 429, timeouts and dropped
   * connections are; 400, 401, 403 and 404 end the wait at once, since they will not change.
   */
  isTransient?: ((error: unknown) => boolean) | undefined;
  /** Logs each status seen (status, check number, elapsed time) at `debug`. */
  log?: SdkLog | undefined;
}

const DEFAULTS = { pollIntervalMs: 1_000, maxPollIntervalMs: 15_000, maxWaitMs: 30 * 60_000, failedGraceMs: 120_000 } as const;

/**
 * Every key of {@link WaitOptions}, owned here: a client that takes wait options and other
 * options in one object splits them with {@link splitWaitOptions}, so a wait option added
 * later cannot land among the others.
 */
export const WAIT_OPTION_KEYS = keysOf<WaitOptions>()(['pollIntervalMs', 'maxPollIntervalMs', 'maxWaitMs', 'timeoutMs', 'failedGraceMs', 'signal', 'onStatus']);

/**
 * Splits one options object into its wait options and the rest. `signal` goes to both: it
 * stops the wait and whatever follows it.
 *
 * @example
 * ```ts
 * const { wait, rest } = splitWaitOptions({ maxWaitMs: 60_000, schema, signal });
 * ```
 */
export function splitWaitOptions<O extends WaitOptions<never>>(options: O): { wait: Pick<O, keyof WaitOptions>; rest: Omit<O, Exclude<keyof WaitOptions, 'signal'>> } {
  const wait: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if ((WAIT_OPTION_KEYS as readonly string[]).includes(key)) wait[key] = value;
    if (key === 'signal' || !(WAIT_OPTION_KEYS as readonly string[]).includes(key)) rest[key] = value;
  }
  return { wait, rest } as { wait: Pick<O, keyof WaitOptions>; rest: Omit<O, Exclude<keyof WaitOptions, 'signal'>> };
}

/**
 * Checks a status until it succeeds: exponential backoff with jitter between
 * `pollIntervalMs` and `maxPollIntervalMs`, a failure state tolerated for `failedGraceMs`, a
 * cancelled state final at once, and a deadline that ends in `PollTimeoutError` carrying the
 * last status. Transient errors while checking are retried until the deadline.
 *
 * @example
 * ```ts
 * const final = await poll({
 *   check: (signal) => getStatus(id, signal),
 *   phase: (s) => (s.status === 'SUCCEEDED' ? 'succeeded' : s.status === 'FAILED' ? 'failed' : 'pending'),
 *   describe: (s) => s.status,
 *   maxWaitMs: 10 * 60_000,
 * });
 * ```
 */
export async function poll<S>(options: PollOptions<S>): Promise<S> {
  checkWaitOptions(options);
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULTS.pollIntervalMs;
  const maxPollIntervalMs = Math.max(pollIntervalMs, options.maxPollIntervalMs ?? DEFAULTS.maxPollIntervalMs);
  const timeoutMs = options.maxWaitMs ?? options.timeoutMs ?? DEFAULTS.maxWaitMs;
  const failedGraceMs = options.failedGraceMs ?? DEFAULTS.failedGraceMs;
  const isTransient = options.isTransient ?? isTransientError;
  const started = Date.now();
  let lastStatus: string | undefined;
  let lastError: unknown;
  const timeUp = deadline(timeoutMs, () =>
    new PollTimeoutError(`Gave up waiting${jobText(options.jobId)} after ${timeoutMs} ms; last status: ${lastStatus ?? 'none'}`, {
      lastStatus,
      timeoutMs,
      ...(lastError === undefined ? {} : { cause: lastError }),
    }),
  );
  const signal = anySignal(options.signal, timeUp.signal);
  let failedSince: number | undefined;
  try {
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) await sleep(backoff(attempt - 1, pollIntervalMs, maxPollIntervalMs), signal);
      let state: S;
      try {
        state = await options.check(signal);
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        if (!isTransient(error)) throw error;
        lastError = error;
        continue;
      }
      lastError = undefined;
      lastStatus = options.describe(state);
      options.log?.debug('poll status', { job: options.jobId, status: lastStatus, attempt, elapsedMs: Date.now() - started });
      options.onStatus?.(state, { attempt, elapsedMs: Date.now() - started });
      const phase = options.phase(state);
      if (phase === 'succeeded') return state;
      if (phase === 'cancelled') throw failure(lastStatus, options.jobId, 'was cancelled');
      if (phase !== 'failed') {
        failedSince = undefined;
        continue;
      }
      failedSince ??= Date.now();
      if (Date.now() - failedSince >= failedGraceMs) {
        throw failure(lastStatus, options.jobId, `stayed ${lastStatus} for ${failedGraceMs} ms`);
      }
    }
  } finally {
    timeUp.clear();
  }
}

/**
 * Refuses wait options that make no sense, with an `InvalidParamsError`: a `NaN` or negative
 * interval would poll the server in a tight loop, and a duration above `MAX_TIMER_MS` (about
 * 24.8 days) would fire its timer at once. Timeouts may be `Infinity`; the failure grace may also
 * be 0. {@link poll} calls it; a client calls it itself to refuse bad options before it starts
 * the job it would wait for.
 */
export function checkWaitOptions(options: WaitOptions<never>): void {
  const rules: [keyof WaitOptions, MillisecondsRule][] = [
    ['pollIntervalMs', {}],
    ['maxPollIntervalMs', {}],
    ['maxWaitMs', { infinite: true }],
    ['timeoutMs', { infinite: true }],
    ['failedGraceMs', { zero: true, infinite: true }],
  ];
  for (const [param, rule] of rules) optionalMilliseconds(options[param], param, rule);
  if (options.maxWaitMs !== undefined && options.timeoutMs !== undefined && options.maxWaitMs !== options.timeoutMs) {
    throw new InvalidParamsError('timeoutMs must not differ from maxWaitMs: it is the deprecated name of the same limit', { param: 'timeoutMs' });
  }
}

/** AWS-waiter style: a random delay between the minimum and an exponentially growing ceiling. */
function backoff(attempt: number, min: number, max: number): number {
  const ceiling = Math.min(max, min * 2 ** (attempt - 1));
  return min + Math.random() * (ceiling - min);
}

/** 5xx, 408, 429, timeouts and dropped connections: worth checking again. */
export function isTransientError(error: unknown): boolean {
  if (error instanceof RateLimitError || error instanceof ConnectionError) return true;
  return error instanceof ApiError && (error.status >= 500 || error.status === 408);
}

function failure(status: string, jobId: string | undefined, what: string): ReportFailedError {
  return new ReportFailedError(`The job${jobText(jobId)} ${what}`, { status, ...(jobId === undefined ? {} : { reportId: jobId }) });
}

function jobText(jobId: string | undefined): string {
  return jobId === undefined ? '' : ` ${jobId}`;
}
