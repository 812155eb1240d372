/**
 * How far retries go, over a real socket. A run of 5xx as long as `maxRetries` costs nothing:
 * every row or record exactly once. One more is a typed error after exactly `maxRetries + 1`
 * attempts: before any row of a download, after the whole pages before it in a search. A wait
 * polls through failed checks until its own deadline, then ends in a `PollTimeoutError` that
 * carries the last status and the last failure. Statuses that will not change are sent once.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { faultWhen, statusesSentOnce, type ErrorClass, type Fault, type FaultPlan, type FaultServer } from '@x/testkit';
import { ApiError, AuthenticationError, NotFoundError, PollTimeoutError, RateLimitError } from '../src/index.js';
import { caught, collect, FAST_WAIT } from './helpers/index.js';
import { ALL_TIME, dexCareOverSocket, isData, isSearch, isStart, isStatusCheck, rowsUntilFailure, succeededReport } from './helpers/socket.js';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const MAX_RETRIES = 3;
const status = (code: number): Fault => ({ kind: 'status', status: code, headers: { 'retry-after': '0' }, body: '{"error":"Unknown error"}' });

async function overSocket(plan: FaultPlan) {
  const fake = await dexCareOverSocket({ plan, client: { maxRetries: MAX_RETRIES } });
  server = fake.server;
  return fake;
}

/** Spoils search requests from the `from`-th on (1-based), `times` of them. */
function searchesFrom(from: number, fault: Fault, times: number): FaultPlan {
  let seen = 0;
  return (request) => {
    if (!isSearch(request)) return undefined;
    seen += 1;
    return seen >= from && seen < from + times ? fault : undefined;
  };
}

const SEARCH = { ...ALL_TIME, pageSize: 50, concurrency: 1 } as const;

describe('a run as long as maxRetries: every row or record exactly once', () => {
  test.each([500, 502, 503, 504, 429, 408])('%i on the download, before its first byte', async (code) => {
    const { dex, mock, server } = await overSocket(faultWhen(isData, status(code), MAX_RETRIES));
    const id = await succeededReport(dex);
    expect(await collect(dex.getAvrResultRows(id))).toEqual(mock.visits);
    expect(server.requests.filter(isData)).toHaveLength(MAX_RETRIES + 1);
  });

  test.each([500, 503])('%i on the second search page', async (code) => {
    const { dex, mock, server } = await overSocket(searchesFrom(2, status(code), MAX_RETRIES));
    const records = await dex.providerHistories(SEARCH).toArray();
    expect(records.map((record) => record.id)).toEqual(mock.providerHistories.map((record) => record.id));
    expect(server.requests.filter(isSearch)).toHaveLength(Math.ceil(mock.providerHistories.length / 50) + MAX_RETRIES);
  });

  test('503 on the start: one report started, then every row', async () => {
    const { dex, mock } = await overSocket(faultWhen(isStart, status(503), MAX_RETRIES));
    expect(await collect(dex.runAvrReport({ type: 'virtual' }, FAST_WAIT))).toEqual(mock.visits);
    expect(mock.reports.size).toBe(1);
  });
});

describe('one more than maxRetries: a typed error after maxRetries + 1 attempts, never a short success', () => {
  test.each([
    [500, ApiError],
    [503, ApiError],
    [429, RateLimitError],
  ] as [number, ErrorClass][])('%i on the download: no row', async (code, errorClass) => {
    const { dex, server } = await overSocket(faultWhen(isData, status(code), MAX_RETRIES + 1));
    const id = await succeededReport(dex);
    const { read, error } = await rowsUntilFailure(dex.getAvrResultRows(id));
    expect(error).toBeInstanceOf(errorClass);
    expect((error as ApiError).status).toBe(code);
    expect(read).toEqual([]);
    expect(server.requests.filter(isData)).toHaveLength(MAX_RETRIES + 1);
  });

  test('503 on the second search page: the first page whole, nothing after', async () => {
    const { dex, mock } = await overSocket(searchesFrom(2, status(503), MAX_RETRIES + 1));
    const { read, error } = await rowsUntilFailure(dex.providerHistories(SEARCH));
    expect(error).toMatchObject({ name: 'ApiError', status: 503 });
    expect(read.map((record) => record.id)).toEqual(mock.providerHistories.slice(0, 50).map((record) => record.id));
  });

  test('503 on the start: an ApiError, no report started', async () => {
    const { dex, mock, server } = await overSocket(faultWhen(isStart, status(503), MAX_RETRIES + 1));
    expect(await caught(dex.startAvrReport({ type: 'virtual' }))).toMatchObject({ name: 'ApiError', status: 503 });
    expect(server.requests.filter(isStart)).toHaveLength(MAX_RETRIES + 1);
    expect(mock.reports.size).toBe(0);
  });
});

