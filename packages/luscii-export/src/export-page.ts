import { ApiError, type CursorPage, type ResponseMeta } from '@x/core';
import { keptHeaders, parseOrThrow, responseMeta, withResponse, type CursorPageRequest, type Transport } from '@x/core/internal';
import type { ExportRequest } from './params.js';
import { LusciiExportResponse } from './models/export-response.js';
import type { RowReader } from './row-reader.js';

/**
 * One page of an export. Save `nextCursor` once you have finished with `data`: passing it as
 * `{ cursor }` to the same export resumes right after this page.
 */
export interface LusciiPage<T> extends CursorPage<T> {
  /** The rows of this page, in order. */
  data: T[];
  /** The cursor of the next page; `null` on the last page. */
  nextCursor: string | null;
  /** The cursor of the previous page; `null` on the first page. */
  prevCursor: string | null;
  /** The page size Luscii reports (50), when it does: informational, paging does not need it. */
  perPage: number | undefined;
  /** Status and request id of the response this page came in (not enumerable). */
  readonly response: ResponseMeta;
}

/**
 * Fetches and reads one page: `POST /v1/export/{reportType}` with the dates and the cursor as
 * query parameters. A body that is not the documented envelope is a `DataValidationError`
 * naming report and page; a 200 whose `errors` list is not empty is an `ApiError`, because
 * rows that come with errors cannot be trusted to be complete. Its `body` holds that page's
 * `errors` and `meta`, never its rows.
 */
export async function fetchExportPage(
  transport: Transport,
  request: ExportRequest,
  readRow: RowReader,
  { cursor, pageNumber, signal }: CursorPageRequest,
): Promise<LusciiPage<unknown>> {
  const path = `v1/export/${request.reportType}`;
  const url = `${transport.baseUrl}/${path}`;
  const response = await transport.json({ method: 'POST', path, query: { ...request.dates, cursor }, signal, ...request.call });
  const location = { source: request.reportType, page: pageNumber };
  const envelope = parseOrThrow(LusciiExportResponse, response.body, location);
  if (envelope.errors && envelope.errors.length > 0) {
    // The page's rows are patient data, so the error keeps only what explains it; and what it
    // keeps loses every secret of this call (the key, a per-call proxy token) as other errors do.
    const secrets = transport.secretsFor(request.call.headers);
    throw new ApiError({
      status: response.status,
      body: secrets.value({ errors: envelope.errors, meta: envelope.meta }),
      method: 'POST',
      url,
      headers: secrets.headers(keptHeaders(response.headers)),
      message: 'the response listed errors',
    });
  }
  const page = {
    data: envelope.data.map((row, index) => readRow(row, { ...location, index })),
    nextCursor: envelope.meta.nextCursor,
    prevCursor: envelope.meta.prevCursor ?? null,
    perPage: envelope.meta.perPage,
  };
  return withResponse(page, responseMeta(response));
}
