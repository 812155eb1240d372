import { SchemaMismatchError } from '../errors/sync-errors.js';
import type { ColumnSpec, TableSpec } from './destination.js';

/**
 * The columns of `spec` that the table (`existing`) lacks, to be added. A column the table has
 * with another type is a {@link SchemaMismatchError} naming table and column, thrown before
 * anything is changed.
 */
export function columnsToAdd(spec: TableSpec, existing: readonly ColumnSpec[]): ColumnSpec[] {
  const byName = new Map(existing.map((column) => [column.name, column.type]));
  for (const column of spec.columns) {
    const type = byName.get(column.name);
    if (type !== undefined && type !== column.type) {
      throw new SchemaMismatchError(spec.name, column.name, `the table has ${type}, the rows now need ${column.type}`);
    }
  }
  return spec.columns.filter((column) => !byName.has(column.name));
}
