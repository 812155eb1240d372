import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  ApiError,
  AuthenticationError,
  DexCareReportingClient,
  InvalidParamsError,
  NotFoundError,
  PollTimeoutError,
  ReportFailedError,
  type AvrReportStatus,
  type WaitForAvrReportOptions,
} from '../src/index.js';
import { FAKE_BASE_URL, type DexCareHandlersOptions } from '../src/testing.js';
import { caught, fakeDexCare, FAST_WAIT, useMockServer } from './helpers/index.js';

const server = useMockServer();
const STATUS_URL = `${FAKE_BASE_URL}/api/8/reporting/allvisitsreport/:id`;

afterEach(() => {
  vi.useRealTimers();
});

/** Starts a report on the fake and waits for it, collecting every status seen. */
async function startAndWait(options: DexCareHandlersOptions, wait: WaitForAvrReportOptions = {}) {
  const { dex, mock } = fakeDexCare(server, options, { maxRetries: 0 });
  const { id } = await dex.startAvrReport({ type: 'virtual' });
  const seen: string[] = [];
  const outcome = await dex
    .waitForAvrReport(id, { ...FAST_WAIT, onStatus: ({ status }) => seen.push(status), ...wait })
    .then((value: AvrReportStatus) => ({ value, error: undefined }), (error: unknown) => ({ value: undefined, error }));
  return { ...outcome, seen, id, mock, dex };
}

