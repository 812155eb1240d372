import { vi } from 'vitest';

/**
 * Records the delay of every `setTimeout` the code under test asks for (ky's waits for
 * `Retry-After` and backoff among them), passing each through unchanged: a test asserts the
 * delay that was requested instead of measuring the wall clock. Restored after each test by
 * `vi.restoreAllMocks()`, or by `restore()`.
 *
 * @example
 * ```ts
 * const timers = recordTimerDelays();
 * await client.export('measurements', MAY).toArray();
 * expect(timers.delays).toContain(1_000);
 * ```
 */
export function recordTimerDelays(): { delays: number[]; restore: () => void } {
  const delays: number[] = [];
  const real = globalThis.setTimeout;
  const spy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((handler: () => void, ms?: number, ...args: unknown[]) => {
    delays.push(ms ?? 0);
    return real(handler, ms, ...args);
  }) as typeof setTimeout);
  return { delays, restore: () => spy.mockRestore() };
}
