import { LUSCII_CREATION_DATE_FIELDS, LUSCII_DATE_RULES, LUSCII_REPORT_TYPES, LUSCII_ROW_MODELS, type LusciiReportType } from '@x/luscii-export';
import { columnName, modelColumns } from '../columns.js';
import type { KeyRule, StreamDefinition } from '../source.js';

/**
 * The column each dated report's `startDate`/`endDate` filter on (the creation date of the row),
 * so a re-read window replaces exactly the rows it covers.
 */
export const LUSCII_WINDOW_COLUMNS: Partial<Record<LusciiReportType, string>> = LUSCII_CREATION_DATE_FIELDS;

/** The key of each snapshot report (the types that forbid dates); star ratings have none. */
export const LUSCII_SNAPSHOT_KEYS: Partial<Record<LusciiReportType, readonly string[]>> = {
  patients: ['Patient_UUID'],
  hcps: ['UUID'],
  patientsMutations: ['Mutation_ID'],
};

/** The table of a report type: `luscii_` and the type in snake_case. */
export function lusciiTable(type: LusciiReportType): string {
  return `luscii_${columnName(type)}`;
}

/** Every Luscii stream, one per report type. */
export const LUSCII_STREAMS: readonly (StreamDefinition & { readonly reportType: LusciiReportType })[] = LUSCII_REPORT_TYPES.map((reportType) => {
  const dated = LUSCII_DATE_RULES[reportType] !== 'forbidden';
  const keyColumns = LUSCII_SNAPSHOT_KEYS[reportType];
  const key: KeyRule = dated ? { kind: 'window' } : keyColumns ? { kind: 'columns', columns: keyColumns.map(columnName) } : { kind: 'row-hash' };
  return {
    table: lusciiTable(reportType),
    source: 'luscii',
    reportType,
    columns: modelColumns(LUSCII_ROW_MODELS[reportType]),
    softDelete: !dated,
    key,
    // A window or the snapshot goes on from its saved cursor with the pages staged before it.
    resumesStagedRows: true,
    rule: dated
      ? `date windows on ${columnName(LUSCII_WINDOW_COLUMNS[reportType] ?? 'Created_Date')}, look-back re-read, each window replaced`
      : `snapshot: all pages staged, merged on ${keyColumns ? keyColumns.map(columnName).join(', ') : 'the row hash'} when complete, rows gone marked _sync_deleted_at`,
  };
});
