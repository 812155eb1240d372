import * as z from 'zod';

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
// Digits only: `1e3` and `7.0` are not how an integer column is written.
const INTEGER = /^[+-]?\d+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
// RFC 3339 as Go's RFC3339Nano writes it (0 to 9 fractional digits, `Z` or `±hh:mm`), plus the
// `±hhmm` offsets DexCare's examples use.
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:?\d{2})$/;

/** The kinds of wire value, as recorded in each helper's metadata. */
export type WireType = 'number' | 'integer' | 'boolean' | 'timestamp' | 'date' | 'local-date-time' | 'string' | 'enum';

/** What a cell converter returns for a cell it cannot convert. */
export const INVALID: unique symbol = Symbol('invalid');

/** Converts the text of one cell, or returns {@link INVALID}. */
export type CellConverter = (text: string) => unknown;

// Each helper's schema maps to the very function its zod transform runs, so the CSV fast path
// (csv/row-builder.ts) converts cells exactly as zod would, without zod per cell. Keyed by the
// schema's definition, not the instance: `.describe()` and `.meta()` return a clone that shares
// the definition (and so parses alike), and every model column is described. A `.refine()` or
// other check makes a new definition, so such a column is left to zod, as it must be.
const converters = new WeakMap<object, CellConverter>();

/** The converter behind a helper's schema (described or not), or `undefined` for any other schema. */
export function cellConverter(schema: z.ZodType): CellConverter | undefined {
  return converters.get(schema._zod.def);
}

function wire<T extends z.ZodType>(schema: T, convert: CellConverter): T {
  converters.set(schema._zod.def, convert);
  return schema;
}

function issue(message: string) {
  return { code: 'custom' as const, message, input: undefined };
}

type Converter<O> = (text: string) => O | typeof INVALID;

const toNumber: Converter<number> = (text) => (NUMBER.test(text) ? Number(text) : INVALID);
// Beyond 2^53 a number is silently rounded: refused rather than changed.
const toInteger: Converter<number> = (text) => {
  const parsed = INTEGER.test(text) ? Number(text) : Number.NaN;
  return Number.isSafeInteger(parsed) ? parsed : INVALID;
};
const toCount: Converter<number> = (text) => {
  const parsed = toInteger(text);
  return parsed === INVALID || parsed >= 0 ? parsed : INVALID;
};
const toBoolean: Converter<boolean> = (text) => {
  const lower = text.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : INVALID;
};
const toTimestamp: Converter<Date> = (text) => parseTimestamp(text) ?? INVALID;
const asDate: Converter<string> = (text) => (isCalendarDate(DATE.exec(text)) ? text : INVALID);
const asLocalDateTime: Converter<string> = (text) => (isCalendarDateTime(LOCAL_DATE_TIME.exec(text)) ? text : INVALID);
const asText: Converter<string> = (text) => text;

/** A zod transform running a converter on text; values already of the output type pass as they are. */
function convertIn<O>(convert: Converter<O>, message: string) {
  return (value: string | O, ctx: z.core.$RefinementCtx<unknown>): O => {
    const converted = typeof value === 'string' ? convert(value) : value;
    if (converted !== INVALID) return converted;
    ctx.issues.push(issue(message));
    return z.NEVER;
  };
}

/** A number, sent as a number or a numeric string (`"246"`). */
export function number() {
  return wire(
    z
      .union([z.number(), z.string()], { error: 'expected a number' })
      .transform(convertIn(toNumber, 'expected a number'))
      .meta({ wireType: 'number' satisfies WireType }),
    toNumber,
  );
}

const INTEGER_MESSAGE = 'expected an integer (digits only, at most 2^53 - 1 either way)';
const COUNT_MESSAGE = 'expected a count (digits only, from 0 to 2^53 - 1)';

/**
 * A whole number, sent as a number or a string of digits (`"0"`, `"-3"`). `1e3`, `7.0` and any
 * value beyond ±(2^53 - 1), which a JavaScript number would round, are refused.
 */
export function integer() {
  return wholeNumber(toInteger, INTEGER_MESSAGE, {});
}

/** A count: an {@link integer} of at least 0 (a negative count means nothing). */
export function count() {
  return wholeNumber(toCount, COUNT_MESSAGE, { minimum: 0 });
}

function wholeNumber(convert: Converter<number>, message: string, meta: { minimum?: number }) {
  const minimum = meta.minimum ?? Number.MIN_SAFE_INTEGER;
  return wire(
    z
      .union([z.number(), z.string()], { error: message })
      .transform(convertIn(convert, message))
      .refine((value) => Number.isSafeInteger(value) && value >= minimum, { error: message })
      .meta({ wireType: 'integer' satisfies WireType, ...meta }),
    convert,
  );
}

/** A boolean, sent as `true`/`false` or as the text `"true"`/`"false"` (any case). */
export function boolean() {
  return wire(
    z
      .union([z.boolean(), z.string()], { error: 'expected true or false' })
      .transform(convertIn(toBoolean, 'expected true or false'))
      .meta({ wireType: 'boolean' satisfies WireType }),
    toBoolean,
  );
}

/**
 * A timestamp with an offset (RFC 3339 with 0 to 9 fractional digits, `Z`, `±hh:mm` or
 * `±hhmm`), as a `Date`. Digits past milliseconds are dropped by `Date`; raw modes keep the text.
 */
export function timestamp() {
  return wire(
    z
      .string({ error: 'expected an RFC 3339 timestamp with an offset' })
      .transform(convertIn(toTimestamp, 'expected an RFC 3339 timestamp with an offset'))
      .meta({ wireType: 'timestamp' satisfies WireType }),
    toTimestamp,
  );
}

/** A calendar date `YYYY-MM-DD`, validated, kept as a string. */
export function date() {
  return wire(
    z
      .string({ error: 'expected a date YYYY-MM-DD' })
      .refine((value) => asDate(value) !== INVALID, { error: 'expected a date YYYY-MM-DD' })
      .meta({ wireType: 'date' satisfies WireType }),
    asDate,
  );
}

/** A date-time without an offset, `YYYY-MM-DD HH:MM:SS`, validated, kept as a string. */
export function localDateTime() {
  return wire(
    z
      .string({ error: 'expected a date-time YYYY-MM-DD HH:MM:SS' })
      .refine((value) => asLocalDateTime(value) !== INVALID, { error: 'expected a date-time YYYY-MM-DD HH:MM:SS' })
      .meta({ wireType: 'local-date-time' satisfies WireType }),
    asLocalDateTime,
  );
}

/** Text, as sent. */
export function string() {
  return wire(z.string({ error: 'expected text' }).meta({ wireType: 'string' satisfies WireType }), asText);
}

/**
 * One of the known values, typed as such, while a value the vendor adds later still passes
 * (strict on meaning, lenient on growth).
 */
export function openEnum<const V extends readonly [string, ...string[]]>(values: V) {
  const schema = wire(z.string({ error: 'expected text' }).meta({ wireType: 'enum' satisfies WireType, values: [...values] }), asText);
  return schema as unknown as z.ZodType<V[number] | (string & {}), string>;
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
  return day <= daysInMonth(year, month);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Proleptic Gregorian, like ISO 8601; `Date.UTC` would read years 0-99 as 1900-1999. */
function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

function isCalendarDateTime(match: RegExpExecArray | null): boolean {
  if (!isCalendarDate(match)) return false;
  return Number(match![4]) <= 23 && Number(match![5]) <= 59 && Number(match![6]) <= 60;
}
