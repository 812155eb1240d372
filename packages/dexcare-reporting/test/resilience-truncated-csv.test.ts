/**
 * A cut-off All Visits Report over a real socket. On the wire (a reset, a clean close short of
 * `Content-Length`, a stall, a compressing proxy that would end a cut-off gzip body cleanly were
 * compression not declined), anywhere in the body and at a record boundary too: the rows before
 * the cut come whole and in order, then a `ConnectionError` or `TimeoutError`; never a
 * shorter report. A download is not retried once rows have flowed; the buffered
 * `getAvrResultCsv`, which hands out nothing until the end, retries a cut body. A file that the
 * server itself cut short and sends as complete is caught where it breaks the CSV (a record
 * cut mid-way, an open quote), and cannot be caught where it ends on a record boundary.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { faultWhen, type Fault, type FaultServer } from '@x/testkit';
import { ConnectionError, DataValidationError, ExportFormatError, TimeoutError } from '../src/index.js';
import { fakeVisitsCsv } from '../src/testing.js';
import { caught, collect } from './helpers/index.js';
import { dexCareOverSocket, isData, rowsUntilFailure, succeededReport, VISITS } from './helpers/socket.js';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Where each record of the served report ends: `[header, row 1, row 2, ...]`. */
const { recordEnds, csv } = fakeVisitsCsv({ rows: VISITS });

async function reportWith(fault: Fault | undefined, times = 1, client: { timeoutMs?: number; maxRetries?: number } = {}) {
  const fake = await dexCareOverSocket({ plan: fault ? faultWhen(isData, fault, times) : undefined, client });
  server = fake.server;
  const id = await succeededReport(fake.dex);
  const downloads = () => fake.server.requests.filter(isData).length;
  return { ...fake, id, downloads };
}

describe('cut on the wire while rows stream: the rows before the cut, then a typed error', () => {
  test.each([
    ['a clean close at a record boundary (after row 120)', { kind: 'truncate', afterBytes: recordEnds[120]! }, 120, ConnectionError],
    ['a reset at a record boundary (after row 120)', { kind: 'reset', afterBytes: recordEnds[120]! }, 120, ConnectionError],
    ['a clean close inside row 121', { kind: 'truncate', afterBytes: recordEnds[120]! + 7 }, 120, ConnectionError],
    ['a compressing proxy ending a cut-off gzip body cleanly, at a record boundary (after row 120)', { kind: 'compressed-cut', afterBytes: recordEnds[120]! }, 120, ConnectionError],
    ['a clean close right after the header', { kind: 'truncate', afterBytes: recordEnds[0]! }, 0, ConnectionError],
    ['a reset after the headers, before any byte of the body', { kind: 'reset', afterBytes: 0 }, 0, ConnectionError],
    ['a stall at a record boundary (after row 120)', { kind: 'stall', afterBytes: recordEnds[120]! }, 120, TimeoutError],
    ['a stall before any byte of the body', { kind: 'stall', afterBytes: 0 }, 0, TimeoutError],
  ] as [string, Fault, number, typeof ConnectionError][])('%s', async (_, fault, rowsBefore, errorClass) => {
    const { dex, id, mock, downloads } = await reportWith(fault, Infinity, { timeoutMs: 300 });
    const { read, error } = await rowsUntilFailure(dex.getAvrResultRows(id));
    expect(error).toBeInstanceOf(errorClass);
    // Every row that arrived whole, the last one before the cut included (csv-parse would hold
    // it until it sees what follows); none is invented, repeated or cut.
    expect(read).toEqual(mock.visits.slice(0, rowsBefore));
    // Rows had flowed (or could have): the download is never restarted behind the caller's back.
    expect(downloads()).toBe(1);
  });

  test('a TimeoutError names the timeout it ran into', async () => {
    const { dex, id } = await reportWith({ kind: 'stall', afterBytes: recordEnds[10]! }, Infinity, { timeoutMs: 250 });
    const { error } = await rowsUntilFailure(dex.getAvrResultRows(id));
    expect(error).toMatchObject({ name: 'TimeoutError', timeoutMs: 250 });
  });

  test('a new loop downloads afresh: after a cut, the next run has every row exactly once', async () => {
    const { dex, id, mock, downloads } = await reportWith({ kind: 'truncate', afterBytes: recordEnds[50]! }, 1);
    const rows = dex.getAvrResultRows(id);
    expect((await rowsUntilFailure(rows)).error).toBeInstanceOf(ConnectionError);
    expect(await collect(rows)).toEqual(mock.visits);
    expect(downloads()).toBe(2);
  });
});

