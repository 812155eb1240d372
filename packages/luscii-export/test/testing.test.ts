import { describe, expect, it } from 'vitest';
import { LUSCII_REPORT_TYPES, LUSCII_ROW_MODELS } from '../src/index.js';
import { DEFAULT_FAKE_ROW_COUNTS, FAKE_LUSCII_API_KEY, fakeLusciiOrganisation, lusciiHandlers } from '../src/testing.js';
import { useMockServer } from './helpers/index.js';

const server = useMockServer();

/** Calls the fake directly, as any HTTP client would. */
async function post(path: string, { key = FAKE_LUSCII_API_KEY, method = 'POST' }: { key?: string; method?: string } = {}) {
  const response = await fetch(`https://api.luscii.com/v1/export/${path}`, { method, headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { data: unknown[]; meta: Record<string, unknown>; errors?: unknown[] } };
}

describe('fakeLusciiOrganisation', () => {
  it('is deterministic for a seed and different for another', () => {
    expect(fakeLusciiOrganisation({ seed: 7 })).toEqual(fakeLusciiOrganisation({ seed: 7 }));
    expect(fakeLusciiOrganisation({ seed: 7 }).rows.patients).not.toEqual(fakeLusciiOrganisation({ seed: 8 }).rows.patients);
  });

  it('has the default counts, and the counts asked for', () => {
    const defaults = fakeLusciiOrganisation();
    for (const reportType of LUSCII_REPORT_TYPES) expect(defaults.rows[reportType]).toHaveLength(DEFAULT_FAKE_ROW_COUNTS[reportType]);
    expect(DEFAULT_FAKE_ROW_COUNTS.measurements).toBeGreaterThanOrEqual(200);
    const custom = fakeLusciiOrganisation({ rows: { measurements: 5, patients: 0 } });
    expect(custom.rows.measurements).toHaveLength(5);
    expect(custom.rows.patients).toHaveLength(0);
    expect(custom.rows.alerts).toHaveLength(DEFAULT_FAKE_ROW_COUNTS.alerts);
  });

  it('serves rows that match the models, in the wire form Luscii uses', () => {
    const { rows } = fakeLusciiOrganisation({ seed: 3 });
    for (const reportType of LUSCII_REPORT_TYPES) {
      for (const row of rows[reportType]) expect(LUSCII_ROW_MODELS[reportType].safeParse(row).success).toBe(true);
    }
    expect(rows.patients.every((row) => typeof row.Grey_Alerts === 'string' && typeof row.Total_Alerts === 'number')).toBe(true);
    expect(rows.plannedActions.every((row) => row.Self_Planned === 0 || row.Self_Planned === 1)).toBe(true);
    expect(rows.measurements.some((row) => /^\d+\/\d+$/.test(String(row.Measurement_Value)))).toBe(true);
    expect(rows.measurements.some((row) => row.Alert_Flag === null) && rows.measurements.some((row) => row.Alert_Flag !== null)).toBe(true);
  });

  it('uses obviously fake people', () => {
    const { rows } = fakeLusciiOrganisation();
    const emails = [...rows.patients, ...rows.hcps].map((row) => row.Email).filter((email) => email !== null);
    expect(emails.every((email) => String(email).endsWith('@example.invalid'))).toBe(true);
    expect(rows.patients.every((row) => /Fake|Test|Mock|Sample|Demo|Dummy/.test(`${String(row.First_Name)} ${String(row.Last_Name)}`))).toBe(true);
  });

  it('spreads creation dates over the period, in order', () => {
    const { rows } = fakeLusciiOrganisation({ period: { from: '2023-01-01', to: '2023-01-31' } });
    const dates = rows.measurements.map((row) => row.Measurement_Date);
    expect(dates.every((date) => date >= '2023-01-01 00:00:00' && date <= '2023-01-31 23:59:59')).toBe(true);
    expect([...dates].sort()).toEqual(dates);
  });

  it('refuses malformed options', () => {
    expect(() => fakeLusciiOrganisation({ rows: { measurements: -1 } })).toThrow('rows.measurements must be a whole number');
    expect(() => fakeLusciiOrganisation({ rows: { visits: 3 } as never })).toThrow('unknown report type');
    expect(() => fakeLusciiOrganisation({ period: { from: '2024-06-01', to: '2024-05-01' } })).toThrow('must not be after');
  });
});

describe('lusciiHandlers', () => {
  it('pages 50 rows at a time with base64 JSON cursors, in the documented envelope', async () => {
    const api = lusciiHandlers();
    server.use(...api.handlers);
    const first = await post('patients');
    expect(first.status).toBe(200);
    expect(first.body.meta).toEqual({ perPage: 50, nextCursor: null, nextPageUrl: null, prevCursor: null, prevPageUrl: null });
    const page = await post('measurements?startDate=2024-05-01&endDate=2024-06-30');
    expect(page.body.data).toHaveLength(50);
    const cursor = String(page.body.meta.nextCursor);
    expect(cursor).toMatch(/^eyJ[\w-]+$/);
    expect(JSON.parse(atob(cursor.replaceAll('-', '+').replaceAll('_', '/')))).toEqual({ id: 50, _pointsToNextItems: true });
    expect(page.body.meta.nextPageUrl).toContain(`cursor=${cursor}`);
  });

  it('enforces the date rules with a 422 errors[] body', async () => {
    server.use(...lusciiHandlers().handlers);
    const missing = await post('measurements');
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([
      { code: 'required', message: 'The startDate field is required.', attribute: 'startDate' },
      { code: 'required', message: 'The endDate field is required.', attribute: 'endDate' },
    ]);
    const forbidden = await post('starRatings?startDate=2024-05-01&endDate=2024-01-05');
    expect(forbidden.status).toBe(422);
    expect(forbidden.body.errors).toHaveLength(2);
    expect((await post('alerts?startDate=2024-05-31&endDate=2024-05-01')).body.errors).toEqual([
      { code: 'before_or_equal', message: 'The startDate field must be a date before or equal to endDate.', attribute: 'startDate' },
    ]);
    expect((await post('plannedActions?startDate=2024-5-1')).status).toBe(422);
    expect((await post('plannedActions?startDate=2024-05-01')).status).toBe(200);
  });

  it('filters by creation date, both ends inclusive', async () => {
    const api = lusciiHandlers({ rows: { alerts: 40 } });
    server.use(...api.handlers);
    const rows = api.rowsFor('alerts', { startDate: '2024-05-10', endDate: '2024-05-20' });
    const all = api.organisation.rows.alerts;
    expect(rows).toEqual(all.filter((row) => row.Alert_Created_Date >= '2024-05-10' && row.Alert_Created_Date < '2024-05-21'));
    const served = await post('alerts?startDate=2024-05-10&endDate=2024-05-20');
    expect(served.body.data).toEqual(rows);
  });

  it('answers another key with 401 and an unknown report type with 404', async () => {
    server.use(...lusciiHandlers({ apiKey: 'the-right-key' }).handlers);
    expect((await post('patients', { key: 'the-wrong-key' })).status).toBe(401);
    expect((await post('patients', { key: 'the-right-key' })).status).toBe(200);
    expect((await post('visits', { key: 'the-right-key' })).status).toBe(404);
  });

  it('fires a fault the number of times asked, then serves the page, and logs it', async () => {
    const api = lusciiHandlers({ faults: [{ fault: 'rateLimit', page: 1, times: 2, retryAfterSeconds: 7 }] });
    server.use(...api.handlers);
    const first = await post('hcps');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('7');
    expect((await post('hcps')).status).toBe(429);
    expect((await post('hcps')).status).toBe(200);
    expect(api.requests.map(({ status, fault, page }) => ({ status, fault, page }))).toEqual([
      { status: 429, fault: 'rateLimit', page: 1 },
      { status: 429, fault: 'rateLimit', page: 1 },
      { status: 200, fault: undefined, page: 1 },
    ]);
  });

  it('aims a fault at one report type', async () => {
    const api = lusciiHandlers({ faults: [{ fault: 'serverError', reportType: 'alerts', times: Infinity }] });
    server.use(...api.handlers);
    expect((await post('hcps')).status).toBe(200);
    expect((await post('alerts?startDate=2024-05-01&endDate=2024-05-31')).status).toBe(503);
  });
});
