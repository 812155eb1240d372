import { z } from 'zod';

/**
 * zod schemas for the value rules every client shares: numeric strings become numbers,
 * `true`/`false` become booleans, timestamps with an offset become `Date`s, and plain dates and
 * date-times without an offset are validated but stay strings (converting them would invent a
 * time zone). Messages say what was expected, never what was received: values are patient data.
 *
 * Each schema carries `wireType` metadata, which the data-reference generator reads.
 *
 * @example
 * ```ts
 * const Row = z.looseObject({ count: values.number(), at: values.timestamp().nullable(), dob: values.date() });
 * ```
 */

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
// RFC 3339 as Go's RFC3339Nano writes it (0 to 9 fractional digits, `Z` or `±hh:mm`), plus the
// `±hhmm` offsets DexCare's examples use.
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:?\d{2})$/;

/** The kinds of wire value, as recorded in each helper's metadata. */
export type WireType = 'number' | 'integer' | 'boolean' | 'timestamp' | 'date' | 'local-date-time' | 'string' | 'enum';

function issue(message: string) {
  return { code: 'custom' as const, message };
}

/** A number, sent as a number or a numeric string (`"246"`). */
export function number() {
  return z
    .union([z.number(), z.string()], { error: 'expected a number' })
    .transform((value, ctx) => {
      if (typeof value === 'number') return value;
      if (NUMBER.test(value)) return Number(value);
      ctx.issues.push({ ...issue('expected a number'), input: undefined });
      return z.NEVER;
    })
    .meta({ wireType: 'number' satisfies WireType });
}

/** A whole number, sent as a number or a string of digits (`"0"`, `"-3"`). */
export function integer() {
  return z
    .union([z.number(), z.string()], { error: 'expected an integer' })
    .transform((value, ctx) => {
      const parsed = typeof value === 'number' ? value : NUMBER.test(value) ? Number(value) : Number.NaN;
      if (Number.isInteger(parsed)) return parsed;
      ctx.issues.push({ ...issue('expected an integer'), input: undefined });
      return z.NEVER;
    })
    .meta({ wireType: 'integer' satisfies WireType });
}

/** A boolean, sent as `true`/`false` or as the text `"true"`/`"false"` (any case). */
export function boolean() {
  return z
    .union([z.boolean(), z.string()], { error: 'expected true or false' })
    .transform((value, ctx) => {
      if (typeof value === 'boolean') return value;
      const text = value.toLowerCase();
      if (text === 'true') return true;
      if (text === 'false') return false;
      ctx.issues.push({ ...issue('expected true or false'), input: undefined });
      return z.NEVER;
    })
    .meta({ wireType: 'boolean' satisfies WireType });
}

/**
 * A timestamp with an offset (RFC 3339 with 0 to 9 fractional digits, `Z`, `±hh:mm` or
 * `±hhmm`), as a `Date`. Digits past milliseconds are dropped by `Date`; raw modes keep the text.
 */
export function timestamp() {
  return z
    .string({ error: 'expected an RFC 3339 timestamp with an offset' })
    .transform((value, ctx) => {
      const date = parseTimestamp(value);
      if (date) return date;
      ctx.issues.push({ ...issue('expected an RFC 3339 timestamp with an offset'), input: undefined });
      return z.NEVER;
    })
    .meta({ wireType: 'timestamp' satisfies WireType });
}

/** A calendar date `YYYY-MM-DD`, validated, kept as a string. */
export function date() {
  return z
    .string({ error: 'expected a date YYYY-MM-DD' })
    .refine((value) => isCalendarDate(DATE.exec(value)), { error: 'expected a date YYYY-MM-DD' })
    .meta({ wireType: 'date' satisfies WireType });
}

/** A date-time without an offset, `YYYY-MM-DD HH:MM:SS`, validated, kept as a string. */
export function localDateTime() {
  return z
    .string({ error: 'expected a date-time YYYY-MM-DD HH:MM:SS' })
    .refine((value) => isCalendarDateTime(LOCAL_DATE_TIME.exec(value)), { error: 'expected a date-time YYYY-MM-DD HH:MM:SS' })
    .meta({ wireType: 'local-date-time' satisfies WireType });
}

/** Text, as sent. */
export function string() {
  return z.string({ error: 'expected text' }).meta({ wireType: 'string' satisfies WireType });
}

/**
 * One of the known values, typed as such, while a value the vendor adds later still passes
 * (strict on meaning, lenient on growth).
 */
export function openEnum<const V extends readonly [string, ...string[]]>(values: V) {
  return z.string({ error: 'expected text' }).meta({ wireType: 'enum' satisfies WireType, values: [...values] }) as unknown as z.ZodType<
    V[number] | (string & {}),
    string
  >;
}

/** Parses an RFC 3339 timestamp with an offset, or returns `undefined`. */
export function parseTimestamp(value: string): Date | undefined {
  const match = TIMESTAMP.exec(value);
  if (!match || !isCalendarDateTime(match)) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', offset] = match;
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  const zone = offset === 'Z' || offset === 'z' ? 'Z' : `${offset!.slice(0, 3)}:${offset!.slice(-2)}`;
  const time = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}${zone}`);
  return Number.isNaN(time) ? undefined : new Date(time);
}

/** Whether a `YYYY-MM-DD` string names a real day. */
export function isIsoDate(value: string): boolean {
  return isCalendarDate(DATE.exec(value));
}

function isCalendarDate(match: RegExpExecArray | null): boolean {
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isCalendarDateTime(match: RegExpExecArray | null): boolean {
  if (!isCalendarDate(match)) return false;
  return Number(match![4]) <= 23 && Number(match![5]) <= 59 && Number(match![6]) <= 60;
}
