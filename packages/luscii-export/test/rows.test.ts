import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { DataValidationError, extraFields, LUSCII_REPORT_TYPES, LusciiAlertRow } from '../src/index.js';
import { MALFORMED_FIELD } from '../src/testing/faults.js';
import { caught, clientFor, rowsUntilFailure, useFake, useMockServer, wholePeriod } from './helpers/index.js';

const server = useMockServer();
const MAY = { startDate: '2024-05-01', endDate: '2024-05-31' };
// Looks like patient data, so that a leak into a message would be caught.
const PATIENT_VALUE = 'Jane Fakeperson 1970-01-01';

describe('a row that breaks its model', () => {
  it('is a DataValidationError naming report, page, row and field, never the value', async () => {
    const api = useFake(server, { faults: [{ fault: 'malformedRow', page: 2, index: 7, field: 'Measurement_Date', value: PATIENT_VALUE }] });
    const { read: seen, error } = await rowsUntilFailure(clientFor(api).export('measurements', MAY));
    expect(error).toBeInstanceOf(DataValidationError);
    expect(error).toMatchObject({ source: 'measurements', page: 2, index: 7, field: 'Measurement_Date' });
    expect((error as Error).message).toBe('Invalid measurements page 2 row 7, field "Measurement_Date": expected a date-time YYYY-MM-DD HH:MM:SS');
    // The value is there for the caller who asks, but not in anything that gets logged.
    expect((error as DataValidationError).value).toBe(PATIENT_VALUE);
    for (const dump of [(error as Error).message, String(error), JSON.stringify(error), inspect(error, { depth: 5 })]) {
      expect(dump).not.toContain(PATIENT_VALUE);
    }
    // Page 1 was delivered whole; nothing of page 2.
    expect(seen).toHaveLength(50);
  });

  it.each(LUSCII_REPORT_TYPES)('is caught in %s', async (reportType) => {
    const api = useFake(server, { rows: { [reportType]: 60 }, faults: [{ fault: 'malformedRow', reportType, page: 1, index: 3 }] });
    const error = await caught(clientFor(api).export(reportType, wholePeriod(reportType, api)).toArray());
    expect(error).toBeInstanceOf(DataValidationError);
    expect(error).toMatchObject({ source: reportType, page: 1, index: 3, field: MALFORMED_FIELD[reportType] });
  });

  it('is named by its page in this run when the export was resumed', async () => {
    const api = useFake(server, { faults: [{ fault: 'malformedRow', page: 3, index: 0 }] });
    const first = await clientFor(api).export('measurements', MAY).pages().next();
    const error = await caught(clientFor(api).export('measurements', { ...MAY, cursor: first.value!.nextCursor! }).toArray());
    // Page 3 of the export is the second page of a run that started at page 2.
    expect(error).toMatchObject({ page: 2, index: 0 });
  });

  it('that is not an object is refused in every mode', async () => {
    for (const value of [null, 'row', [1, 2]]) {
      const api = useFake(server);
      server.use(
        http.post(`${api.baseUrl}/v1/export/hcps`, () =>
          HttpResponse.json({ data: [value], meta: { perPage: 50, nextCursor: null, prevCursor: null } }),
        ),
      );
      const client = clientFor(api);
      const modes = [client.export('hcps'), client.export('hcps', { raw: true }), client.export('hcps', { onInvalidRow: () => undefined })];
      for (const rows of modes) {
        const error = await caught(rows.toArray());
        expect(error).toBeInstanceOf(DataValidationError);
        expect(error).toMatchObject({ source: 'hcps', page: 1, index: 0 });
        expect((error).message).toBe('Invalid hcps page 1 row 0: expected a row object');
      }
    }
  });
});

describe('a field Luscii adds later', () => {
  it('passes through the export untouched, next to the typed fields', async () => {
    // The malformedRow fault sets any field; one the model does not know is not malformed.
    const api = useFake(server, { faults: [{ fault: 'malformedRow', page: 1, index: 2, field: 'Risk_Score', value: { level: '3' } }] });
    const rows = await clientFor(api).export('alerts', MAY).toArray();
    expect(extraFields(rows[2]!, LusciiAlertRow).Risk_Score).toEqual({ level: '3' });
    expect(rows[2]!.Alert_Created_Date).toBe(api.rowsFor('alerts', MAY)[2]!.Alert_Created_Date);
    expect(rows[1]).not.toHaveProperty('Risk_Score');
  });
});

describe('lenient mode (onInvalidRow)', () => {
  it('reports each bad row, still delivers it with its good fields converted, and finishes the export', async () => {
    const api = useFake(server, {
      rows: { patients: 120 },
      faults: [
        { fault: 'malformedRow', page: 1, index: 4, field: 'Grey_Alerts', value: PATIENT_VALUE },
        { fault: 'malformedRow', page: 3, index: 0, field: 'Date_Of_Birth', value: '1970-02-30' },
      ],
    });
    const reported: DataValidationError[] = [];
    const rows = await clientFor(api).export('patients', { onInvalidRow: (error) => reported.push(error) }).toArray();

    expect(rows).toHaveLength(120);
    expect(reported.map(({ page, index, field }) => ({ page, index, field }))).toEqual([
      { page: 1, index: 4, field: 'Grey_Alerts' },
      { page: 3, index: 0, field: 'Date_Of_Birth' },
    ]);
    expect(reported.every((error) => !error.message.includes(PATIENT_VALUE))).toBe(true);
    const bad = rows[4]!;
    const sent = api.rowsFor('patients')[4]!;
    // The bad field is as sent; the others are converted as usual.
    expect(bad.Grey_Alerts).toBe(PATIENT_VALUE);
    expect(bad.Red_Alerts).toBe(Number(sent.Red_Alerts));
    expect(bad.Patient_UUID).toBe(sent.Patient_UUID);
    expect(rows[100]!.Date_Of_Birth).toBe('1970-02-30');
  });
});

describe('raw mode', () => {
  it('yields every row exactly as sent, unchecked', async () => {
    const api = useFake(server, { faults: [{ fault: 'malformedRow', page: 1, index: 0, field: 'Self_Planned', value: 'maybe' }] });
    const rows = await clientFor(api).export('plannedActions', { raw: true }).toArray();
    const sent = api.rowsFor('plannedActions');
    expect(rows[0]!.Self_Planned).toBe('maybe');
    expect(rows.slice(1)).toEqual(sent.slice(1));
    expect(typeof rows[1]!.Self_Planned).toBe('number');
  });

  it('keeps counts as the strings Luscii sends', async () => {
    const api = useFake(server);
    const [row] = await clientFor(api).export('patients', { raw: true }).toArray();
    expect(typeof row!.Grey_Alerts).toBe('string');
    expect(typeof row!.Total_Alerts).toBe('number');
  });
});
