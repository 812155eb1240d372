import { goCsvRecord } from '../testing/go-csv.js';
import type { ConversationAccessReport } from './access-types.js';

const VIEWER_COLUMNS = ['conversation_id', 'entity_id', 'reason', 'via_team', 'since', 'endpoint'] as const;
const EXCEPTION_COLUMNS = ['kind', 'conversation_id', 'entity_id', 'endpoint', 'at', 'conversations'] as const;

/**
 * The viewer rows of a report as CSV (RFC 4180 quoting, LF line ends, a header row; instants in
 * ISO 8601 UTC, `null` as an empty cell). No patient name is ever written.
 *
 * @example
 * ```ts
 * await writeFile('viewers.csv', accessViewersCsv(report));
 * ```
 */
export function accessViewersCsv(report: Pick<ConversationAccessReport, 'viewers'>): string {
  return toCsv(VIEWER_COLUMNS, report.viewers);
}

/**
 * The exceptions of a report as CSV, in the report's order (kind, then conversation).
 *
 * @example
 * ```ts
 * await writeFile('exceptions.csv', accessExceptionsCsv(report));
 * ```
 */
export function accessExceptionsCsv(report: Pick<ConversationAccessReport, 'exceptions'>): string {
  return toCsv(EXCEPTION_COLUMNS, report.exceptions);
}

function toCsv<K extends string>(columns: readonly K[], rows: readonly { [P in K]: unknown }[]): string {
  let text = goCsvRecord(columns);
  for (const row of rows) text += goCsvRecord(columns.map((column) => cell(row[column])));
  return text;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}
