import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ApiError, ConnectionError, InvalidParamsError, NotFoundError, PollTimeoutError, RateLimitError, ReportFailedError, type PollPhase } from '@x/core';
import { poll, splitWaitOptions, WAIT_OPTION_KEYS, type PollOptions } from '@x/core/internal';

type Status = string;
const PHASES: Record<string, PollPhase> = { SUCCEEDED: 'succeeded', FAILED: 'failed', CANCELLED: 'cancelled' };
const THIRTY_DAYS = 30 * 24 * 60 * 60 * 1_000;

/** A status source that answers from a script (the last entry repeats), logging when it was asked. */
function script(...steps: (Status | Error)[]) {
  const calls: number[] = [];
  const check = vi.fn(async () => {
    calls.push(Date.now());
    const step = steps[Math.min(calls.length - 1, steps.length - 1)]!;
    if (step instanceof Error) throw step;
    return step;
  });
  return { check, calls };
}

function options(check: PollOptions<Status>['check'], extra: Partial<PollOptions<Status>> = {}): PollOptions<Status> {
  return { check, phase: (s) => PHASES[s] ?? 'pending', describe: (s) => s, jobId: 'r-1', ...extra };
}

/** Runs a poll to completion under fake timers. */
async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  const outcome = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.runAllTimersAsync();
  return outcome;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('poll', () => {
  test('resolves on success and reports every status', async () => {
    const { check } = script('QUEUED', 'RUNNING', 'RUNNING', 'SUCCEEDED');
    const onStatus = vi.fn();
    const { value } = await settle(poll(options(check, { onStatus })));
    expect(value).toBe('SUCCEEDED');
    expect(onStatus.mock.calls.map(([status, progress]) => [status, progress.attempt])).toEqual([
      ['QUEUED', 1],
      ['RUNNING', 2],
      ['RUNNING', 3],
      ['SUCCEEDED', 4],
    ]);
  });

  test('checks at once, then backs off exponentially between the two intervals', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const { check, calls } = script(...Array<Status>(8).fill('RUNNING'), 'SUCCEEDED');
    const started = Date.now();
    await settle(poll(options(check, { pollIntervalMs: 1_000, maxPollIntervalMs: 10_000 })));
    const gaps = calls.map((at, i) => at - (calls[i - 1] ?? started));
    expect(gaps).toEqual([0, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000, 10_000]);
  });

  test('jitter keeps every delay within the bounds', async () => {
    const { check, calls } = script(...Array<Status>(20).fill('RUNNING'), 'SUCCEEDED');
    await settle(poll(options(check, { pollIntervalMs: 500, maxPollIntervalMs: 3_000 })));
    const gaps = calls.slice(1).map((at, i) => at - calls[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(500);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(3_000);
  });

  test('a failure that turns back into a queue within the grace period is not final', async () => {
    const { check } = script('RUNNING', 'FAILED', 'FAILED', 'QUEUED', 'RUNNING', 'SUCCEEDED');
    const { value } = await settle(poll(options(check, { pollIntervalMs: 1_000, maxPollIntervalMs: 1_000, failedGraceMs: 5_000 })));
    expect(value).toBe('SUCCEEDED');
  });

  test('a failure that outlasts the grace period is a ReportFailedError with the status', async () => {
    const { check, calls } = script('RUNNING', 'FAILED');
    const { error } = await settle(poll(options(check, { pollIntervalMs: 1_000, maxPollIntervalMs: 1_000, failedGraceMs: 5_000 })));
    expect(error).toBeInstanceOf(ReportFailedError);
    expect(error).toMatchObject({ status: 'FAILED', reportId: 'r-1' });
    // First FAILED at t=1s; final at the first check 5 s later.
    expect(calls.at(-1)! - calls[1]!).toBe(5_000);
  });

  test('a failure grace of 0 fails at the first FAILED', async () => {
    const { check, calls } = script('FAILED');
    const { error } = await settle(poll(options(check, { failedGraceMs: 0 })));
    expect(error).toBeInstanceOf(ReportFailedError);
    expect(calls).toHaveLength(1);
  });

  test('a cancelled job fails at once', async () => {
    const { check, calls } = script('QUEUED', 'CANCELLED', 'SUCCEEDED');
    const { error } = await settle(poll(options(check)));
    expect(error).toBeInstanceOf(ReportFailedError);
    expect((error as ReportFailedError).status).toBe('CANCELLED');
    expect(calls).toHaveLength(2);
  });

  test('runs out of time with a PollTimeoutError carrying the last status', async () => {
    const { check } = script('QUEUED', 'RUNNING');
    const { error } = await settle(poll(options(check, { timeoutMs: 60_000 })));
    expect(error).toBeInstanceOf(PollTimeoutError);
    expect(error).toMatchObject({ lastStatus: 'RUNNING', timeoutMs: 60_000 });
  });

  test('maxWaitMs bounds the whole wait; timeoutMs, its deprecated alias, still does', async () => {
    for (const limit of [{ maxWaitMs: 45_000 }, { timeoutMs: 45_000 }, { maxWaitMs: 45_000, timeoutMs: 45_000 }]) {
      const { check } = script('RUNNING');
      const { error } = await settle(poll(options(check, limit)));
      expect(error).toBeInstanceOf(PollTimeoutError);
      expect(error).toMatchObject({ lastStatus: 'RUNNING', timeoutMs: 45_000 });
    }
  });

  test('maxWaitMs and a different timeoutMs are refused before the first check: one limit, two names', async () => {
    const { check } = script('SUCCEEDED');
    const error = await poll(options(check, { maxWaitMs: 1_000, timeoutMs: 2_000 })).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'InvalidParamsError', param: 'timeoutMs' });
    expect(check).not.toHaveBeenCalled();
  });

  test('a check that hangs is cut off at the deadline', async () => {
    const check = vi.fn((signal: AbortSignal) => new Promise<Status>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))));
    const { error } = await settle(poll(options(check, { timeoutMs: 10_000 })));
    expect(error).toBeInstanceOf(PollTimeoutError);
    expect((error as PollTimeoutError).lastStatus).toBeUndefined();
  });

  test('keeps polling through 5xx, 429 and dropped connections', async () => {
    const init = { method: 'GET', url: 'https://x.test/r' };
    const { check } = script(
      'QUEUED',
      new ApiError({ ...init, status: 503 }),
      new RateLimitError({ ...init, status: 429 }),
      new ConnectionError('reset'),
      'SUCCEEDED',
    );
    const { value } = await settle(poll(options(check)));
    expect(value).toBe('SUCCEEDED');
  });

  test('stops at once on an error that will not change (404)', async () => {
    const notFound = new NotFoundError({ status: 404, method: 'GET', url: 'https://x.test/r' });
    const { check, calls } = script('QUEUED', notFound);
    const { error } = await settle(poll(options(check)));
    expect(error).toBe(notFound);
    expect(calls).toHaveLength(2);
  });

  test('a deadline reached during transient errors keeps the last error as cause', async () => {
    const down = new ConnectionError('down');
    const { check } = script('RUNNING', down);
    const { error } = await settle(poll(options(check, { timeoutMs: 30_000 })));
    expect(error).toBeInstanceOf(PollTimeoutError);
    expect((error as PollTimeoutError).cause).toBe(down);
    expect((error as PollTimeoutError).lastStatus).toBe('RUNNING');
  });

  test('the caller’s signal stops the wait with its reason', async () => {
    const { check, calls } = script('RUNNING');
    const controller = new AbortController();
    const reason = new Error('shutdown');
    setTimeout(() => controller.abort(reason), 5_500);
    const { error } = await settle(poll(options(check, { signal: controller.signal, pollIntervalMs: 1_000, maxPollIntervalMs: 1_000 })));
    expect(error).toBe(reason);
    expect(calls).toHaveLength(6);
  });

  test.each([
    ['pollIntervalMs', Number.NaN],
    ['pollIntervalMs', 0],
    ['maxPollIntervalMs', Number.POSITIVE_INFINITY],
    ['timeoutMs', -1],
    ['failedGraceMs', Number.NaN],
  ] as const)('refuses %s = %s before the first check', async (param, value) => {
    const { check } = script('SUCCEEDED');
    const error = await poll(options(check, { [param]: value })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidParamsError);
    expect((error as InvalidParamsError).param).toBe(param);
    expect(check).not.toHaveBeenCalled();
  });

  test.each(['maxWaitMs', 'timeoutMs', 'pollIntervalMs', 'maxPollIntervalMs', 'failedGraceMs'] as const)(
    'a %s of 30 days (above 2^31 − 1 ms, the longest a timer waits: setTimeout cuts a longer one to 1 ms) is refused before the first check, not a wait that ends at once',
    async (param) => {
      const { check } = script('SUCCEEDED');
      const error = await poll(options(check, { [param]: THIRTY_DAYS })).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidParamsError);
      expect(error).toMatchObject({ param, message: expect.stringMatching(new RegExp(`^${param} must be a number of milliseconds .*at most 2147483647 \\(about 24\\.8 days\\)`)) });
      expect(check).not.toHaveBeenCalled();
    },
  );

  test('a wait of 2^31 − 1 ms, the longest a timer waits, runs its course', async () => {
    const { check, calls } = script('RUNNING');
    const longest = 2 ** 31 - 1;
    const { error } = await settle(poll(options(check, { maxWaitMs: longest, pollIntervalMs: longest / 4, maxPollIntervalMs: longest / 4 })));
    expect(error).toBeInstanceOf(PollTimeoutError);
    expect(calls.at(-1)! - calls[0]!).toBeGreaterThanOrEqual(longest * 0.75);
  });

  test('accepts an infinite timeout and a zero failure grace', async () => {
    const { check } = script('SUCCEEDED');
    const { value } = await settle(poll(options(check, { timeoutMs: Number.POSITIVE_INFINITY, failedGraceMs: 0 })));
    expect(value).toBe('SUCCEEDED');
  });
});

describe('splitWaitOptions', () => {
  test('every wait option goes to the wait and nowhere else; the signal to both; the rest to the rest', () => {
    const signal = new AbortController().signal;
    const onStatus = () => undefined;
    const wait = { pollIntervalMs: 1, maxPollIntervalMs: 2, maxWaitMs: 3, timeoutMs: 3, failedGraceMs: 4, signal, onStatus };
    expect(Object.keys(wait).sort()).toEqual([...WAIT_OPTION_KEYS].sort());
    const split = splitWaitOptions({ ...wait, schema: 'rows', encoding: 'latin1' });
    expect(split.wait).toEqual(wait);
    expect(split.rest).toEqual({ schema: 'rows', encoding: 'latin1', signal });
  });
});
