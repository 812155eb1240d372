/**
 * An HTML page on a 200 (a proxy's maintenance page, a sign-in page) over a real socket, on
 * every kind of endpoint: a typed error at once, with the status, never a `SyntaxError`, never
 * rows of markup. A 200 is not retried: asking again gets the same page.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { faultWhen, type FaultServer } from '@x/testkit';
import { ApiError, ExportFormatError, ReportStartUnconfirmedError, SdkError } from '../src/index.js';
import { caught, collect, FAST_WAIT } from './helpers/index.js';
import { ALL_TIME, dexCareOverSocket, isData, isSearch, isStart, isStatusCheck, succeededReport } from './helpers/socket.js';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function expectTypedNotParserError(error: unknown): void {
  expect(error).toBeInstanceOf(SdkError);
  expect(error).not.toBeInstanceOf(SyntaxError);
  expect((error as Error).message).not.toMatch(/<html|doctype/i);
}

describe('an HTML page on a 200', () => {
  test('startAvrReport: not confirmed (a report may exist), the ApiError with status 200 as its cause, sent once', async () => {
    const fake = await dexCareOverSocket({ plan: faultWhen(isStart, { kind: 'html' }, Infinity) });
    server = fake.server;
    const error = await caught(fake.dex.startAvrReport({ type: 'virtual' }));
    expectTypedNotParserError(error);
    expect(error).toBeInstanceOf(ReportStartUnconfirmedError);
    const cause = (error).cause;
    expect(cause).toBeInstanceOf(ApiError);
    expect(cause).toMatchObject({ status: 200, message: expect.stringMatching(/expected a JSON body, received text\/html/) });
    expect(fake.server.requests.filter(isStart)).toHaveLength(1);
  });

  test('getAvrReportStatus: an ApiError with status 200', async () => {
    const fake = await dexCareOverSocket({ plan: faultWhen(isStatusCheck, { kind: 'html' }, Infinity) });
    server = fake.server;
    const { id } = await fake.dex.startAvrReport({ type: 'virtual' });
    const error = await caught(fake.dex.getAvrReportStatus(id));
    expectTypedNotParserError(error);
    expect(error).toMatchObject({ name: 'ApiError', status: 200 });
  });

  test('getAvrResultCsv: an ExportFormatError, not the page as the report', async () => {
    const fake = await dexCareOverSocket({ plan: faultWhen(isData, { kind: 'html' }, Infinity) });
    server = fake.server;
    const id = await succeededReport(fake.dex);
    const error = await caught(fake.dex.getAvrResultCsv(id));
    expectTypedNotParserError(error);
    expect(error).toBeInstanceOf(ExportFormatError);
    expect((error).message).toMatch(/expected the report as CSV, received an HTML page/);
  });

  test('getAvrResultRows, with and without a schema: an ExportFormatError before any row', async () => {
    const fake = await dexCareOverSocket({ plan: faultWhen(isData, { kind: 'html' }, Infinity) });
    server = fake.server;
    const id = await succeededReport(fake.dex);
    const rows: unknown[] = [];
    const error = await caught(
      (async () => {
        for await (const row of fake.dex.getAvrResultRows(id)) rows.push(row);
      })(),
    );
    expectTypedNotParserError(error);
    expect(error).toBeInstanceOf(ExportFormatError);
    expect(rows).toEqual([]);
  });

  describe('an HTML page labelled as CSV or plain text is told by its content', () => {
    const page = '\n  <!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Please sign in</body></html>\n';
    test.each([
      ['text/csv', 'text/csv; charset=utf-8'],
      ['text/plain', 'text/plain'],
    ])('%s: getAvrResultRows and getAvrResultCsv end in an ExportFormatError, no row', async (_, contentType) => {
      const headers = { 'content-type': contentType };
      const fake = await dexCareOverSocket({ plan: faultWhen(isData, { kind: 'status', status: 200, headers, body: page }, Infinity) });
      server = fake.server;
      const id = await succeededReport(fake.dex);
      const rows: unknown[] = [];
      const error = await caught(
        (async () => {
          for await (const row of fake.dex.getAvrResultRows(id)) rows.push(row);
        })(),
      );
      expectTypedNotParserError(error);
      expect(error).toBeInstanceOf(ExportFormatError);
      expect(rows).toEqual([]);
      const textError = await caught(fake.dex.getAvrResultCsv(id));
      expect(textError).toBeInstanceOf(ExportFormatError);
      expect((textError).message).toMatch(/received an HTML page/);
    });
  });

  test('runAvrReport, once on the download: an ExportFormatError after the wait, no row', async () => {
    const fake = await dexCareOverSocket({ plan: faultWhen(isData, { kind: 'html' }) });
    server = fake.server;
    const error = await caught(collect(fake.dex.runAvrReport({ type: 'virtual' }, FAST_WAIT)));
    expect(error).toBeInstanceOf(ExportFormatError);
    expect(fake.server.requests.filter(isData)).toHaveLength(1);
  });

  test('providerHistories, on the first search: an ApiError with status 200 before any record', async () => {
    const fake = await dexCareOverSocket({ plan: faultWhen(isSearch, { kind: 'html' }, Infinity) });
    server = fake.server;
    const records: unknown[] = [];
    const error = await caught(
      (async () => {
        for await (const record of fake.dex.providerHistories({ ...ALL_TIME, pageSize: 25 })) records.push(record);
      })(),
    );
    expectTypedNotParserError(error);
    expect(error).toMatchObject({ name: 'ApiError', status: 200 });
    expect(records).toEqual([]);
    expect(fake.server.requests.filter(isSearch)).toHaveLength(1);
  });
});