describe('waitForAvrReport', () => {
  test('QUEUED → RUNNING → SUCCEEDED resolves with the final status and reports each one', async () => {
    const { value, seen } = await startAndWait({});
    expect(value).toEqual({ status: 'SUCCEEDED' });
    expect(seen).toEqual(['QUEUED', 'RUNNING', 'SUCCEEDED']);
  });

  test('statuses in another case (succeeded, Failed) are matched: done is done, not polled for 30 minutes', async () => {
    const done = await startAndWait({ avr: { lifecycle: ['queued', 'Running', 'succeeded'] } });
    expect(done.value).toEqual({ status: 'succeeded' });
    expect(done.seen).toEqual(['queued', 'Running', 'succeeded']);
    const failed = await startAndWait({ avr: { lifecycle: ['Queued', 'Failed'] } }, { failedGraceMs: 0 });
    expect(failed.error).toBeInstanceOf(ReportFailedError);
    expect((failed.error as ReportFailedError).status).toBe('Failed');
    const cancelled = await startAndWait({ avr: { lifecycle: ['cancelled'] } });
    expect(cancelled.error).toBeInstanceOf(ReportFailedError);
  });

  test('a status nobody knows (PAUSED_FOR_MAINTENANCE) keeps the wait going and reaches onStatus verbatim', async () => {
    const { value, seen } = await startAndWait({ avr: { lifecycle: ['QUEUED', 'Paused_For_Maintenance', 'Paused_For_Maintenance', 'SUCCEEDED'] } });
    expect(value?.status).toBe('SUCCEEDED');
    expect(seen).toEqual(['QUEUED', 'Paused_For_Maintenance', 'Paused_For_Maintenance', 'SUCCEEDED']);
  });

  test('a FAILED that turns back into QUEUED (DexCare’s auto-retry) is waited through', async () => {
    const { value, seen } = await startAndWait({ avr: { lifecycle: 'transient-failure' } });
    expect(value?.status).toBe('SUCCEEDED');
    expect(seen).toEqual(['QUEUED', 'RUNNING', 'FAILED', 'QUEUED', 'RUNNING', 'SUCCEEDED']);
  });

  test('FAILED that lasts failedGraceMs is a ReportFailedError carrying the status and report id', async () => {
    const { error, seen, id } = await startAndWait({ avr: { lifecycle: 'fails' } }, { failedGraceMs: 30 });
    expect(error).toBeInstanceOf(ReportFailedError);
    expect((error as ReportFailedError).status).toBe('FAILED');
    expect((error as ReportFailedError).reportId).toBe(id);
    // It kept asking during the grace period rather than giving up at the first FAILED.
    expect(seen.filter((status) => status === 'FAILED').length).toBeGreaterThan(1);
  });

  test('failedGraceMs: 0 makes the first FAILED final', async () => {
    const { error, seen } = await startAndWait({ avr: { lifecycle: 'fails' } }, { failedGraceMs: 0 });
    expect(error).toBeInstanceOf(ReportFailedError);
    expect(seen).toEqual(['QUEUED', 'RUNNING', 'FAILED']);
  });

  test('CANCELLED is a ReportFailedError at once', async () => {
    const { error, seen } = await startAndWait({ avr: { lifecycle: 'cancelled' } }, { failedGraceMs: 60_000 });
    expect(error).toBeInstanceOf(ReportFailedError);
    expect((error as ReportFailedError).status).toBe('CANCELLED');
    expect(seen).toEqual(['QUEUED', 'CANCELLED']);
  });

  test('a report that never finishes is a PollTimeoutError with the last status', async () => {
    const { error } = await startAndWait({ avr: { lifecycle: ['RUNNING'] } }, { timeoutMs: 100 });
    expect(error).toBeInstanceOf(PollTimeoutError);
    expect((error as PollTimeoutError).lastStatus).toBe('RUNNING');
    expect((error as PollTimeoutError).timeoutMs).toBe(100);
  });

  test('a status DexCare adds later counts as pending', async () => {
    const { value, seen } = await startAndWait({ avr: { lifecycle: ['QUEUED', 'PAUSED_FOR_MAINTENANCE', 'SUCCEEDED'] } });
    expect(value?.status).toBe('SUCCEEDED');
    expect(seen).toContain('PAUSED_FOR_MAINTENANCE');
  });

  test('statuses that move with time are polled until they get there', async () => {
    // Only the clock is fake: each status check moves it 400 ms, so the report moves every third check.
    vi.useFakeTimers({ toFake: ['Date'] });
    const statuses: string[] = [];
    const onStatus = ({ status }: AvrReportStatus) => {
      statuses.push(status);
      vi.advanceTimersByTime(400);
    };
    const { value } = await startAndWait({ avr: { advance: { everyMs: 1_000 } } }, { onStatus });
    expect(value?.status).toBe('SUCCEEDED');
    expect(statuses).toEqual(['QUEUED', 'QUEUED', 'QUEUED', 'RUNNING', 'RUNNING', 'SUCCEEDED']);
  });

  test('a run of 500s while polling is polled through', async () => {
    const { value, mock, id } = await startAndWait({ avr: { serverErrors: 3 } });
    expect(value?.status).toBe('SUCCEEDED');
    expect(mock.reports.get(id)?.serverErrors).toBe(3);
  });

  test('dropped connections and 429s while polling are polled through', async () => {
    const { dex, mock } = fakeDexCare(server, {}, { maxRetries: 0 });
    let faults = 0;
    server.use(
      http.get(STATUS_URL, () => {
        faults += 1;
        if (faults === 1) return HttpResponse.error();
        if (faults === 2) return HttpResponse.json({ error: 'slow down' }, { status: 429, headers: { 'retry-after': '0' } });
        return undefined;
      }),
    );
    const { id } = await dex.startAvrReport({ type: 'virtual' });
    expect(await dex.waitForAvrReport(id, FAST_WAIT)).toEqual({ status: 'SUCCEEDED' });
    expect(faults).toBeGreaterThan(2);
    expect(mock.reports.get(id)?.statuses).toEqual(['QUEUED', 'RUNNING', 'SUCCEEDED']);
  });

  test.each([
    [400, { msg: "getAvrQueryStatus bad request', x, y" }, ApiError],
    [401, { message: 'Unauthorized' }, AuthenticationError],
    [403, { message: 'Authorization failed: bad service token' }, AuthenticationError],
    [404, { error: 'QueryExecution Not Found' }, NotFoundError],
  ])('a %i ends the wait at once', async (status, body, kind) => {
    const { dex } = fakeDexCare(server);
    let checks = 0;
    server.use(
      http.get(STATUS_URL, () => {
        checks += 1;
        return HttpResponse.json(body, { status });
      }),
    );
    const { id } = await dex.startAvrReport({ type: 'virtual' });
    const error = await caught(dex.waitForAvrReport(id, { ...FAST_WAIT, timeoutMs: 5_000 }));
    expect(error).toBeInstanceOf(kind);
    expect((error as ApiError).status).toBe(status);
    expect(checks).toBe(1);
  });

  test('aborting stops the wait with the signal’s reason, and no status is asked for after', async () => {
    const { dex, mock } = fakeDexCare(server, { avr: { lifecycle: ['QUEUED'] } });
    const { id } = await dex.startAvrReport({ type: 'virtual' });
    const controller = new AbortController();
    const reason = new Error('shutting down');
    const wait = dex.waitForAvrReport(id, {
      ...FAST_WAIT,
      onStatus: (_, { attempt }) => {
        if (attempt === 3) controller.abort(reason);
      },
      signal: controller.signal,
    });
    expect(await caught(wait)).toBe(reason);
    const checks = mock.reports.get(id)!.statuses.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(mock.reports.get(id)!.statuses.length).toBe(checks);
  });

  test.each([
    ['pollIntervalMs', { pollIntervalMs: 0 }],
    ['pollIntervalMs', { pollIntervalMs: Number.NaN }],
    ['maxPollIntervalMs', { maxPollIntervalMs: -5 }],
    ['timeoutMs', { timeoutMs: 0 }],
    ['failedGraceMs', { failedGraceMs: -1 }],
    ['maxWaitMs', { maxWaitMs: 30 * 24 * 60 * 60 * 1_000 }],
    ['pollIntervalMs', { pollIntervalMs: 30 * 24 * 60 * 60 * 1_000 }],
  ])('refuses a bad %s before any request', async (param, options) => {
    const { dex, mock } = fakeDexCare(server);
    const error = await caught(dex.waitForAvrReport('3b690e39-4659-40f9-9909-58b27c0a4383', options));
    expect(error).toBeInstanceOf(InvalidParamsError);
    expect((error as InvalidParamsError).param).toBe(param);
    expect(mock.requests).toHaveLength(0);
  });

  test('a wait of 30 days (maxWaitMs above 2^31 − 1 ms, which a timer fires at once) is an InvalidParamsError before any request, not a PollTimeoutError at once', async () => {
    const { dex, mock } = fakeDexCare(server);
    const error = await caught(dex.waitForAvrReport('3b690e39-4659-40f9-9909-58b27c0a4383', { maxWaitMs: 30 * 24 * 60 * 60 * 1_000 }));
    expect(error).toBeInstanceOf(InvalidParamsError);
    expect(error).toMatchObject({ param: 'maxWaitMs', message: 'maxWaitMs must be a number of milliseconds above 0 and at most 2147483647 (about 24.8 days), or Infinity' });
    expect(mock.requests).toHaveLength(0);
    expect(() => dex.runAvrReport({ type: 'virtual' }, { maxWaitMs: 30 * 24 * 60 * 60 * 1_000 })).toThrow(InvalidParamsError);
    expect(mock.requests).toHaveLength(0);
  });

  test('refuses an id that is not a GUID before any request', async () => {
    const { dex, mock } = fakeDexCare(server);
    expect(await caught(dex.waitForAvrReport('report-1'))).toBeInstanceOf(InvalidParamsError);
    expect(mock.requests).toHaveLength(0);
  });
});

