import { RowIterable, type CallOptions, type CsvRow, type CsvSchema, type OffsetPage, type PagedIterable, type PollPhase, type RawRow, type WaitOptions, type WithResponse } from '@x/core';
import { checkCallOptions, checkWaitOptions, optionalFunction, optionalInteger, parseOrThrow, pickCallOptions, poll, responseMeta, showOnly, splitWaitOptions, Transport, withResponse, type TypedCsvRowsOptions } from '@x/core/internal';
import { AVR_PATH, avrResultRows, avrResultText, checkAvrRowsOptions, type AvrCsvRowsOptions } from './avr-download.js';
import { resolveClientOptions, type DexCareReportingClientOptions } from './options.js';
import { explainStartError } from './errors.js';
import { DexCareAvrReport, DexCareAvrReportStatus } from './models/avr-report.js';
import type { DexCareProviderHistoryRow } from './models/provider-history.js';
import { avrReportRequestBody, type AvrReportParams } from './params/avr-report.js';
import { resolveProviderHistoriesParams, type ProviderHistoriesParams } from './params/provider-histories.js';
import { checkReportId } from './params/report-id.js';
import { providerHistoryPages } from './provider-histories.js';

/**
 * Options every method that makes requests takes, for that call alone: `signal`, `timeoutMs`
 * (per attempt), `maxRetries` and `headers`.
 */
export type RequestControl = CallOptions;

/** Options of {@link DexCareReportingClient.startAvrReport}. */
export interface StartAvrReportOptions extends RequestControl {
  /**
   * Retries of this POST after a failure that proves no report was made (connection refused, 429,
   * 503 with `Retry-After`), overriding the client's `maxRetries`. Any other failure is never
   * retried: see {@link DexCareReportingClient.startAvrReport}.
   * @default the client's maxRetries (2)
   */
  maxRetries?: number | undefined;
}

/**
 * Options of {@link DexCareReportingClient.waitForAvrReport}: timing, `signal` and `onStatus`.
 * `timeoutMs` limits the whole wait; `maxRetries` and `headers` apply to each status request.
 */
export type WaitForAvrReportOptions = WaitOptions<DexCareAvrReportStatus> & Pick<CallOptions, 'maxRetries' | 'headers'>;

/** Options of {@link DexCareReportingClient.getAvrResultRows} with a zod schema: rows come out typed. */
export type TypedAvrRowsOptions<S extends CsvSchema> = Omit<TypedCsvRowsOptions<S>, 'source'> & CallOptions;

/** Options of {@link DexCareReportingClient.getAvrResultRows} for rows of strings keyed by the header. */
export type RawAvrRowsOptions = AvrCsvRowsOptions & CallOptions;

/** Called with the id of a report as soon as it is started, before the wait. */
export interface RunAvrReportHooks {
  /**
   * Receives the report id before the wait begins; store it, and a crashed job can pick the
   * report up again with `waitForAvrReport(id)` and `getAvrResultRows(id)`. Awaited; if it
   * throws, the run stops with that error (the report keeps running at DexCare).
   */
  onStarted?: ((id: string) => void | Promise<void>) | undefined;
}

/** Options of {@link DexCareReportingClient.runAvrReport} with a schema. */
export type TypedRunAvrReportOptions<S extends CsvSchema> = WaitForAvrReportOptions & TypedAvrRowsOptions<S> & RunAvrReportHooks;

/** Options of {@link DexCareReportingClient.runAvrReport} for rows of strings. */
export type RawRunAvrReportOptions = WaitForAvrReportOptions & RawAvrRowsOptions & RunAvrReportHooks;

const AVR_PHASES: Partial<Record<string, PollPhase>> = { SUCCEEDED: 'succeeded', FAILED: 'failed', CANCELLED: 'cancelled' };

/**
 * The DexCare reporting API: the All Visits Report (start, wait, download as CSV or as rows)
 * and the All Providers Report (offset-paged provider history records).
 *
 * @example
 * ```ts
 * const dex = new DexCareReportingClient({ baseUrl: 'https://ecvapi.care.example.com', serviceKey });
 * for await (const row of dex.runAvrReport({ type: 'virtual', startDate: '2024-05-01', endDate: '2024-05-08' })) {
 *   await load(row);
 * }
 * ```
 */
export class DexCareReportingClient {
  /** The host of the All Visits Report. */
  readonly baseUrl: string;
  /** The host of the All Providers Report. */
  readonly aprBaseUrl: string;
  readonly #avr: Transport;
  readonly #apr: Transport;

