import { z } from 'zod';
import * as zm from 'zod/mini';
import { describe, expect, test } from 'vitest';
import {
  ConnectionError,
  DataValidationError,
  DexCareReportingClient,
  ExportFormatError,
  InvalidParamsError,
  ReportNotReadyError,
  TimeoutError,
  extraFields,
  values,
} from '../src/index.js';
import { FAKE_BASE_URL, FAKE_VISIT_COLUMNS, fakeVisitsCsv } from '../src/testing.js';
import { caught, collect, everythingPrinted, fakeDexCare, pause, rowsUntilFailure, SECRET_KEY, succeededReport, useMockServer } from './helpers/index.js';

const server = useMockServer();
const REPORT_ID = '3b690e39-4659-40f9-9909-58b27c0a4383';

/** A user's schema for (some of) the fake report's columns, built with core's values helpers. */
const Visit = z.looseObject({
  visit_id: values.string(),
  created_at: values.timestamp(),
  duration_minutes: values.integer().nullable(),
});

/** A client whose `fetch` answers every request with a body that repeats `text` for ever. */
function clientOnEndlessBody(text: string, contentType: string) {
  const body = { cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull: (controller) => controller.enqueue(new TextEncoder().encode(text)),
    cancel: () => {
      body.cancelled = true;
    },
  });
  const fetch = async () => new Response(stream, { headers: { 'content-type': contentType } });
  return { dex: new DexCareReportingClient({ baseUrl: FAKE_BASE_URL, serviceKey: SECRET_KEY, fetch }), body };
}

