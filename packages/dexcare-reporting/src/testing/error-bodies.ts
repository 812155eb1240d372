/**
 * The error bodies the DexCare document shows, verbatim (its quirks included: the start
 * endpoint's type error lists two of the three types, and the status endpoint's 400 uses `msg`).
 * Use them to build faults of your own with `server.use()`.
 *
 * @example
 * ```ts
 * server.use(http.get(`${FAKE_BASE_URL}/api/8/reporting/allvisitsreport/:id`, () =>
 *   HttpResponse.json(DEXCARE_ERROR_BODIES.unknownError, { status: 500 })));
 * ```
 */
export const DEXCARE_ERROR_BODIES = {
  /** 400 from `startAvrReport` without a type. */
  typeRequired: { error: "'type' is required" },
  /** 400 from `startAvrReport` with an unknown type. */
  typeNotAllowed: { error: "'type' must be one of [retail, virtual]" },
  /** 403 from every endpoint, for a missing or wrong key. */
  badServiceToken: { message: 'Authorization failed: bad service token' },
  /** 404 for a report id DexCare does not know. */
  notFound: { error: 'QueryExecution Not Found' },
  /** 400 from `getAvrResultCsv` before the report succeeded. */
  notSucceeded: { error: 'QueryExecution did not succeed' },
  /** 400 from `getAvrResultCsv` for an id that is not a GUID. */
  invalidReportId: { error: "'reportId' must be a valid GUID" },
  /** 500 from every endpoint. */
  unknownError: { error: 'Unknown error' },
} as const;

/** 400 from `getAvrReportStatus` for an id it cannot read; the document's own template, filled in. */
export function statusBadRequest(reportId: string): { msg: string } {
  return { msg: `getAvrQueryStatus bad request', ${reportId}, invalid input syntax for type uuid` };
}
