/**
 * `Retry-After` over a real socket, in both of its forms (delta seconds and an HTTP date): a
 * wait within `backoff.maxRetryAfterMs` is waited out and the export then delivers every row
 * exactly once; a longer one ends the export at once with a typed error carrying the wait, after
 * the pages already finished and before any row of the limited page.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { faultWhen, recordTimerDelays, type Fault, type FaultServer } from '@x/testkit';
import { ApiError, RateLimitError } from '../src/index.js';
import { rowsUntilFailure } from './helpers/index.js';
import { fakeOverSocket, MAY, pageOf, timed } from './helpers/socket.js';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const onPage3 = (fault: Fault, times = 1) => faultWhen((request) => pageOf(request) === 3, fault, times);

/** An HTTP date `ms` from now, as a server writes it (whole seconds). */
const httpDate = (ms: number) => new Date(Date.now() + ms).toUTCString();

describe('a Retry-After within the cap is waited out: every row exactly once', () => {
  test.each([
    ['429 with Retry-After in seconds', 429, () => '1', 950],
    // An HTTP date has whole seconds: two seconds ahead is a wait of more than one.
    ['503 with Retry-After as an HTTP date', 503, () => httpDate(2_000), 950],
    ['429 with an HTTP date already past', 429, () => httpDate(-60_000), 0],
  ] as [string, number, () => string, number][])('%s', async (_, status, retryAfter, minimumWaitMs) => {
    // The header is made when page 3 arrives: a date taken earlier shrinks the wait by however
    // long pages 1 and 2 took (on a busy machine, sometimes more than a second).
    const once = onPage3({ kind: 'status', status });
    const { plan, arrivals } = timed((request, index) => once(request, index) && { kind: 'status', status, headers: { 'retry-after': retryAfter() } });
    const fake = await fakeOverSocket({ plan });
    server = fake.server;
    const timers = recordTimerDelays();
    const rows = await fake.client.export('measurements', { ...MAY, raw: true }).toArray();
    timers.restore();
    expect(rows).toEqual(fake.api.rowsFor('measurements', MAY));
    const page3 = arrivals.filter((arrival) => arrival.page === 3);
    expect(page3).toHaveLength(2);
    // The wait the client asked for before the retry, not the wall clock: at least the header's
    // (the client's 300 ms timeouts and 1-5 ms backoffs are all below it), at most the cap.
    const waited = Math.max(0, ...timers.delays.filter((ms) => ms > 300));
    expect(waited).toBeGreaterThanOrEqual(minimumWaitMs);
    expect(waited).toBeLessThanOrEqual(60_000);
  });
});

describe('a Retry-After beyond the cap ends the export at once, the wait on the error', () => {
  const client = { backoff: { initialDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 5_000 } };

  test.each([
    ['seconds', '3600', 3_600_000],
    ['an HTTP date', httpDate(3_600_000), 3_600_000],
  ])('429 with Retry-After in %s: RateLimitError carrying retryAfterMs', async (_, retryAfter, expectedMs) => {
    const fake = await fakeOverSocket({ plan: onPage3({ kind: 'status', status: 429, headers: { 'retry-after': retryAfter } }, Infinity), client });
    server = fake.server;
    const { read: delivered, error } = await rowsUntilFailure(fake.client.export('measurements', { ...MAY, raw: true }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).status).toBe(429);
    // The date form is measured from now, a little later than the header was written.
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(expectedMs - 10_000);
    expect((error as RateLimitError).retryAfterMs).toBeLessThanOrEqual(expectedMs);
    expect(delivered).toEqual(fake.api.rowsFor('measurements', MAY).slice(0, 100));
    expect(fake.server.requests.filter((request) => request.fault !== undefined)).toHaveLength(1);
  });

  test('503 with Retry-After beyond the cap: an ApiError at once, the header kept on it', async () => {
    const fake = await fakeOverSocket({ plan: onPage3({ kind: 'status', status: 503, headers: { 'retry-after': '600' } }, Infinity), client });
    server = fake.server;
    const { read: delivered, error } = await rowsUntilFailure(fake.client.export('measurements', { ...MAY, raw: true }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, headers: { 'retry-after': '600' } });
    expect(delivered).toEqual(fake.api.rowsFor('measurements', MAY).slice(0, 100));
    expect(fake.server.requests.filter((request) => request.fault !== undefined)).toHaveLength(1);
  });
});
