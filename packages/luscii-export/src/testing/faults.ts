import type { LusciiReportType } from '../report-types.js';

/** Where and how often a fault fires. */
export interface LusciiFaultTarget {
  /** Only on exports of this report type. @default every report type */
  reportType?: LusciiReportType | undefined;
  /**
   * Only on this page of the export (1-based, counted from the export's first row, so a resumed
   * export's pages keep their numbers). @default every page
   */
  page?: number | undefined;
  /**
   * How many requests it spoils before the page is served normally; `Infinity` for every one.
   * @default 1
   */
  times?: number | undefined;
}

/**
 * A fault the fake Export API can inject. Each is opt-in, through `lusciiHandlers({ faults })`.
 *
 * - `rateLimit`: 429 with `Retry-After` (`retryAfterSeconds`, default 1) and an `errors[]` body.
 * - `serverError`: a 5xx (`status`, default 503) with an `errors[]` body.
 * - `networkError`: the connection fails (msw's `HttpResponse.error()`).
 * - `unauthorized`: 401, as when a key is revoked mid-export.
 * - `html`: 200 with an HTML page, as a proxy or maintenance page sends.
 * - `errorsInBody`: 200 with the rows and a non-empty `errors[]`.
 * - `malformedEnvelope`: 200 whose `meta` lacks `nextCursor`.
 * - `malformedRow`: the row at `index` (default 0) has `field` set to `value` (defaults: a field
 *   of the report's model that cannot hold the text `'<<malformed>>'`).
 * - `repeatCursor`: the page's `nextCursor` is the cursor it was asked with (a server loop). A
 *   first page, asked without a cursor, is served normally.
 * - `emptyPage`: no rows, and a new cursor that points at the same place.
 */
export type LusciiFault = LusciiFaultTarget &
  (
    | { fault: 'rateLimit'; retryAfterSeconds?: number | undefined }
    | { fault: 'serverError'; status?: 500 | 502 | 503 | 504 | undefined }
    | { fault: 'networkError' }
    | { fault: 'unauthorized' }
    | { fault: 'html' }
    | { fault: 'errorsInBody' }
    | { fault: 'malformedEnvelope' }
    | { fault: 'malformedRow'; index?: number | undefined; field?: string | undefined; value?: unknown }
    | { fault: 'repeatCursor' }
    | { fault: 'emptyPage' }
  );

/** A field per report type that `'<<malformed>>'` breaks. */
export const MALFORMED_FIELD: Readonly<Record<LusciiReportType, string>> = {
  patients: 'Grey_Alerts',
  measurements: 'Measurement_Date',
  alerts: 'Alert_Created_Date',
  hcps: 'Processed_Alerts',
  patientsMutations: 'Mutation_ID',
  starRatings: 'Score',
  plannedActions: 'Self_Planned',
  patientsWorkflowHistory: 'Trigger_Count',
  patientsProgramsHistory: 'Created_Date',
  patientsSettingsHistory: 'Created_Date',
  usersStatusChangeReasons: 'Created_Date',
};

/** Picks the faults to fire, counting how often each has. */
export class FaultPlan {
  readonly #faults: readonly LusciiFault[];
  readonly #fired = new Map<LusciiFault, number>();

  constructor(faults: readonly LusciiFault[]) {
    this.#faults = faults;
  }

  /** The first fault aimed at this request that still has requests to spoil, now counted as fired. */
  take(reportType: LusciiReportType, page: number): LusciiFault | undefined {
    const fault = this.#faults.find(
      (candidate) =>
        (candidate.reportType === undefined || candidate.reportType === reportType) &&
        (candidate.page === undefined || candidate.page === page) &&
        (this.#fired.get(candidate) ?? 0) < (candidate.times ?? 1),
    );
    if (fault) this.#fired.set(fault, (this.#fired.get(fault) ?? 0) + 1);
    return fault;
  }
}
