import { ExportFormatError, RowIterable, type CallOptions } from '@x/core';
import { charsetOf, checkEncoding, CorruptCompressedDataError, csvRows, gunzipIfGzip, optionalFunction, optionalInteger, pickCallOptions, withDownloadProgress, type RawCsvRowsOptions, type Transport } from '@x/core/internal';
import { explainDownloadError } from './errors.js';

/** Path of the All Visits Report endpoints, below the client's `baseUrl`. */
export const AVR_PATH = 'api/8/reporting/allvisitsreport';

/** The report as errors name it. */
export const AVR_SOURCE = 'allvisitsreport';

/**
 * Options of the AVR download: those of core's `csvRows`, without `source` (the client reads the
 * declared charset itself), and the `signal` its `RowIterable` checks.
 */
export type AvrCsvRowsOptions = Omit<RawCsvRowsOptions, 'source' | 'declaredCharset'> & Pick<CallOptions, 'signal'>;

/** The report's result, exactly as sent: BOM, line endings and quoting kept. */
export async function avrResultText(transport: Transport, id: string, call: CallOptions): Promise<string> {
  const path = `${AVR_PATH}/${id}/data`;
  const { body, headers } = await transport.text({ ...pickCallOptions(call), method: 'GET', path }).catch((error: unknown) => {
    throw explainDownloadError(error);
  });
  refuseHtml(headers, describe(path));
  if (HTML_PAGE.test(body)) throw htmlPage(describe(path));
  // gzip's magic number (1f 8b) decoded as UTF-8: the text would be binary.
  if (body.startsWith('\u001f\uFFFD')) {
    throw new ExportFormatError(`${describe(path)}: the report is gzip data sent without Content-Encoding; read it with getAvrResultRows, which inflates it`, {
      source: AVR_SOURCE,
    });
  }
  return body;
}

/**
 * The report's result as rows, streamed: the body is read only as fast as rows are consumed,
 * and a body that ends early is an error, never a shorter report. Nothing is sent until the
 * returned iterable is looped over; each loop downloads afresh.
 */
export function avrResultRows(transport: Transport, id: string, options: AvrCsvRowsOptions, call: Omit<CallOptions, 'signal'> = {}): RowIterable<unknown> {
  const path = `${AVR_PATH}/${id}/data`;
  checkAvrRowsOptions(options);
  const { signal, ...csvOptions } = options;
  return new RowIterable(async function* () {
    const request = { ...pickCallOptions(call), method: 'GET', path, signal } as const;
    const { body, headers, bytesRead } = await transport.stream(request).catch((error: unknown) => {
      throw explainDownloadError(error);
    });
    try {
      refuseHtml(headers, describe(path));
    } catch (error) {
      await discard(body);
      throw error;
    }
    const rowOptions = { ...csvOptions, source: AVR_SOURCE, declaredCharset: charsetOf(headers.get('content-type')) };
    try {
      const rows = csvRows(refuseHtmlContent(gunzipIfGzip(body), describe(path)), rowOptions);
      yield* withDownloadProgress(rows, { log: transport.log, path: `/${path}`, bytesRead });
    } catch (error) {
      if (!(error instanceof CorruptCompressedDataError)) throw error;
      throw new ExportFormatError(`${describe(path)}: the report is gzip data that does not inflate: the file is truncated or corrupt`, {
        source: AVR_SOURCE,
        cause: error,
      });
    }
  }, { signal });
}

/**
 * Refuses row options that would fail only once the body arrives (for `runAvrReport`, after a
 * report was started and waited for): csv-parse refuses a `maxRecordSize` that is not a
 * positive whole number with an error of its own and reads 0 as no limit at all, and a callback
 * that is not a function fails at the header or the first bad row.
 */
export function checkAvrRowsOptions(options: Pick<AvrCsvRowsOptions, 'encoding' | 'maxRecordSize' | 'onInvalidRow' | 'normalizeHeader'>): void {
  checkEncoding(options.encoding);
  optionalInteger(options.maxRecordSize, 'maxRecordSize', 1);
  optionalFunction(options.onInvalidRow, 'onInvalidRow');
  optionalFunction(options.normalizeHeader, 'normalizeHeader');
}

/**
 * A 200 with an HTML page is a proxy's or a sign-in page, not the report: parsed as CSV it
 * would give rows of markup.
 */
function refuseHtml(headers: Headers, description: string): void {
  if (/^\s*text\/html\b/i.test(headers.get('content-type') ?? '')) throw htmlPage(description);
}

/** How an HTML page starts; no report does, its first line is the column names. */
const HTML_PAGE = /^\uFEFF?\s*<(?:!doctype\s+html|html[\s>])/i;

/** Enough of the body to tell an HTML page by its start. */
const HTML_SNIFF_CHARS = 64;

/**
 * The same check on the content, for a page sent with a CSV (or no) content type: the body's
 * first bytes are held until they tell (the first visible character, or at most 64), then
 * passed on unchanged.
 */
async function* refuseHtmlContent(body: AsyncIterable<Uint8Array>, description: string): AsyncGenerator<Uint8Array, void, undefined> {
  const chunks = body[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  const decoder = new TextDecoder();
  let start = '';
  try {
    // Stop as soon as the start tells: a first visible character other than `<` is no page, and
    // waiting for more would hold whole rows back from a body that then stalls.
    while (start.length < HTML_SNIFF_CHARS && !/^\uFEFF?\s*[^\s<]/.test(start)) {
      const next = await chunks.next();
      if (next.done) break;
      head.push(next.value);
      start += decoder.decode(next.value, { stream: true });
    }
    if (HTML_PAGE.test(start)) throw htmlPage(description);
    yield* head;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  } finally {
    // Leaving early (a break, an error, the page) releases the body and its connection.
    await chunks.return?.();
  }
}

function htmlPage(description: string): ExportFormatError {
  return new ExportFormatError(`${description}: expected the report as CSV, received an HTML page`, { source: AVR_SOURCE });
}

/** Reading one chunk and leaving the loop cancels the body, which frees its connection. */
async function discard(body: AsyncIterable<Uint8Array>): Promise<void> {
  try {
    for await (const _ of body) break;
  } catch {
    // The body is unwanted; a failure to read it changes nothing.
  }
}

function describe(path: string): string {
  return `GET /${path}`;
}
