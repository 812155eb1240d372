import { InvalidParamsError, type CallOptions, type DataValidationError, type DateInput } from '@x/core';
import { calendarDate, checkCallOptions, checkRange, optionalFunction, refuseUnknownKeys, requireObject } from '@x/core/internal';
import { isLusciiReportType, LUSCII_DATE_RULES, LUSCII_REPORT_TYPES, type LusciiReportType } from './report-types.js';

/**
 * Parameters every export takes, whatever its report type. `timeoutMs`, `maxRetries` and
 * `headers` apply to this export's page requests alone, over the client's options.
 */
export interface LusciiExportOptions extends CallOptions {
  /**
   * Start from this cursor instead of the first page: the `nextCursor` of the last page you
   * finished, to resume a broken export. Send the same report type and dates as the first run.
   */
  cursor?: string | undefined;
  /** Aborts the export: the request in flight is cancelled and the loop rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/** Typed rows (the default): each row is checked and converted by its report type's model. */
export interface LusciiTypedRowsOption {
  raw?: false | undefined;
  /**
   * Lenient mode. Called with each row that breaks its model; the row is then still delivered,
   * with its good fields converted and its bad fields as sent. Without it, the first bad row
   * ends the export with that error. Rows are checked as their page arrives, which with one
   * page of prefetch can be while you are still working on the page before.
   *
   * @example
   * ```ts
   * luscii.export('patients', { onInvalidRow: (error) => log.warn(error.message) });
   * ```
   */
  onInvalidRow?: ((error: DataValidationError) => void) | undefined;
}

/**
 * Raw rows: each row exactly as Luscii sent it, unchecked (numeric strings stay strings).
 *
 * @example
 * ```ts
 * luscii.export('measurements', { startDate: '2024-05-01', endDate: '2024-05-31', raw: true });
 * ```
 */
export interface LusciiRawRowsOption {
  raw: true;
  onInvalidRow?: undefined;
}

/** The date range of `measurements` and `alerts`: both ends required, inclusive. */
export interface LusciiRequiredDates {
  /** The first creation date to include: `'2024-05-01'`, or a `Date` (its UTC calendar date). */
  startDate: DateInput;
  /** The last creation date to include: `'2024-05-31'`, or a `Date` (its UTC calendar date). */
  endDate: DateInput;
}

/** The date range of the five history and action reports: either end, both or neither. */
export interface LusciiOptionalDates {
  /** The first creation date to include; without it, from the beginning. */
  startDate?: DateInput | undefined;
  /** The last creation date to include; without it, up to now. */
  endDate?: DateInput | undefined;
}

/** `patients`, `hcps`, `patientsMutations` and `starRatings` take no dates. */
export interface LusciiNoDates {
  startDate?: undefined;
  endDate?: undefined;
}

/** The date parameters a report type takes. */
export type LusciiDatesFor<R extends LusciiReportType> = R extends unknown
  ? (typeof LUSCII_DATE_RULES)[R] extends 'required'
    ? LusciiRequiredDates
    : (typeof LUSCII_DATE_RULES)[R] extends 'forbidden'
      ? LusciiNoDates
      : LusciiOptionalDates
  : never;

/**
 * The parameters of `client.export(reportType, params)` for one report type.
 *
 * @example
 * ```ts
 * const params: LusciiExportParams<'measurements'> = { startDate: '2024-05-01', endDate: '2024-05-31' };
 * ```
 */
export type LusciiExportParams<R extends LusciiReportType, Rows = LusciiTypedRowsOption> = LusciiExportOptions & Rows & LusciiDatesFor<R>;

/** The arguments after the report type: required for the report types that need dates. */
export type LusciiExportArgs<R extends LusciiReportType> = R extends unknown
  ? (typeof LUSCII_DATE_RULES)[R] extends 'required'
    ? [params: LusciiExportParams<R>]
    : [params?: LusciiExportParams<R>]
  : never;

/** What an export sends and how it reads rows, once its parameters passed every check. */
export interface ExportRequest {
  reportType: LusciiReportType;
  /** The dates as `YYYY-MM-DD`, sent with every page. */
  dates: { startDate?: string; endDate?: string };
  cursor: string | undefined;
  signal: AbortSignal | undefined;
  /** Options of each page request. */
  call: Omit<CallOptions, 'signal'>;
  rows: { raw: true } | { raw: false; onInvalidRow: ((error: DataValidationError) => void) | undefined };
}

const PARAMS = ['startDate', 'endDate', 'cursor', 'signal', 'timeoutMs', 'maxRetries', 'headers', 'raw', 'onInvalidRow'] as const;
const UNDATED = LUSCII_REPORT_TYPES.filter((type) => LUSCII_DATE_RULES[type] === 'forbidden').join(', ');

/**
 * Checks an export's parameters against the report type's date rule and turns them into a
 * request, or throws an `InvalidParamsError` naming the parameter. Runs when `export()` is
 * called, before any request, so a wrong call sends nothing.
 */
export function checkExportParams(reportType: unknown, params: unknown): ExportRequest {
  if (!isLusciiReportType(reportType)) {
    throw new InvalidParamsError(`reportType must be one of: ${LUSCII_REPORT_TYPES.join(', ')}`, { param: 'reportType' });
  }
  const given = objectParams(params);
  const { signal, timeoutMs, maxRetries, headers } = given as CallOptions;
  checkCallOptions({ signal, timeoutMs, maxRetries, headers });
  return {
    reportType,
    dates: checkDates(reportType, given),
    cursor: checkCursor(given.cursor),
    signal,
    call: { timeoutMs, maxRetries, headers },
    rows: checkRowMode(given.raw, given.onInvalidRow),
  };
}

function objectParams(params: unknown): Partial<Record<(typeof PARAMS)[number], unknown>> {
  if (params === undefined) return {};
  requireObject(params, 'params');
  refuseUnknownKeys(params, PARAMS, 'export');
  return params;
}

function checkDates(reportType: LusciiReportType, given: { startDate?: unknown; endDate?: unknown }): ExportRequest['dates'] {
  const rule = LUSCII_DATE_RULES[reportType];
  const dates: ExportRequest['dates'] = {};
  for (const param of ['startDate', 'endDate'] as const) {
    const value = given[param];
    if (value === undefined) {
      if (rule === 'required') throw new InvalidParamsError(`${param} is required for ${reportType} exports`, { param });
      continue;
    }
    if (rule === 'forbidden') {
      throw new InvalidParamsError(`${param} is not accepted for ${reportType} exports (the Export API takes no dates for ${UNDATED})`, { param });
    }
    dates[param] = calendarDate(value as DateInput, param);
  }
  if (dates.startDate !== undefined && dates.endDate !== undefined) checkRange(dates.startDate, dates.endDate);
  return dates;
}

function checkCursor(cursor: unknown): string | undefined {
  if (cursor === undefined) return undefined;
  if (typeof cursor !== 'string' || cursor === '') {
    throw new InvalidParamsError('cursor must be a non-empty string; a null nextCursor means the export had already finished', { param: 'cursor' });
  }
  return cursor;
}

function checkRowMode(raw: unknown, onInvalidRow: unknown): ExportRequest['rows'] {
  if (raw !== undefined && typeof raw !== 'boolean') throw new InvalidParamsError('raw must be true or false', { param: 'raw' });
  const onInvalid = optionalFunction<(error: DataValidationError) => void>(onInvalidRow, 'onInvalidRow');
  if (raw !== true) return { raw: false, onInvalidRow: onInvalid };
  if (onInvalidRow !== undefined) {
    throw new InvalidParamsError('onInvalidRow does not apply with raw: true (raw rows are not checked)', { param: 'onInvalidRow' });
  }
  return { raw: true };
}
