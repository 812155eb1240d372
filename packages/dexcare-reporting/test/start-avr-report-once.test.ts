/**
 * `startAvrReport` creates a report, and DexCare has no idempotency key: it is sent again only
 * after a failure that proves no report was made (connection refused before sending, 429, 503
 * with `Retry-After`). After any other failure the caller gets a `ReportStartUnconfirmedError`
 * and DexCare holds at most one report, never a second and a third.
 */
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { ApiError, ConnectionError, ReportStartUnconfirmedError, TimeoutError } from '../src/index.js';
import { DEXCARE_ERROR_BODIES, FAKE_BASE_URL } from '../src/testing.js';
import { caught, everythingPrinted, fakeDexCare, SECRET_KEY, useMockServer } from './helpers/index.js';

const server = useMockServer();
const START_URL = `${FAKE_BASE_URL}/api/8/reporting/allvisitsreport`;

/** Answers the first `times` starts with `answer`; later ones fall through to the fake. */
function firstStarts(times: number, answer: () => Response | Promise<Response>) {
  const posts = { count: 0 };
  server.use(http.post(START_URL, () => (++posts.count <= times ? answer() : undefined)));
  return posts;
}

function expectUnconfirmed(error: unknown, causeClass: abstract new (...args: never[]) => Error) {
  expect(error).toBeInstanceOf(ReportStartUnconfirmedError);
  expect((error as Error).name).toBe('ReportStartUnconfirmedError');
  expect((error as Error).message).toMatch(/^POST \/api\/8\/reporting\/allvisitsreport: a report may have been started and was not confirmed/);
  expect((error as Error).cause).toBeInstanceOf(causeClass);
  expect(everythingPrinted(error)).not.toContain(SECRET_KEY);
}

describe('a start that may have reached DexCare is never sent twice', () => {
  test('the answer is lost after DexCare created the report (reset on the way back): one report, not confirmed', async () => {
    const { dex, mock } = fakeDexCare(server, { avr: { lostStartAnswers: 1 } });
    const error = await caught(dex.startAvrReport({ type: 'virtual' }));
    expectUnconfirmed(error, ConnectionError);
    expect(mock.reports.size).toBe(1);
    expect(mock.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  test('no answer within timeoutMs (a slow DexCare still creating it): one POST, not confirmed', async () => {
    const { dex } = fakeDexCare(server, {}, { timeoutMs: 50 });
    const posts = firstStarts(Infinity, async () => {
      await delay(1_000);
      return HttpResponse.json({ id: 'a0000000-0000-4000-8000-000000000001' });
    });
    const error = await caught(dex.startAvrReport({ type: 'virtual' }));
    expectUnconfirmed(error, TimeoutError);
    expect((error).message).toContain('no answer within 50 ms');
    expect(posts.count).toBe(1);
  });

  test.each([
    ['500 Unknown error', () => HttpResponse.json(DEXCARE_ERROR_BODIES.unknownError, { status: 500 })],
    ['502 from a gateway', () => new HttpResponse('bad gateway', { status: 502 })],
    ['503 without Retry-After', () => HttpResponse.json(DEXCARE_ERROR_BODIES.unknownError, { status: 503 })],
    ['408 from a proxy', () => new HttpResponse(null, { status: 408 })],
  ])('%s: one POST, not confirmed, the ApiError as the cause', async (_, answer) => {
    const { dex, mock } = fakeDexCare(server);
    const posts = firstStarts(Infinity, answer);
    const error = await caught(dex.startAvrReport({ type: 'virtual' }));
    expectUnconfirmed(error, ApiError);
    expect(posts.count).toBe(1);
    expect(mock.reports.size).toBe(0);
  });

  test('a 200 that is not JSON (a proxy page): not confirmed', async () => {
    const { dex } = fakeDexCare(server);
    const posts = firstStarts(Infinity, () => new HttpResponse('<html>ok</html>', { headers: { 'content-type': 'text/html' } }));
    expectUnconfirmed(await caught(dex.startAvrReport({ type: 'virtual' })), ApiError);
    expect(posts.count).toBe(1);
  });

  test('runAvrReport stops at an unconfirmed start: no wait, no download, no second start', async () => {
    const { dex, mock } = fakeDexCare(server, { avr: { lostStartAnswers: 1 } });
    const error = await caught(dex.runAvrReport({ type: 'virtual' }).toArray());
    expect(error).toBeInstanceOf(ReportStartUnconfirmedError);
    expect(mock.requests.map((request) => request.method)).toEqual(['POST']);
  });
});

describe('a failure that proves no report was made is retried', () => {
  test('429 then success: two POSTs, one report, its id', async () => {
    const { dex, mock } = fakeDexCare(server);
    const posts = firstStarts(1, () => HttpResponse.json({ error: 'slow down' }, { status: 429, headers: { 'retry-after': '0' } }));
    const { id } = await dex.startAvrReport({ type: 'virtual' });
    expect(posts.count).toBe(2);
    expect([...mock.reports.keys()]).toEqual([id]);
  });

  test('503 with Retry-After (maintenance) then success: retried, one report', async () => {
    const { dex, mock } = fakeDexCare(server);
    const posts = firstStarts(1, () => HttpResponse.json(DEXCARE_ERROR_BODIES.unknownError, { status: 503, headers: { 'retry-after': '0' } }));
    const { id } = await dex.startAvrReport({ type: 'virtual' });
    expect(posts.count).toBe(2);
    expect([...mock.reports.keys()]).toEqual([id]);
  });

  test('connection refused before sending (DexCare restarting): retried, one report', async () => {
    let attempts = 0;
    const refusingOnce: typeof fetch = (input, init) => {
      attempts += 1;
      if (attempts === 1) {
        const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' });
        return Promise.reject(new TypeError('fetch failed', { cause: refused }));
      }
      return globalThis.fetch(input, init);
    };
    const { dex, mock } = fakeDexCare(server, {}, { fetch: refusingOnce });
    const { id } = await dex.startAvrReport({ type: 'virtual' });
    expect(attempts).toBe(2);
    expect([...mock.reports.keys()]).toEqual([id]);
  });

  test('429 on every attempt: the RateLimitError itself after maxRetries + 1 POSTs (no report was made)', async () => {
    const { dex, mock } = fakeDexCare(server, {}, { maxRetries: 2 });
    const posts = firstStarts(Infinity, () => HttpResponse.json({ error: 'slow down' }, { status: 429, headers: { 'retry-after': '0' } }));
    const error = await caught(dex.startAvrReport({ type: 'virtual' }));
    expect(error).toMatchObject({ name: 'RateLimitError', status: 429 });
    expect(posts.count).toBe(3);
    expect(mock.reports.size).toBe(0);
  });
});