describe('getAvrResultRows', () => {
  test('without a schema, rows are strings keyed by the header, quoted cells intact', async () => {
    const { dex, mock, id } = await succeededReport(server, { avr: { visits: { rows: 30, bom: true }, chunkSize: 64 } });
    const rows = await collect(dex.getAvrResultRows(id));
    expect(rows).toEqual(mock.visits);
    expect(Object.keys(rows[0]!)).toEqual([...FAKE_VISIT_COLUMNS]);
    expect(rows.map((row) => row.reason_for_visit)).toContain('Rash, "itchy",\r\nsince Monday');
  });

  test('with a schema, the columns it names are typed and the rest pass through as strings', async () => {
    const { dex, mock, id } = await succeededReport(server, { avr: { visits: { rows: 18 } } });
    const rows = await collect(dex.getAvrResultRows(id, { schema: Visit }));
    expect(rows).toHaveLength(18);
    expect(rows[0]!.created_at).toEqual(new Date(mock.visits[0]!.created_at));
    expect(rows[0]!.duration_minutes).toBe(Number(mock.visits[0]!.duration_minutes));
    expect(rows[8]!.duration_minutes).toBeNull();
    expect(extraFields(rows[0]!, Visit).patient_email).toBe(mock.visits[0]!.patient_email);
  });

  test('a schema that is not of the SDK\'s zod classes (zod/mini here, as another copy of zod would be) reads rows too', async () => {
    const OtherVisit = zm.looseObject({ visit_id: zm.string(), visit_type: zm.string(), reason_for_visit: zm.nullable(zm.string()) });
    const { dex, mock, id } = await succeededReport(server, { avr: { visits: { rows: 6 } } });
    const rows = await collect(dex.getAvrResultRows(id, { schema: OtherVisit }));
    expect(rows.map((row) => row.visit_id)).toEqual(mock.visits.map((visit) => visit.visit_id));
    expect(extraFields(rows[0]!, OtherVisit).patient_email).toBe(mock.visits[0]!.patient_email);
  });

  test('raw: true keeps every cell a string while the schema still checks the columns', async () => {
    const { dex, mock, id } = await succeededReport(server, { avr: { visits: { rows: 5 } } });
    expect(await collect(dex.getAvrResultRows(id, { schema: Visit, raw: true }))).toEqual(mock.visits);
  });

  test('a missing required column is an ExportFormatError naming it', async () => {
    const { dex, id } = await succeededReport(server, { avr: { visits: { rows: 3 } } });
    const schema = z.looseObject({ visit_id: values.string(), patient_dob: values.date() });
    const error = await caught(collect(dex.getAvrResultRows(id, { schema })));
    expect(error).toBeInstanceOf(ExportFormatError);
    expect((error).message).toContain('"patient_dob"');
  });

  test('a bad cell is a DataValidationError naming record and column but never the value', async () => {
    const { dex, mock, id } = await succeededReport(server, { avr: { visits: { rows: 6 } } });
    const schema = z.looseObject({ patient_email: values.integer() });
    const error = await caught(collect(dex.getAvrResultRows(id, { schema })));
    expect(error).toBeInstanceOf(DataValidationError);
    expect(error).toMatchObject({ source: 'allvisitsreport', record: 1, field: 'patient_email' });
    expect(everythingPrinted(error)).not.toContain(mock.visits[0]!.patient_email);
    expect((error as DataValidationError).value).toBe(mock.visits[0]!.patient_email);
  });

  test('onInvalidRow reports each bad row and still delivers it', async () => {
    const { dex, id } = await succeededReport(server, { avr: { visits: { rows: 4 } } });
    const schema = z.looseObject({ patient_email: values.integer() });
    const reported: DataValidationError[] = [];
    const rows = await collect(dex.getAvrResultRows(id, { schema, onInvalidRow: (error) => reported.push(error) }));
    expect(rows).toHaveLength(4);
    expect(reported.map((error) => error.record)).toEqual([1, 2, 3, 4]);
  });

  test('nothing is sent until the rows are iterated, and each loop downloads afresh', async () => {
    const { dex, mock, id } = await succeededReport(server, { avr: { visits: { rows: 3 } } });
    const before = mock.requests.length;
    const rows = dex.getAvrResultRows(id);
    expect(mock.requests).toHaveLength(before);
    expect(await collect(rows)).toHaveLength(3);
    expect(await collect(rows)).toHaveLength(3);
    expect(mock.reports.get(id)!.downloads).toHaveLength(2);
  });

  test('refuses an id that is not a GUID at the call, before any request', async () => {
    const { dex, mock } = fakeDexCare(server);
    expect(() => dex.getAvrResultRows('nope')).toThrow(InvalidParamsError);
    expect(mock.requests).toHaveLength(0);
  });

  test('before the report succeeded the loop rejects with ReportNotReadyError', async () => {
    const { dex } = fakeDexCare(server);
    const { id } = await dex.startAvrReport({ type: 'virtual' });
    expect(await caught(collect(dex.getAvrResultRows(id)))).toBeInstanceOf(ReportNotReadyError);
  });

  test('a slow consumer holds the download back: the body is pulled as rows are consumed', async () => {
    const chunkSize = 4_096;
    const { dex, id, mock } = await succeededReport(server, { avr: { visits: { rows: 5_000 }, chunkSize } });
    const download = () => mock.reports.get(id)!.downloads[0]!;
    const rows = dex.getAvrResultRows(id)[Symbol.asyncIterator]();
    await rows.next();
    await pause();
    const total = download().bytesTotal;
    expect(total).toBeGreaterThan(100 * chunkSize);
    // Holding one row, the client has pulled a few chunks of a body a hundred times larger.
    expect(download().bytesSent).toBeLessThanOrEqual(4 * chunkSize);
    for (let i = 0; i < 500; i++) await rows.next();
    await pause();
    expect(download().bytesSent).toBeLessThan(total / 4);
    await rows.return?.();
    const sentWhenLeft = download().bytesSent;
    await pause();
    expect(download().bytesSent).toBe(sentWhenLeft);
  });

  test('leaving the loop early cancels the response body, freeing its connection', async () => {
    const { dex, body } = clientOnEndlessBody('visit_id,note\r\nv1,a\r\nv2,b\r\n', 'text/csv');
    for await (const row of dex.getAvrResultRows(REPORT_ID)) {
      expect(row).toEqual({ visit_id: 'v1', note: 'a' });
      break;
    }
    await pause();
    expect(body.cancelled).toBe(true);
  });

  test('a connection lost part-way is a ConnectionError after the rows that arrived whole, never a short success', async () => {
    const { dex, id, mock } = await succeededReport(server, { avr: { visits: { rows: 50 }, chunkSize: 256, interruptDownload: { afterRows: 20 } } });
    const { read, error } = await rowsUntilFailure(dex.getAvrResultRows(id));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain('connection was lost');
    expect(read.length).toBeLessThanOrEqual(20);
    expect(read).toEqual(mock.visits.slice(0, read.length));
  });

  test('a body closed cleanly between two records, short of its Content-Length, is a ConnectionError', async () => {
    const { dex, id, mock } = await succeededReport(server, {
      avr: { visits: { rows: 50 }, chunkSize: 256, interruptDownload: { afterRows: 20, how: 'close' } },
    });
    const { read, error } = await rowsUntilFailure(dex.getAvrResultRows(id));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/the body ended after \d+ of its \d+ bytes/);
    expect(read.length).toBeLessThanOrEqual(20);
    expect(read).toEqual(mock.visits.slice(0, read.length));
  });

  test('a body cut inside a quoted cell is an error, not a merged or shortened row', async () => {
    const cut = fakeVisitsCsv({ rows: 10 }).csv.indexOf('"Line one') + 5;
    for (const how of ['drop', 'close'] as const) {
      const { dex, id, mock } = await succeededReport(server, { avr: { visits: { rows: 10 }, interruptDownload: { afterBytes: cut, how } } });
      const { read, error } = await rowsUntilFailure(dex.getAvrResultRows(id));
      expect(error).toBeInstanceOf(ConnectionError);
      expect(read).toEqual(mock.visits.slice(0, read.length));
    }
  });

  test('a stalled body is a TimeoutError after timeoutMs', async () => {
    const { dex, id } = await succeededReport(
      server,
      { avr: { visits: { rows: 50 }, chunkSize: 256, interruptDownload: { afterRows: 5, how: 'stall' } } },
      { timeoutMs: 100 },
    );
    const { error } = await rowsUntilFailure(dex.getAvrResultRows(id));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(100);
  });

  test('aborting mid-download rejects with the signal’s reason and stops the download', async () => {
    const { dex, id, mock } = await succeededReport(server, { avr: { visits: { rows: 2_000 }, chunkSize: 1_024 } });
    const controller = new AbortController();
    const reason = new Error('stop');
    const read: unknown[] = [];
    const error = await caught(
      (async () => {
        for await (const row of dex.getAvrResultRows(id, { signal: controller.signal })) {
          read.push(row);
          if (read.length === 10) controller.abort(reason);
        }
      })(),
    );
    expect(error).toBe(reason);
    expect(read).toHaveLength(10);
    const { bytesSent, bytesTotal } = mock.reports.get(id)!.downloads[0]!;
    await pause();
    expect(mock.reports.get(id)!.downloads[0]!.bytesSent).toBe(bytesSent);
    expect(bytesSent).toBeLessThan(bytesTotal);
  });

  test('an HTML page on a 200 is an ExportFormatError, and its body is released', async () => {
    const { dex, body } = clientOnEndlessBody('<p>sign in</p>', 'text/html; charset=utf-8');
    const error = await caught(collect(dex.getAvrResultRows(REPORT_ID)));
    expect(error).toBeInstanceOf(ExportFormatError);
    expect((error).message).toContain('HTML');
    await pause();
    expect(body.cancelled).toBe(true);
  });
});