describe('a wait polls through failed checks until its deadline', () => {
  test('503 on every check: a PollTimeoutError with no last status, the 503 as its cause', async () => {
    const { dex } = await overSocket(faultWhen(isStatusCheck, status(503), Infinity));
    const { id } = await dex.startAvrReport({ type: 'virtual' });
    const error = await caught(dex.waitForAvrReport(id, { ...FAST_WAIT, timeoutMs: 400 }));
    expect(error).toBeInstanceOf(PollTimeoutError);
    expect(error).toMatchObject({ lastStatus: undefined, timeoutMs: 400 });
    expect((error).cause).toMatchObject({ name: 'ApiError', status: 503 });
  });

  test('503 on every check after the first: the PollTimeoutError carries the status seen', async () => {
    let checks = 0;
    const { dex } = await overSocket((request) => (isStatusCheck(request) && ++checks > 1 ? status(503) : undefined));
    const { id } = await dex.startAvrReport({ type: 'virtual' });
    const error = await caught(dex.waitForAvrReport(id, { ...FAST_WAIT, timeoutMs: 400 }));
    expect(error).toMatchObject({ name: 'PollTimeoutError', lastStatus: 'QUEUED' });
  });

  test('a stalled status answer on every check: a PollTimeoutError at the deadline, not a hang', async () => {
    const fake = await dexCareOverSocket({ plan: faultWhen(isStatusCheck, { kind: 'stall', afterBytes: 3 }, Infinity), client: { timeoutMs: 150 } });
    server = fake.server;
    const { id } = await fake.dex.startAvrReport({ type: 'virtual' });
    const error = await caught(fake.dex.waitForAvrReport(id, { ...FAST_WAIT, timeoutMs: 600 }));
    expect(error).toMatchObject({ name: 'PollTimeoutError', timeoutMs: 600 });
    expect((error).cause).toMatchObject({ name: 'TimeoutError' });
  });
});

describe('statuses that will not change are sent once', () => {
  test.each(statusesSentOnce({ ApiError, AuthenticationError, NotFoundError }))('%i on the download: a typed error, no row, one request', async (code, errorClass) => {
    const { dex, server } = await overSocket(faultWhen(isData, { kind: 'status', status: code, body: '{"error":"nope"}' }, Infinity));
    const id = await succeededReport(dex);
    const { read, error } = await rowsUntilFailure(dex.getAvrResultRows(id));
    expect(error).toBeInstanceOf(errorClass);
    expect((error as ApiError).status).toBe(code);
    expect(read).toEqual([]);
    expect(server.requests.filter(isData)).toHaveLength(1);
  });

  test.each([401, 404])('%i on a status check ends the wait at once', async (code) => {
    const { dex, server } = await overSocket(faultWhen(isStatusCheck, { kind: 'status', status: code, body: '{"error":"nope"}' }, Infinity));
    const { id } = await dex.startAvrReport({ type: 'virtual' });
    expect(await caught(dex.waitForAvrReport(id, { ...FAST_WAIT, timeoutMs: 10_000 }))).toMatchObject({ status: code });
    expect(server.requests.filter(isStatusCheck)).toHaveLength(1);
  });
});
