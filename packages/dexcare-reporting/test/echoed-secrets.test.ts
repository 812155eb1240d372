/**
 * Servers and proxies that echo the request's headers into their answer (framework debug pages,
 * misconfigured gateways): neither the service key nor the APR key may come back to the user in
 * any view of the error, from any call.
 */
import { http, HttpResponse } from 'msw';
import { everyView } from '@x/testkit';
import { describe, expect, test } from 'vitest';
import { ApiError, DexCareReportingClient, SdkError } from '../src/index.js';
import { FAKE_BASE_URL } from '../src/testing.js';
import { caught, collect, SECRET_KEY, useMockServer } from './helpers/index.js';

const server = useMockServer();
const APR_KEY = 'apr_live_SECRET_do_not_leak_1b2c3d';
const APR_BASE_URL = 'https://apr.dexcare.test';
const AVR = `${FAKE_BASE_URL}/api/8/reporting/allvisitsreport`;
const REPORT_ID = '3b690e39-4659-40f9-9909-58b27c0a4383';

const client = () =>
  new DexCareReportingClient({ baseUrl: FAKE_BASE_URL, serviceKey: SECRET_KEY, aprBaseUrl: APR_BASE_URL, aprKey: APR_KEY, maxRetries: 0 });

type Call = [string, 'get' | 'post', string, string, (dex: DexCareReportingClient) => Promise<unknown>];

const CALLS: Call[] = [
  ['startAvrReport', 'post', AVR, SECRET_KEY, (dex) => dex.startAvrReport({ type: 'virtual' })],
  ['getAvrReportStatus', 'get', `${AVR}/:id`, SECRET_KEY, (dex) => dex.getAvrReportStatus(REPORT_ID)],
  ['getAvrResultCsv', 'get', `${AVR}/:id/data`, SECRET_KEY, (dex) => dex.getAvrResultCsv(REPORT_ID)],
  ['getAvrResultRows', 'get', `${AVR}/:id/data`, SECRET_KEY, (dex) => collect(dex.getAvrResultRows(REPORT_ID))],
  ['providerHistories', 'post', `${APR_BASE_URL}/v1/reporting/providerhistories`, APR_KEY, (dex) =>
    dex.providerHistories({ startDate: '2023-11-06', endDate: '2023-11-09' }).toArray()],
];

type Echo = [string, (echoed: string) => Response];

const ECHOES: Echo[] = [
  ['a 500 text body', (echoed) => new HttpResponse(`Unknown error for ${echoed}`, { status: 500, headers: { 'content-type': 'text/plain' } })],
  ['a 401 JSON body', (echoed) => HttpResponse.json({ error: `Invalid token ${echoed}`, headers: { Authorization: echoed } }, { status: 401 })],
  ['a 400 JSON msg', (echoed) => HttpResponse.json({ msg: `bad request from ${echoed}` }, { status: 400 })],
  ['a response header and status text', (echoed) =>
    new HttpResponse(null, { status: 403, statusText: `Forbidden ${echoed}`, headers: { 'x-echo-authorization': echoed } })],
];

describe.each(CALLS)('%s', (_name, method, url, key, call) => {
  test.each(
    ECHOES.flatMap(([where, reply]): [string, string, (echoed: string) => Response, string][] => [
      [where, 'the key alone', reply, key],
      [where, 'the whole Authorization value', reply, `dc-token ${key}`],
    ]),
  )('a server that echoes it in %s (%s): the key is in no view of the error', async (_where, _what, reply, echoed) => {
    server.use(http[method](url, () => reply(echoed)));
    const error = await caught(call(client()));
    expect(error).toBeInstanceOf(SdkError);
    const printed = everyView(error);
    for (const secret of [SECRET_KEY, APR_KEY]) {
      expect(printed).not.toContain(secret);
      expect(printed).not.toContain(secret.slice(0, 10));
    }
    expect(printed).toContain('[redacted]');
  });
});

test('a 200 status body that is not JSON and echoes the key loses it, start included', async () => {
  server.use(http.get(`${AVR}/:id`, () => new HttpResponse(`dc-token ${SECRET_KEY} accepted`, { headers: { 'content-type': 'text/plain' } })));
  const error = await caught(client().getAvrReportStatus(REPORT_ID));
  expect(error).toBeInstanceOf(ApiError);
  expect(everyView(error)).not.toContain(SECRET_KEY.slice(0, 6));
});
