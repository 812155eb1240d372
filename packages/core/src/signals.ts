/**
 * Small helpers around `AbortSignal`. Timers go through `setTimeout` rather than
 * `AbortSignal.timeout` so that tests with fake timers control them.
 */

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
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
    const timer = setTimeout(() => {
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
 * A controller that aborts itself after `ms` with the reason `makeReason()` builds, plus a way
 * to clear the timer. The timer is a plain `setTimeout`, so fake timers drive it.
 */
export function deadline(ms: number, makeReason: () => unknown): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController();
  const timer = Number.isFinite(ms) ? setTimeout(() => controller.abort(makeReason()), ms) : undefined;
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/** Whether an error is the rejection of an aborted signal (ours or the caller's). */
export function isAbortReason(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true && (error === signal.reason || (error as Error | undefined)?.name === 'AbortError');
}
