import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { AuthenticationError, ConnectionError, DexCareReportingClient, InvalidParamsError } from '../src/index.js';
import { DEXCARE_ERROR_BODIES, FAKE_BASE_URL } from '../src/testing.js';
import { caught, everythingPrinted, fakeDexCare, SECRET_KEY, useMockServer } from './helpers/index.js';

const server = useMockServer();
const APR_BASE_URL = 'https://apr.dexcare.test';
const APR_KEY = 'dc_apr_SECRET_other_key_91bd';
const RANGE = { startDate: '2023-11-06T00:00:00Z', endDate: '2023-11-07T00:00:00Z' };

function construct(options: unknown): unknown {
  try {
    return new DexCareReportingClient(options as ConstructorParameters<typeof DexCareReportingClient>[0]);
  } catch (error) {
    return error;
  }
}

describe('new DexCareReportingClient', () => {
  test.each([
    ['no options', undefined, 'options'],
    ['no baseUrl', { serviceKey: SECRET_KEY }, 'baseUrl'],
    ['an empty baseUrl', { baseUrl: ' ', serviceKey: SECRET_KEY }, 'baseUrl'],
    ['a relative baseUrl', { baseUrl: 'ecvapi.care.example.com', serviceKey: SECRET_KEY }, 'baseUrl'],
    ['a non-http baseUrl', { baseUrl: 'ftp://ecvapi.care.example.com', serviceKey: SECRET_KEY }, 'baseUrl'],
    ['credentials in baseUrl', { baseUrl: 'https://user:pass@ecvapi.care.example.com', serviceKey: SECRET_KEY }, 'baseUrl'],
    ['no serviceKey', { baseUrl: FAKE_BASE_URL }, 'serviceKey'],
    ['an empty serviceKey', { baseUrl: FAKE_BASE_URL, serviceKey: '' }, 'serviceKey'],
    ['an empty aprKey', { baseUrl: FAKE_BASE_URL, serviceKey: SECRET_KEY, aprKey: '' }, 'aprKey'],
    ['a bad aprBaseUrl', { baseUrl: FAKE_BASE_URL, serviceKey: SECRET_KEY, aprBaseUrl: '/v1' }, 'aprBaseUrl'],
    ['a negative timeoutMs', { baseUrl: FAKE_BASE_URL, serviceKey: SECRET_KEY, timeoutMs: -1 }, 'timeoutMs'],
    ['a fractional maxRetries', { baseUrl: FAKE_BASE_URL, serviceKey: SECRET_KEY, maxRetries: 1.5 }, 'maxRetries'],
  ])('refuses %s with an InvalidParamsError naming the option', (_, options, param) => {
    const error = construct(options);
    expect(error).toBeInstanceOf(InvalidParamsError);
    expect((error as InvalidParamsError).param).toBe(param);
  });

  test('refuses a key with a line break without quoting it', () => {
    const error = construct({ baseUrl: FAKE_BASE_URL, serviceKey: `${SECRET_KEY}\n` });
    expect(error).toBeInstanceOf(InvalidParamsError);
    expect(everythingPrinted(error)).not.toContain(SECRET_KEY);
  });

  test('shows its hosts and never its keys in inspect and JSON', () => {
    const dex = new DexCareReportingClient({ baseUrl: FAKE_BASE_URL, serviceKey: SECRET_KEY, aprBaseUrl: APR_BASE_URL, aprKey: APR_KEY });
    const shown = [inspect(dex, { depth: 10, showHidden: true }), JSON.stringify(dex), String(dex), inspect(Object.entries(dex))].join('\n');
    expect(shown).toContain('dexcare.test');
    expect(shown).not.toContain(SECRET_KEY);
    expect(shown).not.toContain(APR_KEY);
    expect(JSON.parse(JSON.stringify(dex))).toEqual({ baseUrl: 'https://dexcare.test', aprBaseUrl: 'https://apr.dexcare.test' });
  });
});

