import { AVR_REPORT_TYPES, DexCareProviderHistoryRow, type AvrReportType } from '@x/dexcare-reporting';
import { modelColumns } from '../columns.js';
import type { StreamDefinition } from '../source.js';

/** The table of an AVR type. */
export function avrTable(type: AvrReportType): string {
  return `dexcare_avr_${type}`;
}

/** The APR table. */
export const APR_TABLE = 'dexcare_provider_histories';

/** The AVR streams (columns come from each report's header) and the APR stream. */
export const DEXCARE_STREAMS: readonly (StreamDefinition & { readonly avrType?: AvrReportType })[] = [
  ...AVR_REPORT_TYPES.map((avrType) => ({
    table: avrTable(avrType),
    source: 'dexcare' as const,
    avrType,
    columns: [],
    softDelete: false,
    key: { kind: 'columns' as const, columns: ['visit_id'] },
    rule: 'day windows (look-back re-read), the report id saved before polling, CSV upserted on the visit key (visit_id, else the row hash)',
  })),
  {
    table: APR_TABLE,
    source: 'dexcare',
    columns: modelColumns(DexCareProviderHistoryRow),
    softDelete: false,
    key: { kind: 'columns', columns: ['id'] },
    rule: 'time windows up to an hour ago, offset pages, upsert on id; a window whose count moved is read again',
  },
];
