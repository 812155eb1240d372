/**
 * CSV as Go's `encoding/csv` writes it (Spruce's exporter is written in Go): a field is quoted
 * only when it holds a comma, a quote, CR or LF, or begins with white space, or is `\.`;
 * quotes are doubled; records end in LF and line breaks inside a field are kept as they are.
 */

const NEEDS_QUOTES = /[",\r\n]/;
const LEADING_SPACE = /^\s/u;

/** One field, quoted the way Go's `csv.Writer` quotes it. */
export function goCsvField(field: string): string {
  if (field === '') return '';
  if (field === '\\.' || NEEDS_QUOTES.test(field) || LEADING_SPACE.test(field)) return `"${field.replaceAll('"', '""')}"`;
  return field;
}

/** One record: its fields quoted as needed, joined by commas, ended by `lineEnding`. */
export function goCsvRecord(fields: readonly string[], lineEnding = '\n'): string {
  return fields.map(goCsvField).join(',') + lineEnding;
}

/**
 * A value as Spruce's export writes it: timestamps in Go's RFC 3339 Nano (UTC, trailing zeros
 * of the fraction dropped), booleans as `true`/`false`, destinations as `TYPE:value|...`,
 * objects as compact JSON, `null` and `undefined` as an empty cell; a string as it is, so a
 * test can write any text, a malformed one included.
 *
 * @example
 * ```ts
 * spruceCell(new Date('2024-05-02T14:46:11.120Z')); // '2024-05-02T14:46:11.12Z'
 * spruceCell([{ type: 'SMS', value: '+15550100' }]); // 'SMS:+15550100'
 * ```
 */
export function spruceCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Date) return goTimestamp(value);
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value) && value.every(isDestination)) return value.map((item) => `${item.type}:${item.value}`).join('|');
  return JSON.stringify(value);
}

/** A `Date` in Go's RFC 3339 Nano layout, in UTC: `2024-05-02T14:46:11.12Z`. */
export function goTimestamp(date: Date): string {
  return date.toISOString().replace(/\.?0+Z$/, 'Z');
}

function isDestination(value: unknown): value is { type: string; value: string } {
  const item = value as { type?: unknown; value?: unknown } | null;
  return typeof item === 'object' && item !== null && typeof item.type === 'string' && typeof item.value === 'string';
}
