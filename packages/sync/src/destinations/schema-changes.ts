import { SchemaMismatchError } from '../errors/sync-errors.js';
import type { ColumnSpec, ColumnType, SchemaNotice, TableSpec } from './destination.js';
import { ident, stageName } from './sql-names.js';

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

/** What {@link evolveTable} needs from a destination: its DDL spelling and a way to run it. */
export interface TableDdl {
  run(sql: string): Promise<unknown>;
  /** The columns of a table as it is now (empty when there is none). */
  columns(table: string): Promise<ColumnSpec[]>;
  createTableSql(spec: TableSpec): string;
  createStageSql(spec: TableSpec): string;
  /** The destination's spelling of a column type. */
  typeName(type: ColumnType): string;
}

/**
 * `Destination.ensureTable` on any SQL destination: creates the table and its staging table, or
 * adds the columns the spec has and the table lacks (a `column-added` notice each). `existing`
 * is the table's data columns, `undefined` when there is no table yet.
 */
export async function evolveTable(ddl: TableDdl, spec: TableSpec, existing: readonly ColumnSpec[] | undefined): Promise<SchemaNotice[]> {
  if (!existing) {
    await ddl.run(ddl.createTableSql(spec));
    await ddl.run(ddl.createStageSql(spec));
    return [{ table: spec.name, column: '', kind: 'table-created' }];
  }
  const added = columnsToAdd(spec, existing);
  await ddl.run(ddl.createStageSql(spec));
  const staged = new Set((await ddl.columns(stageName(spec))).map((column) => column.name));
  const notices: SchemaNotice[] = [];
  for (const column of added) {
    await ddl.run(`ALTER TABLE ${ident(spec.name)} ADD COLUMN ${ident(column.name)} ${ddl.typeName(column.type)}`);
    notices.push({ table: spec.name, column: column.name, kind: 'column-added', type: column.type });
  }
  for (const column of spec.columns) {
    if (!staged.has(column.name)) await ddl.run(`ALTER TABLE ${ident(stageName(spec))} ADD COLUMN ${ident(column.name)} ${ddl.typeName('TEXT')}`);
  }
  return notices;
}
