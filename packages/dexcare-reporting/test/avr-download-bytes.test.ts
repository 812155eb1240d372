/**
 * What the bytes of an All Visits Report download may really be: a `.gz` file served as-is
 * without `Content-Encoding`, a CSV in windows-1252 (declared or not), a CSV a spreadsheet saved
 * with blank rows, a body that stalls after whole rows. Each gives the rows it holds or a typed error; never rows of binary, never `Jos�`.
 */
import { gzipSync } from 'node:zlib';
import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { ExportFormatError, InvalidParamsError, TimeoutError, values } from '../src/index.js';
import { FAKE_BASE_URL } from '../src/testing.js';
import { caught, collect, rowsUntilFailure, succeededReport, useMockServer } from './helpers/index.js';

const server = useMockServer();
const DATA_URL = `${FAKE_BASE_URL}/api/8/reporting/allvisitsreport/:id/data`;
const CSV = 'visit_id,patient_name\r\nv1,José Núñez\r\nv2,Zoë\r\n';
const ROWS = [
  { visit_id: 'v1', patient_name: 'José Núñez' },
  { visit_id: 'v2', patient_name: 'Zoë' },
];

/** Bytes as a body that hands out `size` bytes per pull, then ends or stalls. */
function body(bytes: Uint8Array, size: number, end: 'close' | 'stall' = 'close'): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) {
        if (end === 'close') controller.close();
        return new Promise(() => undefined);
      }
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
      return undefined;
    },
  });
}

function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

async function reportServing(answer: () => Response, clientOptions: { timeoutMs?: number } = {}) {
  const report = await succeededReport(server, {}, clientOptions);
  server.use(http.get(DATA_URL, answer));
  return report;
}

describe('a .gz file served as-is, without Content-Encoding', () => {
  const gz = new Uint8Array(gzipSync(CSV));

  test.each([1, 7, 4096])('is recognised by its magic bytes and inflated (chunks of %i bytes)', async (size) => {
    const { dex, id } = await reportServing(() => new HttpResponse(body(gz, size), { headers: { 'content-type': 'application/octet-stream' } }));
    expect(await collect(dex.getAvrResultRows(id))).toEqual(ROWS);
  });

  test('a truncated .gz is an ExportFormatError that says so, never rows of binary', async () => {
    const { dex, id } = await reportServing(() => new HttpResponse(gz.slice(0, gz.length - 12), { headers: { 'content-type': 'text/csv' } }));
    const { read, error } = await rowsUntilFailure(dex.getAvrResultRows(id));
    expect(error).toBeInstanceOf(ExportFormatError);
    expect((error as Error).message).toMatch(/gzip data that does not inflate/);
    expect(read.every((row) => !JSON.stringify(row).includes('\\u001f'))).toBe(true);
  });

  test('getAvrResultCsv refuses it rather than return binary as text', async () => {
    const { dex, id } = await reportServing(() => new HttpResponse(gz, { headers: { 'content-type': 'text/csv' } }));
    const error = await caught(dex.getAvrResultCsv(id));
    expect(error).toBeInstanceOf(ExportFormatError);
    expect((error).message).toMatch(/gzip data sent without Content-Encoding; read it with getAvrResultRows/);
  });
});

describe('encodings', () => {
  test('text/csv; charset=windows-1252: José is José', async () => {
    const { dex, id } = await reportServing(() => new HttpResponse(latin1(CSV), { headers: { 'content-type': 'text/csv; charset=windows-1252' } }));
    expect(await collect(dex.getAvrResultRows(id))).toEqual(ROWS);
  });

  test('getAvrResultCsv honours the declared charset too: José is José in the text', async () => {
    const { dex, id } = await reportServing(() => new HttpResponse(latin1(CSV), { headers: { 'content-type': 'text/csv; charset=windows-1252' } }));
    expect(await dex.getAvrResultCsv(id)).toBe(CSV);
  });

  test('windows-1252 sent undeclared: an ExportFormatError naming the report and record, never Jos�', async () => {
    const { dex, id } = await reportServing(() => new HttpResponse(latin1(CSV), { headers: { 'content-type': 'text/csv' } }));
    const { read, error } = await rowsUntilFailure(dex.getAvrResultRows(id));
    expect(error).toBeInstanceOf(ExportFormatError);
    expect((error as Error).message).toMatch(/^allvisitsreport: record 1 is not valid utf-8/);
    expect(read).toEqual([]);
  });

  test('the encoding option reads it, and an unknown label is refused before any request', async () => {
    const { dex, id, mock } = await reportServing(() => new HttpResponse(latin1(CSV), { headers: { 'content-type': 'text/csv' } }));
    expect(await collect(dex.getAvrResultRows(id, { encoding: 'windows-1252' }))).toEqual(ROWS);
    const before = mock.requests.length;
    expect(() => dex.getAvrResultRows(id, { encoding: 'no-such-charset' })).toThrow(InvalidParamsError);
    expect(() => dex.runAvrReport({ type: 'virtual' }, { encoding: 'no-such-charset' })).toThrow(InvalidParamsError);
    expect(mock.requests).toHaveLength(before);
  });
});

describe('a CSV a spreadsheet saved with blank rows (lines of bare separators, `,`)', () => {
  const saved = `visit_id,patient_name\r\nv1,José Núñez\r\n,\r\nv2,Zoë\r\nv3,\r\n,\r\n,\r\n\r\n`;
  const answer = () => new HttpResponse(saved, { headers: { 'content-type': 'text/csv' } });

  test('no phantom rows of empty strings; a row with an empty cell is still a row', async () => {
    const { dex, id } = await reportServing(answer);
    expect(await collect(dex.getAvrResultRows(id))).toEqual([...ROWS, { visit_id: 'v3', patient_name: '' }]);
  });

  test('typed rows do not fail on a blank row, and record numbers count the rows that hold data', async () => {
    const { dex, id } = await reportServing(answer);
    const schema = z.looseObject({ visit_id: values.string(), patient_name: values.string() });
    const { read, error } = await rowsUntilFailure(dex.getAvrResultRows(id, { schema }));
    expect(read).toEqual(ROWS);
    expect(error).toMatchObject({ name: 'DataValidationError', record: 3, field: 'patient_name' });
  });
});

describe('a body that stalls after whole rows', () => {
  test('every row that arrived whole comes before the TimeoutError, the last one included', async () => {
    const bytes = new TextEncoder().encode(CSV);
    const { dex, id } = await reportServing(() => new HttpResponse(body(bytes, 9, 'stall'), { headers: { 'content-type': 'text/csv' } }), {
      timeoutMs: 100,
    });
    const { read, error } = await rowsUntilFailure(dex.getAvrResultRows(id));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(read).toEqual(ROWS);
  });
});
