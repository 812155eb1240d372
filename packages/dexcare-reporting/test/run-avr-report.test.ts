import { z } from 'zod';
import { describe, expect, test, vi } from 'vitest';
import { InvalidParamsError, PollTimeoutError, ReportFailedError, values, type AvrReportParams } from '../src/index.js';
import { caught, collect, fakeDexCare, FAST_WAIT, useMockServer } from './helpers/index.js';

const server = useMockServer();

describe('runAvrReport', () => {
  test('starts, waits and streams the rows in one loop', async () => {
    const { dex, mock } = fakeDexCare(server, { avr: { lifecycle: 'transient-failure', visits: { rows: 40 } } });
    const statuses: string[] = [];
    const rows = await collect(
      dex.runAvrReport({ type: 'retail', startDate: '2024-05-01', endDate: '2024-05-08' }, { ...FAST_WAIT, onStatus: ({ status }) => statuses.push(status) }),
    );
    expect(rows).toEqual(mock.visits);
    expect(statuses).toEqual(['QUEUED', 'RUNNING', 'FAILED', 'QUEUED', 'RUNNING', 'SUCCEEDED']);
    const [report] = mock.reports.values();
    expect(report).toMatchObject({ type: 'retail', startDate: '2024-05-01T00:00:00.000Z', endDate: '2024-05-08T00:00:00.000Z' });
  });

  test('with a schema the rows are typed', async () => {
    const { dex, mock } = fakeDexCare(server, { avr: { visits: { rows: 3 } } });
    const Visit = z.looseObject({ visit_id: values.string(), created_at: values.timestamp() });
    const rows = await collect(dex.runAvrReport({ type: 'virtual' }, { ...FAST_WAIT, schema: Visit }));
    expect(rows.map((row) => row.created_at)).toEqual(mock.visits.map((visit) => new Date(visit.created_at)));
  });

  test('is lazy: nothing is sent until the loop starts', async () => {
    const { dex, mock } = fakeDexCare(server);
    const rows = dex.runAvrReport({ type: 'virtual' }, FAST_WAIT);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(mock.requests).toHaveLength(0);
    await collect(rows);
    expect(mock.reports.size).toBe(1);
  });

  test('refuses bad parameters at the call, before any request', async () => {
    const { dex, mock } = fakeDexCare(server);
    expect(() => dex.runAvrReport({ type: 'virtual', startDate: '2024-05-01' } as unknown as AvrReportParams)).toThrow(InvalidParamsError);
    expect(() => dex.runAvrReport({ type: 'virtual' }, { pollIntervalMs: -1 })).toThrow(InvalidParamsError);
    expect(mock.requests).toHaveLength(0);
  });

  test('maxWaitMs bounds the wait of a report stuck RUNNING, and timeoutMs still does as its deprecated alias', async () => {
    for (const limit of [{ maxWaitMs: 30 }, { timeoutMs: 30 }]) {
      const { dex, mock } = fakeDexCare(server, { avr: { lifecycle: ['RUNNING'] } });
      const error = await caught(collect(dex.runAvrReport({ type: 'virtual' }, { ...FAST_WAIT, ...limit })));
      expect(error).toBeInstanceOf(PollTimeoutError);
      expect(error).toMatchObject({ lastStatus: 'RUNNING', timeoutMs: 30 });
      expect(mock.requests.some((request) => request.path.endsWith('/data'))).toBe(false);
    }
  });

  test('refuses maxWaitMs with a different timeoutMs at the call: one limit under two names', () => {
    const { dex, mock } = fakeDexCare(server);
    expect(() => dex.runAvrReport({ type: 'virtual' }, { maxWaitMs: 60_000, timeoutMs: 1_000 })).toThrow(InvalidParamsError);
    expect(mock.requests).toHaveLength(0);
  });

  test('hands the report id to onStarted before the first status check, and awaits it', async () => {
    const { dex, mock } = fakeDexCare(server);
    const onStarted = vi.fn(async (id: string) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(mock.requests.map((request) => request.method)).toEqual(['POST']);
      expect(mock.reports.has(id)).toBe(true);
    });
    await collect(dex.runAvrReport({ type: 'virtual' }, { ...FAST_WAIT, onStarted }));
    expect(onStarted).toHaveBeenCalledOnce();
    expect(onStarted).toHaveBeenCalledWith([...mock.reports.keys()][0]);
  });

  test('a crashed job picks the report up again with waitForAvrReport and getAvrResultRows', async () => {
    const { dex, mock } = fakeDexCare(server, { avr: { lifecycle: ['QUEUED', 'RUNNING', 'RUNNING', 'RUNNING', 'SUCCEEDED'], visits: { rows: 25 } } });
    let saved: string | undefined;
    const crash = new Error('the job was killed');
    const controller = new AbortController();
    const firstRun = dex.runAvrReport(
      { type: 'virtual' },
      {
        ...FAST_WAIT,
        signal: controller.signal,
        onStarted: (id) => {
          saved = id;
        },
        onStatus: ({ status }) => {
          if (status === 'RUNNING') controller.abort(crash);
        },
      },
    );
    expect(await caught(collect(firstRun))).toBe(crash);
    expect(saved).toBeDefined();

    // The next run of the job finds the saved id and resumes rather than starting over.
    await dex.waitForAvrReport(saved!, FAST_WAIT);
    const rows = await collect(dex.getAvrResultRows(saved!));
    expect(rows).toEqual(mock.visits);
    expect(mock.reports.size).toBe(1);
  });

  test('a report that fails ends the loop with ReportFailedError and downloads nothing', async () => {
    const { dex, mock } = fakeDexCare(server, { avr: { lifecycle: 'cancelled' } });
    const error = await caught(collect(dex.runAvrReport({ type: 'virtual' }, FAST_WAIT)));
    expect(error).toBeInstanceOf(ReportFailedError);
    expect(mock.requests.some((request) => request.path.endsWith('/data'))).toBe(false);
  });

  test('an onStarted that throws stops the run with its error', async () => {
    const { dex, mock } = fakeDexCare(server);
    const failure = new Error('checkpoint store down');
    const error = await caught(
      collect(
        dex.runAvrReport(
          { type: 'virtual' },
          {
            ...FAST_WAIT,
            onStarted: () => {
              throw failure;
            },
          },
        ),
      ),
    );
    expect(error).toBe(failure);
    expect(mock.requests).toHaveLength(1);
  });
});
