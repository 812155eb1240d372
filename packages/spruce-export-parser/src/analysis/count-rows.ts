import type { SpruceExport } from '../spruce-export.js';
import type { TableName } from '../tables.js';
import type { AnalysisOptions } from './rows-source.js';

/**
 * Counts the rows of every table present, in raw mode (cells are not converted, so a count is
 * cheap and a bad cell does not stop it; a damaged file still does).
 *
 * @example
 * ```ts
 * const counts = await countRows(exp); // { metadata: 1, messages: 18234, ... }
 * ```
 */
export async function countRows(exp: SpruceExport, options: AnalysisOptions = {}): Promise<Partial<Record<TableName, number>>> {
  const counts: Partial<Record<TableName, number>> = {};
  for (const table of exp.tables) {
    let count = 0;
    for await (const _row of exp.rows(table, { raw: true, signal: options.signal })) count += 1;
    counts[table] = count;
  }
  return counts;
}
