/**
 * `Retry-After` over a real socket, as delta seconds and as an HTTP date, on the All Providers
 * Report search, the All Visits Report download and its status checks. Within
 * `backoff.maxRetryAfterMs` the SDK waits as asked, then every row or record arrives exactly
 * once; beyond it, the call ends at once with the wait on the error.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { faultWhen, recordTimerDelays, type FaultPlan, type FaultServer } from '@x/testkit';
import { ApiError, RateLimitError } from '../src/index.js';
import { caught, collect, FAST_WAIT } from './helpers/index.js';
import { ALL_TIME, dexCareOverSocket, isData, isSearch, isStatusCheck, rowsUntilFailure, succeededReport, timed } from './helpers/socket.js';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const httpDate = (ms: number) => new Date(Date.now() + ms).toUTCString();
const CAPPED = { backoff: { initialDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 5_000 } };

/** Spoils the `nth` request (1-based) that `match` accepts, `times` times in a row. */
function nthOf(match: (request: Request) => boolean, nth: number, fault: Parameters<typeof faultWhen>[1], times = 1): FaultPlan {
  let seen = 0;
  return (request) => {
    if (!match(request)) return undefined;
    seen += 1;
    return seen >= nth && seen < nth + times ? fault : undefined;
  };
}

describe('within the cap: waited out, then every row or record exactly once', () => {
  test('429 with Retry-After in seconds on the second search page', async () => {
    const { plan, arrivals } = timed(nthOf(isSearch, 2, { kind: 'status', status: 429, headers: { 'retry-after': '1' } }));
    const fake = await dexCareOverSocket({ plan, client: { timeoutMs: 2_000 } });
    server = fake.server;
    const timers = recordTimerDelays();
    const records = await fake.dex.providerHistories({ ...ALL_TIME, pageSize: 100, concurrency: 1 }).toArray();
    timers.restore();
    expect(records.map((record) => record.id)).toEqual(fake.mock.providerHistories.map((record) => record.id));
    const searches = arrivals.filter(isSearch);
    expect(searches).toHaveLength(4);
    // The wait asked for before the retry (the header's second), not the wall clock.
    expect(timers.delays).toContain(1_000);
  });

  test('503 with Retry-After as an HTTP date on the download, before its first byte', async () => {
    // The date is taken when the download arrives: one taken when the plan is made shrinks the
    // wait by however long the start and the polls took (on a busy machine, more than a second).
    const once = faultWhen(isData, { kind: 'status', status: 503 });
    const { plan, arrivals } = timed((request, index) => once(request, index) && { kind: 'status', status: 503, headers: { 'retry-after': httpDate(2_000) } });
    const fake = await dexCareOverSocket({ plan, client: { timeoutMs: 5_000 } });
    server = fake.server;
    const id = await succeededReport(fake.dex);
    const timers = recordTimerDelays();
    expect(await collect(fake.dex.getAvrResultRows(id))).toEqual(fake.mock.visits);
    timers.restore();
    const downloads = arrivals.filter(isData);
    expect(downloads).toHaveLength(2);
    // HTTP dates have whole seconds: two seconds ahead is a wait of more than one. The wait
    // asked for, not the wall clock (the client's own timers are its 5 s timeout and ms backoffs).
    expect(timers.delays.some((ms) => ms >= 950 && ms <= 2_000)).toBe(true);
  });

  test('429 with an HTTP date already past, on a status check: retried at once', async () => {
    const fake = await dexCareOverSocket({ plan: faultWhen(isStatusCheck, { kind: 'status', status: 429, headers: { 'retry-after': httpDate(-60_000) } }) });
    server = fake.server;
    const id = await succeededReport(fake.dex);
    expect(await fake.dex.getAvrResultCsv(id)).toBe(fake.mock.csv);
  });
});

describe('beyond the cap: the call ends at once, the wait on the error', () => {
  test.each([
    ['seconds', '3600'],
    ['an HTTP date', httpDate(3_600_000)],
  ])('429 with Retry-After in %s on the download: RateLimitError carrying retryAfterMs, no row', async (_, retryAfter) => {
    const fake = await dexCareOverSocket({ plan: faultWhen(isData, { kind: 'status', status: 429, headers: { 'retry-after': retryAfter } }, Infinity), client: CAPPED });
    server = fake.server;
    const id = await succeededReport(fake.dex);
    const { read, error } = await rowsUntilFailure(fake.dex.getAvrResultRows(id));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(3_590_000);
    expect((error as RateLimitError).retryAfterMs).toBeLessThanOrEqual(3_600_000);
    expect(read).toEqual([]);
    expect(fake.server.requests.filter(isData)).toHaveLength(1);
  });

  test('429 beyond the cap on the second search: RateLimitError after the first page only', async () => {
    const fake = await dexCareOverSocket({ plan: nthOf(isSearch, 2, { kind: 'status', status: 429, headers: { 'retry-after': '600' } }, Infinity), client: CAPPED });
    server = fake.server;
    const { read, error } = await rowsUntilFailure(fake.dex.providerHistories({ ...ALL_TIME, pageSize: 25, concurrency: 1 }));
    expect(error).toMatchObject({ name: 'RateLimitError', status: 429, retryAfterMs: 600_000 });
    expect(read.map((record) => record.id)).toEqual(fake.mock.providerHistories.slice(0, 25).map((record) => record.id));
  });

  test('503 beyond the cap on the download: an ApiError at once, the header kept on it', async () => {
    const fake = await dexCareOverSocket({ plan: faultWhen(isData, { kind: 'status', status: 503, headers: { 'retry-after': '600' } }, Infinity), client: CAPPED });
    server = fake.server;
    const id = await succeededReport(fake.dex);
    const error = await caught(fake.dex.getAvrResultCsv(id));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, headers: { 'retry-after': '600' } });
    expect(fake.server.requests.filter(isData)).toHaveLength(1);
  });

  // As docs/polling.md says: a check that fails with a 429 is tried again at the wait's next
  // interval; the wait does not sleep for the Retry-After it was given.
  test('429 beyond the cap on status checks: the wait checks again at its own interval and succeeds', async () => {
    const fake = await dexCareOverSocket({ plan: faultWhen(isStatusCheck, { kind: 'status', status: 429, headers: { 'retry-after': '3600' } }, 3), client: CAPPED });
    server = fake.server;
    const { id } = await fake.dex.startAvrReport({ type: 'virtual' });
    const started = performance.now();
    expect(await fake.dex.waitForAvrReport(id, { ...FAST_WAIT, timeoutMs: 10_000 })).toEqual({ status: 'SUCCEEDED' });
    expect(performance.now() - started).toBeLessThan(5_000);
    // Each limited check was sent once: the transport did not retry past the cap.
    expect(fake.server.requests.filter((request) => isStatusCheck(request) && request.status === 429)).toHaveLength(3);
  });
});
