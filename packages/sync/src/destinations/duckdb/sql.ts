import { byRowHashPair, META_COLUMNS, type ColumnSpec, type ColumnType, type TableSpec } from '../destination.js';
import { ident, literal, stageName } from '../sql-names.js';

export { ident, literal, stageName } from '../sql-names.js';

/** The DuckDB spelling of a column type. */
export function duckType(type: ColumnType): string {
  return type === 'TEXT' ? 'VARCHAR' : type;
}

/** The column type a DuckDB type name stands for, or the name itself when it is none of ours. */
export function specType(duckName: string): string {
  const upper = duckName.toUpperCase();
  if (upper === 'VARCHAR') return 'TEXT';
  if (upper === 'TIMESTAMP WITH TIME ZONE') return 'TIMESTAMPTZ';
  return upper;
}

/** `CREATE TABLE` of a data table with its meta columns. */
export function createTableSql(spec: TableSpec): string {
  const columns = spec.columns.map((column) => `${ident(column.name)} ${duckType(column.type)}`);
  columns.push(`${ident(META_COLUMNS.runId)} BIGINT NOT NULL`, `${ident(META_COLUMNS.rowHash)} VARCHAR NOT NULL`);
  if (spec.softDelete) columns.push(`${ident(META_COLUMNS.deletedAt)} TIMESTAMPTZ`);
  return `CREATE TABLE IF NOT EXISTS ${ident(spec.name)} (${columns.join(', ')})`;
}

/**
 * `CREATE TABLE` of a staging table: unit and sequence first, then every data column as text. No
 * `_sync_row_hash`: DuckDB computes it in the merge ({@link rowHashSql}). Files written before that
 * have the column, made nullable on open and left empty.
 */
export function createStageSql(spec: TableSpec): string {
  const columns = ['"_sync_unit" VARCHAR NOT NULL', '"_sync_seq" BIGINT NOT NULL'];
  for (const column of spec.columns) columns.push(`${ident(column.name)} VARCHAR`);
  return `CREATE ${spec.staging === 'session' ? 'TEMP ' : ''}TABLE IF NOT EXISTS ${ident(stageName(spec))} (${columns.join(', ')})`;
}

/**
 * The SQL that counts, in one scan of the unit's staged rows, the values of each typed column that
 * do not cast to its type: one count per column, named `c0`, `c1`, … in the order of `columns`.
 */
export function uncastableCountsSql(table: TableSpec, columns: readonly ColumnSpec[]): string {
  const counts = columns.map((column, index) => {
    const name = ident(column.name);
    return `count(*) FILTER (WHERE ${name} IS NOT NULL AND TRY_CAST(${name} AS ${duckType(column.type)}) IS NULL) AS c${index}`;
  });
  return `SELECT ${counts.join(', ')} FROM ${ident(stageName(table))} WHERE "_sync_unit" = ?`;
}

/**
 * `_sync_row_hash` of a staged row computed by DuckDB, to the value the engine computes (see
 * `RowEncoder`): sha256 hex of the non-null `column=value` pairs of its staged text, in the order
 * of {@link byRowHashPair}, joined by NUL. `concat_ws` skips the NULL pairs as the engine skips null values.
 */
export function rowHashSql(columns: readonly ColumnSpec[], alias: string): string {
  const pairs = columns
    .map((column) => column.name)
    .sort(byRowHashPair)
    .map((name) => `${literal(`${name}=`)} || ${alias}.${ident(name)}`);
  return `sha256(concat_ws(chr(0), ${pairs.join(', ')}))`;
}

/** A staged (text) column cast to its type. */
export function castColumn(column: ColumnSpec, alias = 's'): string {
  return `CAST(${alias}.${ident(column.name)} AS ${duckType(column.type)}) AS ${ident(column.name)}`;
}

/** The bookkeeping tables. No primary keys: DuckDB checks them eagerly within a transaction. */
export const BOOKKEEPING_SQL = [
  `CREATE TABLE IF NOT EXISTS _sync_runs (id BIGINT NOT NULL, started_at TIMESTAMPTZ NOT NULL, finished_at TIMESTAMPTZ, status VARCHAR NOT NULL, summary JSON)`,
  `CREATE TABLE IF NOT EXISTS _sync_state (stream VARCHAR NOT NULL, state JSON, updated_at TIMESTAMPTZ NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS _sync_files (sha256 VARCHAR NOT NULL, name VARCHAR NOT NULL, size BIGINT NOT NULL, period_start TIMESTAMPTZ, period_end TIMESTAMPTZ, status VARCHAR NOT NULL, rows JSON, error VARCHAR, run_id BIGINT NOT NULL, recorded_at TIMESTAMPTZ NOT NULL)`,
];