describe('getAvrResultCsv: never a shorter text', () => {
  test.each([
    ['a clean close at a record boundary', { kind: 'truncate', afterBytes: recordEnds[120]! }],
    ['a compressing proxy ending a cut-off gzip body cleanly', { kind: 'compressed-cut', afterBytes: recordEnds[120]! }],
    ['a reset mid-body', { kind: 'reset', afterBytes: 20_000 }],
    ['a stall mid-body', { kind: 'stall', afterBytes: 20_000 }],
  ] as [string, Fault][])('%s, once: retried, the whole text exactly as sent', async (_, fault) => {
    const { dex, id, downloads } = await reportWith(fault, 1, { timeoutMs: 300 });
    expect(await dex.getAvrResultCsv(id)).toBe(csv);
    expect(downloads()).toBe(2);
  });

  test.each([
    ['clean closes', { kind: 'truncate', afterBytes: recordEnds[120]! }, ConnectionError],
    ['cut-off gzip bodies ended cleanly by a compressing proxy', { kind: 'compressed-cut', afterBytes: recordEnds[120]! }, ConnectionError],
    ['resets', { kind: 'reset', afterBytes: 20_000 }, ConnectionError],
    ['stalls', { kind: 'stall', afterBytes: 20_000 }, TimeoutError],
  ] as [string, Fault, typeof ConnectionError][])('%s on every attempt: a typed error after maxRetries + 1 downloads', async (_, fault, errorClass) => {
    const { dex, id, downloads } = await reportWith(fault, Infinity, { timeoutMs: 300, maxRetries: 2 });
    expect(await caught(dex.getAvrResultCsv(id))).toBeInstanceOf(errorClass);
    expect(downloads()).toBe(3);
  });
});

describe('a file the server cut short and framed as complete', () => {
  const header = csv.slice(0, recordEnds[0]);
  const rowsText = (from: number, to: number) => new TextDecoder().decode(new TextEncoder().encode(csv).subarray(from, to));

  async function reportOf(text: string) {
    const fake = await dexCareOverSocket({ fake: { avr: { csv: text } } });
    server = fake.server;
    return { ...fake, id: await succeededReport(fake.dex) };
  }

  test('cut inside a record: a DataValidationError naming the record, after the rows before it', async () => {
    const cut = rowsText(0, recordEnds[5]!) + 'f0000000-0000-4000-8000-000000000006,virtual,2024-05-0';
    const { dex, id } = await reportOf(cut);
    const { read, error } = await rowsUntilFailure(dex.getAvrResultRows(id));
    expect(error).toBeInstanceOf(DataValidationError);
    expect(error).toMatchObject({ source: 'allvisitsreport', record: 6 });
    expect(read).toEqual(fakeVisitsCsv({ rows: VISITS }).rows.slice(0, 5));
  });

  test('cut inside a quoted cell: an ExportFormatError, never a row with half a cell', async () => {
    // Row 4's reason holds a quoted line break; cut inside its quotes.
    const quoted = csv.indexOf('"Rash, ""itchy"",\r\nsince Monday"');
    expect(quoted).toBeGreaterThan(0);
    const { dex, id } = await reportOf(csv.slice(0, quoted + 10));
    const { error } = await rowsUntilFailure(dex.getAvrResultRows(id));
    expect(error).toBeInstanceOf(ExportFormatError);
    expect((error as Error).message).toMatch(/ends inside a quoted field/);
  });

  // The limit of what a client can know: a server that ends the file on a record boundary and
  // declares that length sends a valid, shorter CSV. Documented in docs/reliability.md.
  test('cut on a record boundary: indistinguishable from a shorter report (a documented limit)', async () => {
    const { dex, id } = await reportOf(header + rowsText(recordEnds[0]!, recordEnds[7]!));
    expect(await collect(dex.getAvrResultRows(id))).toEqual(fakeVisitsCsv({ rows: VISITS }).rows.slice(0, 7));
  });
});
