import { describe, expect, it } from 'vitest';
import { InvalidParamsError, type LusciiClient } from '../src/index.js';
import { clientFor, thrown, useFake, useMockServer } from './helpers/index.js';

const server = useMockServer();

/** Calls `export` the way plain JavaScript (or a cast) can, past the compile-time rules. */
function exportUnchecked(client: LusciiClient, reportType: unknown, params?: unknown) {
  return (client.export as (type: unknown, params?: unknown) => unknown)(reportType, params);
}

/** Expects the call to throw an InvalidParamsError for `param` at once, with no request sent. */
function expectRefused(run: (client: LusciiClient) => unknown, param: string) {
  const api = useFake(server);
  const error = thrown(() => run(clientFor(api)));
  expect(error).toBeInstanceOf(InvalidParamsError);
  expect((error as InvalidParamsError).param).toBe(param);
  expect(api.requests).toEqual([]);
  return error as InvalidParamsError;
}

describe('date rules at run time', () => {
  it.each(['measurements', 'alerts'] as const)('refuses %s without dates, before any request', (reportType) => {
    const error = expectRefused((client) => exportUnchecked(client, reportType), 'startDate');
    expect(error.message).toBe(`startDate is required for ${reportType} exports`);
    expectRefused((client) => exportUnchecked(client, reportType, { startDate: '2024-05-01' }), 'endDate');
    expectRefused((client) => exportUnchecked(client, reportType, { endDate: '2024-05-31', cursor: 'eyJ' }), 'startDate');
  });

  it.each(['patients', 'hcps', 'patientsMutations', 'starRatings'] as const)('refuses dates for %s, before any request', (reportType) => {
    const error = expectRefused((client) => exportUnchecked(client, reportType, { startDate: '2024-05-01', endDate: '2024-01-05' }), 'startDate');
    expect(error.message).toContain(`not accepted for ${reportType} exports`);
    expectRefused((client) => exportUnchecked(client, reportType, { endDate: new Date() }), 'endDate');
  });

  it.each([
    ['2024-5-1', 'a date without leading zeros'],
    ['2024-02-30', 'a day that does not exist'],
    ['01-05-2024', 'a European order'],
    ['2024-05-01T00:00:00Z', 'a timestamp'],
    [20240501, 'a number'],
    [new Date('not a date'), 'an invalid Date'],
  ])('refuses %s (%s) as a date', (startDate, _description) => {
    expectRefused((client) => exportUnchecked(client, 'measurements', { startDate, endDate: '2024-05-31' }), 'startDate');
  });

  it('refuses a start after the end, for required and optional dates alike', () => {
    expectRefused((client) => client.export('alerts', { startDate: '2024-05-02', endDate: '2024-05-01' }), 'startDate');
    expectRefused((client) => client.export('plannedActions', { startDate: new Date('2024-06-01'), endDate: '2024-05-31' }), 'startDate');
  });

  it('sends a Date as its UTC calendar date', async () => {
    const api = useFake(server);
    // 23:30 in New York on 1 May is 2 May in UTC.
    await clientFor(api).export('measurements', { startDate: new Date('2024-05-01T23:30:00-04:00'), endDate: new Date(Date.UTC(2024, 4, 31)) }).toArray();
    expect(api.requests[0]).toMatchObject({ startDate: '2024-05-02', endDate: '2024-05-31' });
  });

  it('accepts a one-day range', async () => {
    const api = useFake(server);
    const rows = await clientFor(api).export('measurements', { startDate: '2024-05-10', endDate: '2024-05-10' }).toArray();
    expect(rows.length).toBe(api.rowsFor('measurements', { startDate: '2024-05-10', endDate: '2024-05-10' }).length);
    expect(rows.every((row) => row.Measurement_Date.startsWith('2024-05-10'))).toBe(true);
  });

  it.each(['plannedActions', 'patientsWorkflowHistory', 'patientsProgramsHistory', 'patientsSettingsHistory', 'usersStatusChangeReasons'] as const)(
    'lets %s take either date alone, and sends only that one',
    async (reportType) => {
      const api = useFake(server, { rows: { [reportType]: 90 } });
      const client = clientFor(api);
      const since = await client.export(reportType, { startDate: '2024-06-01' }).toArray();
      const until = await client.export(reportType, { endDate: '2024-05-31' }).toArray();
      const all = await client.export(reportType).toArray();
      expect(since).toHaveLength(api.rowsFor(reportType, { startDate: '2024-06-01' }).length);
      expect(until).toHaveLength(api.rowsFor(reportType, { endDate: '2024-05-31' }).length);
      expect(since.length + until.length).toBe(90);
      expect(all).toHaveLength(90);
      const sent = api.requests.map(({ startDate, endDate }) => [startDate, endDate]);
      expect(sent).toContainEqual(['2024-06-01', null]);
      expect(sent).toContainEqual([null, '2024-05-31']);
      expect(sent).toContainEqual([null, null]);
    },
  );
});

