import { InvalidParamsError } from './errors.js';
import { isIsoDate, parseTimestamp } from './values.js';

/** A date parameter: a `YYYY-MM-DD` string or a `Date`. */
export type DateInput = string | Date;

/**
 * A calendar-date parameter as `YYYY-MM-DD`. A `Date` gives its UTC calendar date; anything
 * else is an `InvalidParamsError` naming the parameter, thrown before any request.
 *
 * @example
 * ```ts
 * calendarDate(new Date('2024-05-01T23:30:00Z'), 'startDate'); // '2024-05-01'
 * ```
 */
export function calendarDate(value: DateInput, param: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new InvalidParamsError(`${param} is an invalid Date`, { param });
    return value.toISOString().slice(0, 10);
  }
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new InvalidParamsError(`${param} must be a date YYYY-MM-DD or a Date`, { param });
  }
  return value;
}

/**
 * An instant parameter: a `Date`, or an ISO 8601 string with a time and an offset, or a plain
 * `YYYY-MM-DD` (midnight UTC). Returns the `Date`; an unreadable value is an `InvalidParamsError`.
 */
export function instant(value: DateInput, param: string): Date {
  const date =
    value instanceof Date ? value : typeof value === 'string' ? (isIsoDate(value) ? new Date(`${value}T00:00:00Z`) : parseTimestamp(value)) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new InvalidParamsError(`${param} must be a Date or an ISO 8601 date-time with an offset`, { param });
  }
  return date;
}

/** Refuses a range whose start is after its end. Dates compare as `YYYY-MM-DD` strings or `Date`s. */
export function checkRange<T extends string | Date>(start: T, end: T, names: [string, string] = ['startDate', 'endDate']): void {
  const after = start instanceof Date && end instanceof Date ? start.getTime() > end.getTime() : start > end;
  if (after) throw new InvalidParamsError(`${names[0]} must not be after ${names[1]}`, { param: names[0] });
}
