import { type PagedIterable } from '@x/core';
import { paginateByCursor, showOnly, Transport } from '@x/core/internal';
import { transportOptions, type LusciiClientOptions } from './options.js';
import { fetchExportPage, type LusciiPage } from './export-page.js';
import { checkExportParams, type LusciiExportArgs, type LusciiExportParams, type LusciiRawRowsOption } from './params.js';
import type { LusciiRawRow, LusciiReportRows } from './models/index.js';
import type { LusciiReportType } from './report-types.js';
import { rowReader } from './row-reader.js';

/**
 * Client of the Luscii Export API: every report type as a typed, paged, resumable export.
 *
 * @example
 * ```ts
 * const luscii = new LusciiClient({ apiKey: process.env.LUSCII_API_KEY! });
 * for await (const row of luscii.export('measurements', { startDate: '2024-05-01', endDate: '2024-05-31' })) {
 *   console.log(row.Measurement_Name, row.Measurement_Value);
 * }
 * ```
 */
export class LusciiClient {
  /** The API's base URL, without a trailing slash. */
  readonly baseUrl: string;
  readonly #transport: Transport;

  /** @throws {InvalidParamsError} when `apiKey` is missing or empty, or another option is malformed. */
  constructor(options: LusciiClientOptions) {
    this.#transport = new Transport(transportOptions(options));
    this.baseUrl = this.#transport.baseUrl;
    showOnly(this, () => ({ baseUrl: this.baseUrl }));
  }

  /**
   * Exports one report type, page by page (50 rows a page), as typed rows. Nothing is sent until
   * you iterate; each loop starts a fresh run, from `params.cursor` when given. `startDate` and
   * `endDate` are required for `measurements` and `alerts`, refused for `patients`, `hcps`,
   * `patientsMutations` and `starRatings`, and optional for the rest; a wrong call does not
   * compile, and throws an `InvalidParamsError` at once if it runs anyway.
   *
   * With `raw: true`, rows come exactly as sent, unchecked.
   *
   * @example
   * ```ts
   * const rows = luscii.export('alerts', { startDate: '2024-05-01', endDate: new Date() });
   * for await (const page of rows.pages()) {
   *   await save(page.data);
   *   await saveCursor(page.nextCursor); // resume later with { cursor }
   * }
   * const patients = await luscii.export('patients').toArray();
   * ```
   */
  export<R extends LusciiReportType>(
    reportType: R,
    params: LusciiExportParams<R, LusciiRawRowsOption>,
  ): PagedIterable<LusciiRawRow<R>, LusciiPage<LusciiRawRow<R>>>;
  export<R extends LusciiReportType>(
    reportType: R,
    ...params: LusciiExportArgs<R>
  ): PagedIterable<LusciiReportRows[R], LusciiPage<LusciiReportRows[R]>>;
  export(reportType: LusciiReportType, params?: unknown): PagedIterable<unknown, LusciiPage<unknown>> {
    const request = checkExportParams(reportType, params);
    const readRow = rowReader(request);
    return paginateByCursor({
      cursor: request.cursor,
      signal: request.signal,
      log: this.#transport.log,
      fetchPage: (page) => fetchExportPage(this.#transport, request, readRow, page),
    });
  }
}
