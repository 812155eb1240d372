import { csvRows } from '@x/core/internal';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  AVR_LIFECYCLES,
  DEXCARE_ERROR_BODIES,
  dexCareHandlers,
  FAKE_BASE_URL,
  FAKE_SERVICE_KEY,
  fakeProviderHistories,
  fakeVisitsCsv,
  type DexCareHandlersOptions,
} from '../src/testing.js';
import { collect, useMockServer } from './helpers/index.js';

const server = useMockServer();
const AVR = `${FAKE_BASE_URL}/api/8/reporting/allvisitsreport`;
const APR = `${FAKE_BASE_URL}/v1/reporting/providerhistories`;
const AUTH = { authorization: `dc-token ${FAKE_SERVICE_KEY}` };

function install(options: DexCareHandlersOptions = {}) {
  const mock = dexCareHandlers(options);
  server.use(...mock.handlers);
  return mock;
}

async function call(url: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { ...AUTH, 'content-type': 'application/json', ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text, headers: response.headers };
}

async function start(body: unknown = { type: 'virtual' }): Promise<string> {
  return ((await call(AVR, { method: 'POST', body })).body as { id: string }).id;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('dexCareHandlers: the All Visits Report', () => {
  test('answers a missing or wrong key with the documented 403', async () => {
    install();
    for (const headers of [{ authorization: '' }, { authorization: 'dc-token wrong' }, { authorization: `Bearer ${FAKE_SERVICE_KEY}` }]) {
      expect(await call(AVR, { method: 'POST', body: { type: 'virtual' }, headers })).toMatchObject({
        status: 403,
        body: DEXCARE_ERROR_BODIES.badServiceToken,
      });
    }
  });

  test('answers the documented 400 bodies of the start endpoint', async () => {
    install();
    expect(await call(AVR, { method: 'POST' })).toMatchObject({ status: 400, body: { error: "'type' is required" } });
    expect(await call(AVR, { method: 'POST', body: { type: 'inpatient' } })).toMatchObject({
      status: 400,
      body: { error: "'type' must be one of [retail, virtual]" },
    });
    expect((await call(AVR, { method: 'POST', body: { type: 'virtual', startDate: '2024-05-01T00:00:00Z' } })).status).toBe(400);
  });

  test('gives each report a distinct GUID and records what was asked', async () => {
    const mock = install();
    const first = await start({ type: 'provider_booking', startDate: '2024-05-01T00:00:00Z', endDate: '2024-05-02T00:00:00Z' });
    const second = await start();
    expect(first).not.toBe(second);
    expect(mock.reports.get(first)).toMatchObject({ type: 'provider_booking', startDate: '2024-05-01T00:00:00Z', endDate: '2024-05-02T00:00:00Z' });
  });

  test.each(Object.entries(AVR_LIFECYCLES))('the %s lifecycle moves one status per request, and its last status stays', async (_, statuses) => {
    install({ avr: { lifecycle: _ as keyof typeof AVR_LIFECYCLES } });
    const id = await start();
    const seen = [];
    for (let i = 0; i < statuses.length + 2; i++) seen.push((await call(`${AVR}/${id}`)).body.status);
    expect(seen).toEqual([...statuses, statuses.at(-1), statuses.at(-1)]);
  });

  test('statuses can move with time instead', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    install({ avr: { advance: { everyMs: 1_000 } } });
    const id = await start();
    const status = async () => (await call(`${AVR}/${id}`)).body.status;
    expect([await status(), await status()]).toEqual(['QUEUED', 'QUEUED']);
    vi.advanceTimersByTime(1_000);
    expect(await status()).toBe('RUNNING');
    vi.advanceTimersByTime(5_000);
    expect(await status()).toBe('SUCCEEDED');
  });

  test('serverErrors answers a run of 500s before the lifecycle goes on', async () => {
    const mock = install({ avr: { serverErrors: 2 } });
    const id = await start();
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await call(`${AVR}/${id}`));
    expect(answers.map((answer) => [answer.status, answer.body])).toEqual([
      [500, DEXCARE_ERROR_BODIES.unknownError],
      [500, DEXCARE_ERROR_BODIES.unknownError],
      [200, { status: 'QUEUED' }],
    ]);
    expect(mock.reports.get(id)!.serverErrors).toBe(2);
  });

  test('answers the documented 400 and 404 bodies of the status and data endpoints', async () => {
    install();
    const unknown = '3b690e39-4659-40f9-9909-58b27c0a4383';
    expect(await call(`${AVR}/${unknown}`)).toMatchObject({ status: 404, body: DEXCARE_ERROR_BODIES.notFound });
    expect(await call(`${AVR}/not-a-guid`)).toMatchObject({ status: 400, body: { msg: expect.stringContaining('getAvrQueryStatus bad request') } });
    expect(await call(`${AVR}/${unknown}/data`)).toMatchObject({ status: 404, body: DEXCARE_ERROR_BODIES.notFound });
    expect(await call(`${AVR}/not-a-guid/data`)).toMatchObject({ status: 400, body: DEXCARE_ERROR_BODIES.invalidReportId });
    const id = await start();
    expect(await call(`${AVR}/${id}/data`)).toMatchObject({ status: 400, body: DEXCARE_ERROR_BODIES.notSucceeded });
  });

  test('serves the data once SUCCEEDED, as CSV with its full Content-Length', async () => {
    const mock = install({ avr: { visits: { rows: 4 } } });
    const id = await start();
    for (let i = 0; i < 3; i++) await call(`${AVR}/${id}`);
    const { status, body, headers } = await call(`${AVR}/${id}/data`);
    expect(status).toBe(200);
    expect(body).toBe(mock.csv);
    expect(headers.get('content-type')).toMatch(/^text\/csv/);
    expect(Number(headers.get('content-length'))).toBe(new TextEncoder().encode(mock.csv).byteLength);
    expect(mock.reports.get(id)!.downloads).toEqual([{ bytesSent: Number(headers.get('content-length')), bytesTotal: Number(headers.get('content-length')) }]);
  });

  test('serves a custom CSV exactly', async () => {
    const csv = '\uFEFFa,b\r\n1,"x, y"\r\n';
    const mock = install({ avr: { csv, lifecycle: ['SUCCEEDED'] } });
    const id = await start();
    await call(`${AVR}/${id}`);
    const response = await fetch(`${AVR}/${id}/data`, { headers: AUTH });
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new TextEncoder().encode(csv));
    expect(mock.visits).toEqual([]);
  });
});

