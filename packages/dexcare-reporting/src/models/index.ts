import type * as z from 'zod';
import { DexCareProviderHistoryRow } from './provider-history.js';

/**
 * The row type of each DexCare report that has a model, by the client method that yields it.
 * The All Visits Report is not here: its columns are not documented, so its rows are
 * `Record<string, string>` or the type of the schema you pass.
 *
 * @example
 * ```ts
 * function store(records: DexCareReportRows['providerHistories'][]) {}
 * ```
 */
export interface DexCareReportRows {
  providerHistories: DexCareProviderHistoryRow;
}

/**
 * The zod model of each report's rows, typed against {@link DexCareReportRows} so the two
 * cannot drift. Like `LUSCII_ROW_MODELS` and `SPRUCE_ROW_MODELS`.
 *
 * @example
 * ```ts
 * const record = DEXCARE_ROW_MODELS.providerHistories.parse(storedRecord);
 * ```
 */
export const DEXCARE_ROW_MODELS = {
  providerHistories: DexCareProviderHistoryRow,
} as const satisfies { readonly [K in keyof DexCareReportRows]: z.ZodObject & z.ZodType<DexCareReportRows[K]> };