  /** @throws {InvalidParamsError} when `baseUrl` or `serviceKey` is missing or malformed. */
  constructor(options: DexCareReportingClientOptions) {
    const resolved = resolveClientOptions(options);
    this.#avr = new Transport(resolved.avr);
    this.#apr = new Transport(resolved.apr);
    this.baseUrl = this.#avr.baseUrl;
    this.aprBaseUrl = this.#apr.baseUrl;
    showOnly(this, () => ({ baseUrl: this.baseUrl, aprBaseUrl: this.aprBaseUrl }));
  }

  /**
   * Starts an All Visits Report (`POST /api/8/reporting/allvisitsreport`) and returns its id.
   * Parameters are checked before any request: a bad `type`, one date without the other, or a
   * start after the end is an `InvalidParamsError`. A 400 from DexCare keeps its message.
   *
   * **Sent at most once.** This POST creates a report and DexCare has no idempotency key, so it
   * is retried only after a failure that proves no report was made: the connection refused
   * before sending, a 429, or a 503 with `Retry-After`. After any other failure (a timeout, a
   * connection lost after sending, another 5xx, a 2xx without a readable id) DexCare may have
   * started the report, and the call rejects with a `ReportStartUnconfirmedError` (the failure
   * is its `cause`) instead of starting a second one. A 4xx refusal keeps its own class.
   *
   * @example
   * ```ts
   * const { id } = await dex.startAvrReport({ type: 'retail', startDate: '2024-05-01T00:00:00Z', endDate: '2024-05-02T00:00:00Z' });
   * ```
   */
  async startAvrReport(params: AvrReportParams, options: StartAvrReportOptions = {}): Promise<WithResponse<DexCareAvrReport>> {
    const json = avrReportRequestBody(params);
    const maxRetries = optionalInteger(options.maxRetries, 'maxRetries', 0);
    try {
      const reply = await this.#avr.json({ ...pickCallOptions(options), method: 'POST', path: AVR_PATH, json, maxRetries, retryWhen: 'unprocessed' });
      return withResponse(parseOrThrow(DexCareAvrReport, reply.body, { source: 'startAvrReport' }), responseMeta(reply));
    } catch (error) {
      throw explainStartError(error, options.signal);
    }
  }

  /**
   * The status of a report: `QUEUED`, `RUNNING`, `SUCCEEDED`, `FAILED` or `CANCELLED`, verbatim
   * as DexCare sent it (any case; a status DexCare adds later passes through). An id that is not a GUID is refused before sending;
   * an unknown report is a `NotFoundError`.
   *
   * @example
   * ```ts
   * const { status } = await dex.getAvrReportStatus(id);
   * ```
   */
  async getAvrReportStatus(id: string, options: RequestControl = {}): Promise<WithResponse<DexCareAvrReportStatus>> {
    const path = `${AVR_PATH}/${checkReportId(id)}`;
    const reply = await this.#avr.json({ ...pickCallOptions(options), method: 'GET', path });
    return withResponse(parseOrThrow(DexCareAvrReportStatus, reply.body, { source: 'getAvrReportStatus' }), responseMeta(reply));
  }

  /**
   * Polls a report until it `SUCCEEDED` and resolves with that status. Delays grow from
   * `pollIntervalMs` towards `maxPollIntervalMs`, with jitter. `FAILED` is final only after it
   * lasts `failedGraceMs` (DexCare retries a failed report by itself: FAILED, then QUEUED);
   * `CANCELLED` is a `ReportFailedError` at once; a status DexCare adds later counts as pending.
   * Statuses are matched in any case (`succeeded`, `Failed`); `onStatus` sees each verbatim.
   * Past `maxWaitMs` (30 minutes by default; `timeoutMs` is its deprecated alias) the wait is a
   * `PollTimeoutError` carrying the last status. 5xx, 429 and
   * dropped connections are polled through; 400, 401, 403 and 404 end the wait at once.
   *
   * @example
   * ```ts
   * await dex.waitForAvrReport(id, { maxWaitMs: 10 * 60_000, onStatus: ({ status }) => console.log(status) });
   * ```
   */
  async waitForAvrReport(id: string, options: WaitForAvrReportOptions = {}): Promise<WithResponse<DexCareAvrReportStatus>> {
    checkReportId(id);
    checkWaitOptions(options);
    const { maxRetries, headers, ...wait } = options;
    checkCallOptions({ maxRetries, headers });
    return poll({
      ...wait,
      jobId: id,
      log: this.#avr.log,
      check: (signal) => this.getAvrReportStatus(id, { signal, maxRetries, headers }),
      phase: ({ status }) => AVR_PHASES[status.toUpperCase()] ?? 'pending',
      describe: ({ status }) => status,
    });
  }

