/**
 * What users of openai-node and stripe-node expect of a client: it names itself in the
 * User-Agent, takes extra default headers, lets every call tune its own timeout, retries and
 * headers, and tells the status and request id of every result object and page.
 */
import { readFileSync } from 'node:fs';
import { delay, http, HttpResponse } from 'msw';
import { recordRequestHeaders } from '@x/testkit';
import { afterEach, describe, expect, test } from 'vitest';
import { InvalidParamsError, TimeoutError, type DexCareReportingClient } from '../src/index.js';
import { FAKE_BASE_URL } from '../src/testing.js';
import { caught, collect, fakeDexCare, FAST_WAIT, SECRET_KEY, succeededReport, useMockServer } from './helpers/index.js';

const server = useMockServer();
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
const RANGE = { startDate: '2023-01-01', endDate: '2030-01-01' };

afterEach(() => {
  server.events.removeAllListeners();
});

test('sends User-Agent x-dexcare-reporting/<package.json version> node/<runtime version>, and the extra headers, to both hosts', async () => {
  const { dex } = fakeDexCare(server, {}, { headers: { 'x-proxy-token': 'proxy-1', authorization: 'dc-token other' } });
  const seen = recordRequestHeaders(server);
  await dex.startAvrReport({ type: 'virtual' });
  await dex.providerHistories(RANGE).toArray();
  for (const headers of seen) {
    expect(headers.get('user-agent')).toBe(`x-dexcare-reporting/${version} node/${process.versions.node}`);
    expect(headers.get('x-proxy-token')).toBe('proxy-1');
    expect(headers.get('authorization')).toBe(`dc-token ${SECRET_KEY}`);
  }
});

type Call = [string, (dex: DexCareReportingClient, id: string, options: object) => Promise<unknown>];

const CALLS: Call[] = [
  ['startAvrReport', (dex, _id, options) => dex.startAvrReport({ type: 'virtual' }, options)],
  ['getAvrReportStatus', (dex, id, options) => dex.getAvrReportStatus(id, options)],
  ['waitForAvrReport', (dex, id, options) => dex.waitForAvrReport(id, { ...FAST_WAIT, ...options })],
  ['getAvrResultCsv', (dex, id, options) => dex.getAvrResultCsv(id, options)],
  ['getAvrResultRows', (dex, id, options) => collect(dex.getAvrResultRows(id, options))],
  ['runAvrReport', (dex, _id, options) => collect(dex.runAvrReport({ type: 'virtual' }, { ...FAST_WAIT, ...options }))],
  ['providerHistories', (dex, _id, options) => dex.providerHistories({ ...RANGE, ...options }).toArray()],
];

describe.each(CALLS)('%s', (name, call) => {
  test('per-call headers go with its requests, and not with the next call', async () => {
    const { dex, id } = await succeededReport(server);
    const seen = recordRequestHeaders(server);
    await call(dex, id, { headers: { 'x-trace-id': 'trace-1' } });
    const count = seen.length;
    expect(seen.every((headers) => headers.get('x-trace-id') === 'trace-1')).toBe(true);
    await dex.getAvrReportStatus(id);
    expect(seen.slice(count).map((headers) => headers.get('x-trace-id'))).toEqual([null]);
  });

  test('per-call maxRetries: 0 sends a failing request once', async () => {
    const { dex, id } = await succeededReport(server, {}, { maxRetries: 3 });
    const seen = recordRequestHeaders(server);
    server.use(http.all('*', () => HttpResponse.json({ error: 'Unknown error' }, { status: 500 })));
    await caught(call(dex, id, name === 'waitForAvrReport' ? { maxRetries: 0, timeoutMs: 50 } : { maxRetries: 0 }));
    if (name !== 'waitForAvrReport') expect(seen).toHaveLength(1);
    else expect(seen.length).toBeGreaterThanOrEqual(1);
  });

  test.each([
    ['maxRetries', { maxRetries: -1 }],
    ['headers', { headers: { 'x-a': 7 } }],
  ])('a malformed %s is an InvalidParamsError, before any request', async (param, options) => {
    const { dex, id } = await succeededReport(server);
    const seen = recordRequestHeaders(server);
    const error = await caught((async () => call(dex, id, options))());
    expect(seen).toHaveLength(0);
    expect(error).toBeInstanceOf(InvalidParamsError);
    expect(error).toMatchObject({ param });
  });
});

test('a per-call timeoutMs bounds that call’s request', async () => {
  const { dex, id } = await succeededReport(server);
  server.use(http.get(`${FAKE_BASE_URL}/api/8/reporting/allvisitsreport/:id`, async () => {
    await delay(500);
    return HttpResponse.json({ status: 'SUCCEEDED' });
  }));
  const error = await caught(dex.getAvrReportStatus(id, { timeoutMs: 20, maxRetries: 0 }));
  expect(error).toBeInstanceOf(TimeoutError);
  expect(error).toMatchObject({ timeoutMs: 20 });
});

describe('response metadata', () => {
  test('start, status and wait results carry the status and request id, out of the way of their data', async () => {
    const { dex } = fakeDexCare(server);
    const report = await dex.startAvrReport({ type: 'virtual' });
    expect(report.response).toEqual({ status: expect.any(Number), requestId: undefined });
    server.use(http.get(`${FAKE_BASE_URL}/api/8/reporting/allvisitsreport/:id`, () =>
      HttpResponse.json({ status: 'SUCCEEDED' }, { headers: { 'x-request-id': 'req_9' } })));
    const status = await dex.getAvrReportStatus(report.id);
    expect(status.response).toEqual({ status: 200, requestId: 'req_9' });
    expect(status).toEqual({ status: 'SUCCEEDED' });
    expect(JSON.stringify(status)).toBe('{"status":"SUCCEEDED"}');
    expect((await dex.waitForAvrReport(report.id, FAST_WAIT)).response).toEqual({ status: 200, requestId: 'req_9' });
  });

  test('every provider-history page carries the status of its response', async () => {
    const { dex } = fakeDexCare(server, { apr: { records: 60 } });
    const pages = [];
    for await (const page of dex.providerHistories({ ...RANGE, pageSize: 25 }).pages()) pages.push(page);
    expect(pages).toHaveLength(3);
    for (const page of pages) expect(page.response).toEqual({ status: 200, requestId: undefined });
  });
});
