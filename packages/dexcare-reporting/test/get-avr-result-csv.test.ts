import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { ApiError, ConnectionError, ExportFormatError, InvalidParamsError, NotFoundError, ReportNotReadyError } from '../src/index.js';
import { DEXCARE_ERROR_BODIES, FAKE_BASE_URL } from '../src/testing.js';
import { caught, fakeDexCare, succeededReport, useMockServer } from './helpers/index.js';

const server = useMockServer();
const DATA_URL = `${FAKE_BASE_URL}/api/8/reporting/allvisitsreport/:id/data`;
const UNKNOWN_ID = '3b690e39-4659-40f9-9909-58b27c0a4383';

describe('getAvrResultCsv', () => {
  test('returns the CSV exactly as sent: BOM, CRLF, quoted commas, quotes and line breaks', async () => {
    const { dex, mock, id } = await succeededReport(server, { avr: { visits: { rows: 12, bom: true }, chunkSize: 100 } });
    const csv = await dex.getAvrResultCsv(id);
    expect(csv).toBe(mock.csv);
    expect(csv.startsWith('\uFEFFvisit_id,')).toBe(true);
    expect(csv).toContain('"Cough, fever"');
    expect(csv).toContain('"Says ""it hurts"""');
    expect(csv).toContain('"Line one\nline two"');
  });

  test('before the report succeeded, DexCare’s 400 is a ReportNotReadyError that says to wait', async () => {
    const { dex } = fakeDexCare(server);
    const { id } = await dex.startAvrReport({ type: 'virtual' });
    const error = await caught(dex.getAvrResultCsv(id));
    expect(error).toBeInstanceOf(ReportNotReadyError);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).body).toEqual(DEXCARE_ERROR_BODIES.notSucceeded);
    expect((error).message).toMatch(/QueryExecution did not succeed.*waitForAvrReport/);
    expect((error).name).toBe('ReportNotReadyError');
  });

  test('another 400 stays an ApiError with DexCare’s message', async () => {
    const { dex } = fakeDexCare(server);
    server.use(http.get(DATA_URL, () => HttpResponse.json(DEXCARE_ERROR_BODIES.invalidReportId, { status: 400 })));
    const error = await caught(dex.getAvrResultCsv(UNKNOWN_ID));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(ReportNotReadyError);
    expect((error).message).toContain("'reportId' must be a valid GUID");
  });

  test('an unknown report is a NotFoundError', async () => {
    const { dex } = fakeDexCare(server);
    expect(await caught(dex.getAvrResultCsv(UNKNOWN_ID))).toBeInstanceOf(NotFoundError);
  });

  test('refuses an id that is not a GUID before sending', async () => {
    const { dex, mock } = fakeDexCare(server);
    expect(await caught(dex.getAvrResultCsv('latest'))).toBeInstanceOf(InvalidParamsError);
    expect(mock.requests).toHaveLength(0);
  });

  test('a body cut off part-way is retried before use, then a ConnectionError, never a shorter text', async () => {
    const { dex, mock, id } = await succeededReport(server, { avr: { visits: { rows: 40 }, interruptDownload: { afterRows: 10 } } }, { maxRetries: 1 });
    const error = await caught(dex.getAvrResultCsv(id));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(mock.reports.get(id)!.downloads).toHaveLength(2);
  });

  test('a body closed cleanly short of its Content-Length is a ConnectionError', async () => {
    const { dex, id } = await succeededReport(server, { avr: { visits: { rows: 40 }, interruptDownload: { afterRows: 10, how: 'close' } } });
    const error = await caught(dex.getAvrResultCsv(id));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error).message).toMatch(/body ended after \d+ of its \d+ bytes/);
  });

  test('an HTML page on a 200 is an ExportFormatError, not CSV', async () => {
    const { dex } = fakeDexCare(server);
    server.use(http.get(DATA_URL, () => HttpResponse.html('<!doctype html><title>Sign in</title>')));
    const error = await caught(dex.getAvrResultCsv(UNKNOWN_ID));
    expect(error).toBeInstanceOf(ExportFormatError);
    expect((error).message).toContain('HTML');
  });
});
