import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, ConnectionError, RateLimitError, type LusciiReportType } from '../src/index.js';
import type { LusciiFault } from '../src/testing.js';
import { caught, clientFor, useFake, useMockServer, wholePeriod } from './helpers/index.js';

const server = useMockServer();

afterEach(() => {
  vi.useRealTimers();
});

/** Drains a report type through the faults and checks that every row came exactly once, in order, as sent. */
async function expectEveryRowOnce(reportType: LusciiReportType, faults: LusciiFault[]) {
  const api = useFake(server, { rows: { [reportType]: 240 }, faults });
  const dates = wholePeriod(reportType, api);
  // Raw rows are exactly what the fake served, so they compare whole.
  const rows = await clientFor(api, { maxRetries: 3 }).export(reportType, { ...dates, raw: true }).toArray();
  expect(rows).toHaveLength(240);
  expect(rows).toEqual(api.rowsFor(reportType, dates));
  return api;
}

describe('retries lose and double nothing', () => {
  it('429 with Retry-After mid-export', async () => {
    const api = await expectEveryRowOnce('measurements', [{ fault: 'rateLimit', page: 3, times: 2, retryAfterSeconds: 0 }]);
    expect(api.requests.filter((request) => request.status === 429).map((request) => request.page)).toEqual([3, 3]);
  });

  it('a run of 5xx mid-export', async () => {
    const api = await expectEveryRowOnce('patients', [
      { fault: 'serverError', page: 2, status: 502 },
      { fault: 'serverError', page: 4, times: 3, status: 503 },
    ]);
    expect(api.requests.filter((request) => request.fault === 'serverError').map((request) => [request.page, request.status])).toEqual([
      [2, 502],
      [4, 503],
      [4, 503],
      [4, 503],
    ]);
  });

  it('a dropped connection mid-export', async () => {
    const api = await expectEveryRowOnce('plannedActions', [{ fault: 'networkError', page: 5 }]);
    expect(api.requests.filter((request) => request.fault === 'networkError')).toHaveLength(1);
  });

  it('waits as long as Retry-After asks before retrying', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const api = useFake(server, { faults: [{ fault: 'rateLimit', page: 1, retryAfterSeconds: 3 }] });
    const rows = clientFor(api).export('patients').toArray();
    await vi.advanceTimersByTimeAsync(2_900);
    expect(api.requests.map((request) => request.status)).toEqual([429]);
    await vi.advanceTimersByTimeAsync(200);
    await expect(rows).resolves.toHaveLength(40);
    expect(api.requests.map((request) => request.status)).toEqual([429, 200]);
  });
});

describe('retries give up', () => {
  it('a 5xx that outlasts the retries is an ApiError carrying the status and errors[]', async () => {
    const api = useFake(server, { faults: [{ fault: 'serverError', page: 2, times: Infinity, status: 500 }] });
    const error = await caught(clientFor(api, { maxRetries: 2 }).export('measurements', { startDate: '2024-05-01', endDate: '2024-06-30' }).toArray());
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 500, method: 'POST', errors: [{ code: 'server_error', message: 'Server Error' }] });
    expect((error).message).toBe('500 Server Error (POST /v1/export/measurements)');
    expect(api.requests.filter((request) => request.page === 2)).toHaveLength(3);
  });

  it('a 429 that outlasts the retries is a RateLimitError with retryAfterMs', async () => {
    const api = useFake(server, { faults: [{ fault: 'rateLimit', times: Infinity, retryAfterSeconds: 0 }] });
    const error = await caught(clientFor(api, { maxRetries: 1 }).export('hcps').toArray());
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 0 });
    expect(api.requests).toHaveLength(2);
  });

  it('a Retry-After longer than the cap ends at once, so the caller decides', async () => {
    const api = useFake(server, { faults: [{ fault: 'rateLimit', times: Infinity, retryAfterSeconds: 3_600 }] });
    const error = await caught(clientFor(api).export('hcps').toArray());
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);
    expect(api.requests).toHaveLength(1);
  });

  it('connections that keep dropping end in a ConnectionError', async () => {
    const api = useFake(server, { faults: [{ fault: 'networkError', times: Infinity }] });
    const error = await caught(clientFor(api, { maxRetries: 1 }).export('hcps').toArray());
    expect(error).toBeInstanceOf(ConnectionError);
    expect(api.requests).toHaveLength(2);
  });

  it('maxRetries: 0 sends each page once', async () => {
    const api = useFake(server, { faults: [{ fault: 'serverError', status: 503 }] });
    const error = await caught(clientFor(api, { maxRetries: 0 }).export('hcps').toArray());
    expect(error).toMatchObject({ status: 503 });
    expect(api.requests).toHaveLength(1);
  });
});