describe('fakeVisitsCsv', () => {
  test('is deterministic and round-trips through a CSV parser, quoted commas, quotes and line breaks included', async () => {
    const { csv, rows, columns } = fakeVisitsCsv({ rows: 12 });
    expect(fakeVisitsCsv({ rows: 12 }).csv).toBe(csv);
    expect(await collect(csvRows([csv], { source: 'fake' }))).toEqual(rows);
    expect(columns).toContain('visit_id');
    const cells = rows.flatMap((row) => Object.values(row));
    expect(cells.some((cell) => cell.includes(','))).toBe(true);
    expect(cells.some((cell) => cell.includes('"'))).toBe(true);
    expect(cells.some((cell) => cell.includes('\n'))).toBe(true);
    expect(cells).toContain('');
  });

  test('names and emails are obviously fake', () => {
    const { rows } = fakeVisitsCsv({ rows: 20 });
    expect(rows.every((row) => row.patient_email.endsWith('@example.invalid'))).toBe(true);
    expect(new Set(rows.map((row) => row.patient_first_name))).toEqual(new Set(['Fakey', 'Testina', 'Mocky', 'Dummo', 'Sampla']));
  });

  test('duplicates repeats earlier visits word for word, and recordEnds marks every record boundary', () => {
    const { rows, csv, recordEnds } = fakeVisitsCsv({ rows: 5, duplicates: 2, bom: true });
    expect(rows).toHaveLength(7);
    expect(rows.slice(5)).toEqual(rows.slice(0, 2));
    expect(new Set(rows.map((row) => row.visit_id)).size).toBe(5);
    const bytes = new TextEncoder().encode(csv);
    expect(recordEnds).toHaveLength(8);
    expect(recordEnds.at(-1)).toBe(bytes.byteLength);
    for (const end of recordEnds) expect([bytes[end - 2], bytes[end - 1]]).toEqual([13, 10]);
  });
});

describe('dexCareHandlers: the All Providers Report', () => {
  const search = { startDate: '2023-11-01T00:00:00Z', endDate: '2023-12-31T00:00:00Z' };

  test('pages with offset and limit, defaulting limit to 50, and reports the count', async () => {
    const mock = install({ apr: { records: 70 } });
    const first = await call(APR, { method: 'POST', body: search });
    expect(first.body.count).toBe(70);
    expect(first.body.data).toEqual(mock.providerHistories.slice(0, 50));
    const second = await call(APR, { method: 'POST', body: { ...search, offset: 60, limit: 5 } });
    expect(second.body.data).toEqual(mock.providerHistories.slice(60, 65));
  });

  test('caps the limit at maxLimit', async () => {
    install({ apr: { records: 70, maxLimit: 10 } });
    expect((await call(APR, { method: 'POST', body: { ...search, limit: 40 } })).body.data).toHaveLength(10);
  });

  test('applies the date range and the filters', async () => {
    const mock = install({ apr: { records: 100 } });
    const firstDay = await call(APR, { method: 'POST', body: { startDate: '2023-11-06T07:00:00Z', endDate: '2023-11-06T23:59:59Z' } });
    const times = mock.providerHistories.map((record) => Date.parse(String(record.createdAt)));
    expect(firstDay.body.count).toBe(times.filter((time) => time <= Date.parse('2023-11-06T23:59:59Z')).length);
    const filtered = await call(APR, { method: 'POST', body: { ...search, actorFirstName: 'SIMON', providerCredentials: 'do' } });
    expect(filtered.body.data.length).toBeGreaterThan(0);
    for (const record of filtered.body.data) {
      expect(record.actorFirstName).toBe('Simon');
      expect(record.providerCredentials.toLowerCase()).toContain('do');
    }
  });

  test('answers 400 without both dates, and 403 for the wrong key', async () => {
    install({ aprKey: 'apr-key' });
    expect((await call(APR, { method: 'POST', body: { startDate: search.startDate }, headers: { authorization: 'dc-token apr-key' } })).status).toBe(400);
    expect(await call(APR, { method: 'POST', body: search })).toMatchObject({ status: 403, body: DEXCARE_ERROR_BODIES.badServiceToken });
  });

  test('fakeProviderHistories is deterministic', () => {
    expect(fakeProviderHistories(30)).toEqual(fakeProviderHistories(30));
    expect(new Set(fakeProviderHistories(30).map((record) => record.id)).size).toBe(30);
  });

  test('logs requests without their headers', async () => {
    const mock = install();
    await call(APR, { method: 'POST', body: search });
    expect(JSON.stringify(mock.requests)).not.toContain(FAKE_SERVICE_KEY);
  });
});