describe('other parameters', () => {
  it('refuses an unknown report type, naming the known ones', () => {
    const error = expectRefused((client) => exportUnchecked(client, 'visits'), 'reportType');
    expect(error.message).toContain('patients, measurements, alerts');
    expectRefused((client) => exportUnchecked(client, 'toString'), 'reportType');
    expectRefused((client) => exportUnchecked(client, undefined), 'reportType');
  });

  it('refuses a misspelt parameter rather than exporting everything', () => {
    const error = expectRefused((client) => exportUnchecked(client, 'plannedActions', { start_date: '2024-05-01' }), 'start_date');
    expect(error.message).toContain('unknown parameter "start_date"');
  });

  it.each([null, 'patients', ['2024-05-01'], 42])('refuses params that are not an object: %j', (params) => {
    expectRefused((client) => exportUnchecked(client, 'patients', params), 'params');
  });

  it('refuses an empty or null cursor, which would silently restart the export', () => {
    const error = expectRefused((client) => exportUnchecked(client, 'patients', { cursor: null }), 'cursor');
    expect(error.message).toContain('a null nextCursor means the export had already finished');
    expectRefused((client) => exportUnchecked(client, 'patients', { cursor: '' }), 'cursor');
    expectRefused((client) => exportUnchecked(client, 'patients', { cursor: 42 }), 'cursor');
  });

  it('refuses a signal that is not an AbortSignal', () => {
    expectRefused((client) => exportUnchecked(client, 'patients', { signal: new AbortController() }), 'signal');
  });

  it('refuses malformed row options', () => {
    expectRefused((client) => exportUnchecked(client, 'patients', { raw: 'yes' }), 'raw');
    expectRefused((client) => exportUnchecked(client, 'patients', { onInvalidRow: 'log' }), 'onInvalidRow');
    expectRefused((client) => exportUnchecked(client, 'patients', { raw: true, onInvalidRow: () => undefined }), 'onInvalidRow');
  });

  it('sends nothing until the rows are iterated', async () => {
    const api = useFake(server);
    const rows = clientFor(api).export('patients');
    expect(api.requests).toEqual([]);
    await rows.toArray();
    expect(api.requests).toHaveLength(1);
  });

  it('sends a POST with the dates and the cursor in the query and no body', async () => {
    const api = useFake(server);
    const sent: { method: string; search: string; body: string }[] = [];
    server.events.on('request:start', async ({ request }) => {
      sent.push({ method: request.method, search: new URL(request.url).search, body: await request.clone().text() });
    });
    await clientFor(api).export('measurements', { startDate: '2024-05-01', endDate: '2024-05-31' }).toArray();
    await clientFor(api).export('patients').toArray();
    server.events.removeAllListeners();
    expect(sent.length).toBeGreaterThan(2);
    expect(sent.every(({ method, body }) => method === 'POST' && body === '')).toBe(true);
    expect(sent[0]?.search).toBe('?startDate=2024-05-01&endDate=2024-05-31');
    expect(sent.slice(1, -1).every(({ search }) => /^\?startDate=2024-05-01&endDate=2024-05-31&cursor=eyJ/.test(search))).toBe(true);
    expect(sent.at(-1)?.search).toBe('');
  });
});
