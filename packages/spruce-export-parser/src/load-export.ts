import { SdkError, type DataValidationError } from '@x/core';
import { keysOf, refuseUnknownKeys, requireObject } from '@x/core/internal';
import { EXPORT_OPTION_KEYS, type SpruceExportOptions } from './options.js';
import type { SpruceExportSource } from './sources/export-source.js';
import { openSpruceExport } from './spruce-export.js';
import type { TableName, TableRow } from './tables.js';

/** Every table present in an export, as arrays; a table the zip lacks is absent. */
export type SpruceExportData = { [T in TableName]?: TableRow<T>[] };

/** Options of {@link loadSpruceExport}. */
export interface LoadSpruceExportOptions extends SpruceExportOptions {
  /** Lenient mode for every table; see `RowsOptions.onInvalidRow`. */
  onInvalidRow?: ((error: DataValidationError) => void) | undefined;
  /**
   * The most rows any one table may hold; more is an `SdkError` naming this option and the
   * table, rather than an out-of-memory crash. Stream large exports with `openSpruceExport` instead.
   * @default Infinity
   */
  maxRowsPerTable?: number | undefined;
  /** The encoding of tables known not to be UTF-8; see `RowsOptions.encoding`. */
  encoding?: string | undefined;
}

const LOAD_OPTION_KEYS = keysOf<LoadSpruceExportOptions>()([...EXPORT_OPTION_KEYS, 'onInvalidRow', 'maxRowsPerTable', 'encoding']);

/**
 * Reads every table of a small export into arrays, in one call.
 *
 * @example
 * ```ts
 * const { messages = [], pages = [] } = await loadSpruceExport(zipBytes);
 * ```
 */
export async function loadSpruceExport(source: SpruceExportSource, options: LoadSpruceExportOptions = {}): Promise<SpruceExportData> {
  requireObject(options, 'options');
  refuseUnknownKeys(options, LOAD_OPTION_KEYS, 'loadSpruceExport');
  const { onInvalidRow, maxRowsPerTable = Number.POSITIVE_INFINITY, encoding, ...openOptions } = options;
  const { signal } = openOptions;
  const exp = await openSpruceExport(source, openOptions);
  const data: Record<string, unknown[]> = {};
  for (const table of exp.tables) {
    const rows: unknown[] = [];
    for await (const row of exp.rows(table, { onInvalidRow, signal, encoding })) {
      if (rows.length >= maxRowsPerTable) {
        throw new SdkError(
          `loadSpruceExport: ${table} has more than maxRowsPerTable (${maxRowsPerTable}) rows; stream it with openSpruceExport(source).rows('${table}')`,
        );
      }
      rows.push(row);
    }
    data[table] = rows;
  }
  return data;
}
