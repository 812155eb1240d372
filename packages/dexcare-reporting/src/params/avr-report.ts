import { InvalidParamsError, type DateInput } from '@x/core';
import { checkRange, instant, refuseUnknownKeys, requireObject } from '@x/core/internal';

/**
 * The kinds of All Visits Report. The DexCare document's values table lists all three; one of
 * its error messages lists only `retail` and `virtual`.
 */
export const AVR_REPORT_TYPES = ['virtual', 'retail', 'provider_booking'] as const;

/** The kind of All Visits Report: `'virtual'`, `'retail'` or `'provider_booking'`. */
export type AvrReportType = (typeof AVR_REPORT_TYPES)[number];

/** Both ends of the visit search, or neither: DexCare then reports the past 10 days. */
export type AvrDateRange =
  | {
      /**
       * Start of the visit search: a `Date`, an ISO 8601 date-time with an offset, or a plain
       * `YYYY-MM-DD` (midnight UTC at its start). Required when `endDate` is given.
       */
      startDate: DateInput;
      /**
       * End of the visit search, in the same forms as `startDate`. A plain `YYYY-MM-DD` means
       * midnight UTC at the start of that day. Required when `startDate` is given.
       */
      endDate: DateInput;
    }
  | { startDate?: undefined; endDate?: undefined };

/**
 * What `startAvrReport` asks DexCare for.
 *
 * @example
 * ```ts
 * const params: AvrReportParams = { type: 'virtual', startDate: '2024-05-01T00:00:00Z', endDate: new Date() };
 * ```
 */
export type AvrReportParams = {
  /** The kind of report. */
  type: AvrReportType;
} & AvrDateRange;

/** The JSON body of `POST /api/8/reporting/allvisitsreport`. */
export interface AvrReportRequestBody {
  type: AvrReportType;
  startDate?: string;
  endDate?: string;
}

const KNOWN_KEYS = ['type', 'startDate', 'endDate'];

/**
 * Checks the parameters of a report before any request and builds its body, with the dates as
 * ISO 8601 strings in UTC.
 */
export function avrReportRequestBody(params: AvrReportParams): AvrReportRequestBody {
  requireObject(params, 'params');
  refuseUnknownKeys(params, KNOWN_KEYS, 'startAvrReport');
  const { type, startDate, endDate } = params;
  if (!AVR_REPORT_TYPES.includes(type)) {
    throw new InvalidParamsError(`type must be one of ${AVR_REPORT_TYPES.join(', ')}`, { param: 'type' });
  }
  if (startDate === undefined && endDate === undefined) return { type };
  if (startDate === undefined || endDate === undefined) {
    throw new InvalidParamsError('startDate and endDate go together: give both, or neither for the past 10 days', {
      param: startDate === undefined ? 'startDate' : 'endDate',
    });
  }
  const start = instant(startDate, 'startDate');
  const end = instant(endDate, 'endDate');
  checkRange(start, end);
  return { type, startDate: start.toISOString(), endDate: end.toISOString() };
}