describe('waitForAvrReport defaults (fake timers)', () => {
  /** A client whose status checks come from a script, so fake timers drive the whole wait. */
  function scripted(statuses: (now: number) => string) {
    const checks: number[] = [];
    const fetch = async (input: RequestInfo | URL) => {
      checks.push(Date.now());
      const url = String(input instanceof Request ? input.url : input);
      if (!url.includes('/allvisitsreport/')) throw new Error(`unexpected request ${url}`);
      return Response.json({ status: statuses(Date.now()) });
    };
    const dex = new DexCareReportingClient({ baseUrl: FAKE_BASE_URL, serviceKey: 'k', fetch });
    return { dex, checks };
  }
  const ID = '3b690e39-4659-40f9-9909-58b27c0a4383';

  test('waits about 1 s first, never more than 15 s between checks, and treats FAILED as final after 2 minutes', async () => {
    vi.useFakeTimers();
    const started = Date.now();
    const { dex, checks } = scripted(() => 'FAILED');
    const outcome = caught(dex.waitForAvrReport(ID));
    await vi.advanceTimersByTimeAsync(200_000);
    const error = await outcome;
    expect(error).toBeInstanceOf(ReportFailedError);
    const gaps = checks.slice(1).map((at, i) => at - checks[i]!);
    expect(checks[0]).toBe(started);
    expect(gaps[0]).toBeGreaterThanOrEqual(1_000);
    expect(gaps[0]).toBeLessThanOrEqual(2_000);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(15_000);
    const finalAt = checks.at(-1)! - started;
    expect(finalAt).toBeGreaterThanOrEqual(120_000);
    expect(finalAt).toBeLessThan(120_000 + 15_000 + 1);
  });

  test('gives up after 30 minutes with a PollTimeoutError', async () => {
    vi.useFakeTimers();
    const { dex } = scripted(() => 'RUNNING');
    const outcome = caught(dex.waitForAvrReport(ID));
    await vi.advanceTimersByTimeAsync(30 * 60_000 - 1);
    let settled = false;
    void outcome.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(PollTimeoutError);
    expect((error as PollTimeoutError).timeoutMs).toBe(30 * 60_000);
    expect((error as PollTimeoutError).lastStatus).toBe('RUNNING');
  });
});
