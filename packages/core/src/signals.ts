import { MAX_TIMER_MS } from './checks.js';

/**
 * Small helpers around `AbortSignal`. Timers go through `setTimeout` rather than
 * `AbortSignal.timeout` so that tests with fake timers control them.
 */

/** Waits `ms` (at most `MAX_TIMER_MS`), or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = startTimer(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A signal that aborts when any of the given ones does (`undefined` entries are skipped). */
export function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal {
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  if (present.length === 1) return present[0]!;
  return AbortSignal.any(present);
}

/**
 * A controller that aborts itself after `ms` (at most `MAX_TIMER_MS`; `Infinity` never) with the
 * reason `makeReason()` builds, plus a way to clear the timer. The timer is a plain
 * `setTimeout`, so fake timers drive it.
 */
export function deadline(ms: number, makeReason: () => unknown): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController();
  const timer = ms === Number.POSITIVE_INFINITY ? undefined : startTimer(() => controller.abort(makeReason()), ms);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/** Whether an error is the rejection of an aborted signal (ours or the caller's). */
export function isAbortReason(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true && (error === signal.reason || (error as Error | undefined)?.name === 'AbortError');
}

/**
 * `setTimeout`, refusing a delay it would cut to 1 ms. Options are refused above it before any
 * request (`optionalMilliseconds`); this catches a delay derived from them that was not bounded.
 */
function startTimer(callback: () => void, ms: number): ReturnType<typeof setTimeout> {
  if (!(ms <= MAX_TIMER_MS)) throw new RangeError(`a timer of ${ms} ms would fire at once: the longest is ${MAX_TIMER_MS} ms`);
  return setTimeout(callback, ms);
}