  /**
   * The report's result as text, exactly as DexCare sent it (a byte-order mark included). Reads
   * the whole body into memory: for large reports use {@link getAvrResultRows}. Before the
   * report succeeded, DexCare's 400 becomes a `ReportNotReadyError`.
   *
   * @example
   * ```ts
   * await writeFile('avr.csv', await dex.getAvrResultCsv(id));
   * ```
   */
  async getAvrResultCsv(id: string, options: RequestControl = {}): Promise<string> {
    return avrResultText(this.#avr, checkReportId(id), options);
  }

  /**
   * Streams the report's result as rows. Without a schema each row is a `Record<string, string>`
   * keyed by the header; with a zod object schema (build it with `values.*`; one from your own
   * copy of zod 4 works too) rows are typed by its known columns, empty cells of its columns
   * become `null`, and columns it does not name pass through as strings (read them with
   * `extraFields(row, schema)`). The SDK ships no AVR model: the columns are in DexCare's data
   * dictionary.
   *
   * The body is read only as fast as rows are consumed, so memory stays flat however large the
   * report. A body cut off part-way is a `ConnectionError` (a stall a `TimeoutError`), never a
   * shorter report. The id is checked at once; nothing is sent until the result is iterated,
   * and each loop downloads afresh.
   *
   * @example
   * ```ts
   * const Visit = z.looseObject({ visit_id: values.string(), created_at: values.timestamp() });
   * for await (const row of dex.getAvrResultRows(id, { schema: Visit })) row.created_at.getTime();
   * ```
   */
  getAvrResultRows<S extends CsvSchema>(id: string, options: TypedAvrRowsOptions<S>): RowIterable<CsvRow<S>>;
  getAvrResultRows(id: string, options?: RawAvrRowsOptions): RowIterable<RawRow>;
  getAvrResultRows(id: string, options: RawAvrRowsOptions = {}): RowIterable<unknown> {
    const { timeoutMs, maxRetries, headers, ...rowOptions } = options;
    checkCallOptions(options);
    return avrResultRows(this.#avr, checkReportId(id), rowOptions, { timeoutMs, maxRetries, headers });
  }

  /**
   * Starts a report, waits for it and streams its rows, in one loop. Parameters are checked at
   * once; nothing is sent until the result is iterated. `onStarted` receives the report id
   * before the wait, so a job that crashes can resume with `waitForAvrReport(id)` and
   * `getAvrResultRows(id)` instead of starting over. `signal` covers all three steps.
   *
   * @example
   * ```ts
   * const rows = dex.runAvrReport({ type: 'virtual' }, { onStarted: (id) => saveCheckpoint(id) });
   * for await (const row of rows) await load(row);
   * ```
   */
  runAvrReport<S extends CsvSchema>(params: AvrReportParams, options: TypedRunAvrReportOptions<S>): RowIterable<CsvRow<S>>;
  runAvrReport(params: AvrReportParams, options?: RawRunAvrReportOptions): RowIterable<RawRow>;
  runAvrReport(params: AvrReportParams, options: RawRunAvrReportOptions = {}): RowIterable<unknown> {
    avrReportRequestBody(params);
    checkWaitOptions(options);
    checkAvrRowsOptions(options);
    checkCallOptions({ maxRetries: options.maxRetries, headers: options.headers });
    // Called after the report is started: one that is not a function would lose the id it is for.
    optionalFunction(options.onStarted, 'onStarted');
    optionalFunction(options.onStatus, 'onStatus');
    const { wait, rest } = splitWaitOptions(options);
    const { onStarted, maxRetries, headers, ...rowOptions } = rest;
    const call = { signal: options.signal, maxRetries, headers };
    const waitOptions = { ...wait, ...call };
    return new RowIterable(async function* (this: DexCareReportingClient) {
      const { id } = await this.startAvrReport(params, call);
      await onStarted?.(id);
      await this.waitForAvrReport(id, waitOptions);
      yield* this.getAvrResultRows(id, { ...rowOptions, maxRetries, headers });
    }.bind(this));
  }

  /**
   * Searches the All Providers Report (`POST {aprBaseUrl}/v1/reporting/providerhistories`) and
   * pages through every matching record. The first page gives the count; the rest are fetched
   * `concurrency` at a time and come out in order. Both dates are required; the 12 filters are
   * optional, case-insensitive and combined with AND (`providerCredentials` matches values
   * that contain it). Parameters are checked at once; nothing is sent until iterated.
   *
   * @example
   * ```ts
   * const records = dex.providerHistories({ startDate: '2023-11-06', endDate: '2023-11-09', providerCredentials: 'MD' });
   * for await (const page of records.pages()) console.log(`${page.offset + page.data.length} of ${page.count}`);
   * ```
   */
  providerHistories(params: ProviderHistoriesParams): PagedIterable<DexCareProviderHistoryRow, OffsetPage<DexCareProviderHistoryRow>> {
    return providerHistoryPages(this.#apr, resolveProviderHistoriesParams(params));
  }
}