describe('authentication', () => {
  test('AVR requests carry "dc-token <serviceKey>" to baseUrl; APR requests "dc-token <aprKey>" to aprBaseUrl', async () => {
    const seen: string[] = [];
    server.events.on('request:start', ({ request }) => {
      seen.push(`${new URL(request.url).host} ${request.headers.get('authorization')}`);
    });
    const { dex } = fakeDexCare(server, { aprBaseUrl: APR_BASE_URL, aprKey: APR_KEY }, { aprBaseUrl: APR_BASE_URL, aprKey: APR_KEY });
    await dex.startAvrReport({ type: 'virtual' });
    await dex.providerHistories(RANGE).toArray();
    server.events.removeAllListeners();
    expect(new Set(seen)).toEqual(new Set([`dexcare.test dc-token ${SECRET_KEY}`, `apr.dexcare.test dc-token ${APR_KEY}`]));
  });

  test('the APR key and host default to the service key and base URL', async () => {
    const { dex, mock } = fakeDexCare(server);
    await dex.providerHistories(RANGE).toArray();
    expect(mock.requests.map((request) => request.path)).toEqual(['/v1/reporting/providerhistories']);
  });

  test('a bad key is an AuthenticationError with DexCare’s message, not retried, and the key is nowhere in it', async () => {
    const { mock } = fakeDexCare(server);
    const dex = new DexCareReportingClient({ baseUrl: mock.baseUrl, serviceKey: `${SECRET_KEY}-wrong` });
    const error = await caught(dex.startAvrReport({ type: 'virtual' }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(403);
    expect((error).message).toContain(DEXCARE_ERROR_BODIES.badServiceToken.message);
    expect(mock.requests).toHaveLength(1);
    expect(everythingPrinted(error)).not.toContain(SECRET_KEY);
  });

  test('connection failures name the request but never the key', async () => {
    server.use(http.post(`${FAKE_BASE_URL}/api/8/reporting/allvisitsreport`, () => HttpResponse.error()));
    const dex = new DexCareReportingClient({ baseUrl: FAKE_BASE_URL, serviceKey: SECRET_KEY, maxRetries: 0 });
    const error = await caught(dex.startAvrReport({ type: 'virtual' }));
    // The start may have reached DexCare: not confirmed, the ConnectionError as its cause.
    expect((error).cause).toBeInstanceOf(ConnectionError);
    expect((error).message).toContain('POST /api/8/reporting/allvisitsreport');
    expect(everythingPrinted(error)).not.toContain(SECRET_KEY);
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(SECRET_KEY);
  });
});

describe('a custom fetch', () => {
  test('is used for every request, even one that answers with a bare new Response (no url)', async () => {
    const urls: string[] = [];
    const fetch = async (input: RequestInfo | URL) => {
      const url = input instanceof Request ? input.url : String(input);
      urls.push(url);
      if (url.endsWith('/data')) return new Response('visit_id\r\nv1\r\n', { headers: { 'content-type': 'text/csv' } });
      return Response.json({ status: 'SUCCEEDED' });
    };
    const dex = new DexCareReportingClient({ baseUrl: FAKE_BASE_URL, serviceKey: SECRET_KEY, fetch });
    const id = '3b690e39-4659-40f9-9909-58b27c0a4383';
    expect(await dex.getAvrReportStatus(id)).toEqual({ status: 'SUCCEEDED' });
    const rows = [];
    for await (const row of dex.getAvrResultRows(id)) rows.push(row);
    expect(rows).toEqual([{ visit_id: 'v1' }]);
    expect(urls).toEqual([`${FAKE_BASE_URL}/api/8/reporting/allvisitsreport/${id}`, `${FAKE_BASE_URL}/api/8/reporting/allvisitsreport/${id}/data`]);
  });

  test('that is not a function is refused', () => {
    expect(construct({ baseUrl: FAKE_BASE_URL, serviceKey: SECRET_KEY, fetch: 'node-fetch' })).toBeInstanceOf(InvalidParamsError);
  });
});
