import { META_COLUMNS, type ColumnSpec, type ColumnType, type TableSpec } from '../destination.js';
import { ident, stageName } from '../sql-names.js';

const PG_TYPES: Record<ColumnType, string> = {
  TIMESTAMPTZ: 'TIMESTAMPTZ',
  TIMESTAMP: 'TIMESTAMP',
  DATE: 'DATE',
  BIGINT: 'BIGINT',
  DOUBLE: 'DOUBLE PRECISION',
  BOOLEAN: 'BOOLEAN',
  TEXT: 'TEXT',
  JSON: 'JSONB',
};

/** `information_schema.columns.data_type` of each column type. */
const FROM_CATALOG: Record<string, ColumnType> = {
  'timestamp with time zone': 'TIMESTAMPTZ',
  'timestamp without time zone': 'TIMESTAMP',
  date: 'DATE',
  bigint: 'BIGINT',
  'double precision': 'DOUBLE',
  boolean: 'BOOLEAN',
  text: 'TEXT',
  jsonb: 'JSON',
};

/** The PostgreSQL spelling of a column type. */
export function pgType(type: ColumnType): string {
  return PG_TYPES[type];
}

/** The column type a catalog type name stands for, or the name itself (upper case) when it is none of ours. */
export function specType(dataType: string): string {
  return FROM_CATALOG[dataType] ?? dataType.toUpperCase();
}

/** A staged (text) column cast to its type. */
export function castColumn(column: ColumnSpec, alias = 's'): string {
  return `CAST(${alias}.${ident(column.name)} AS ${pgType(column.type)}) AS ${ident(column.name)}`;
}

/** `CREATE TABLE` of a data table with its meta columns. */
export function createTableSql(spec: TableSpec): string {
  const columns = spec.columns.map((column) => `${ident(column.name)} ${pgType(column.type)}`);
  columns.push(`${ident(META_COLUMNS.runId)} BIGINT NOT NULL`, `${ident(META_COLUMNS.rowHash)} TEXT NOT NULL`);
  if (spec.softDelete) columns.push(`${ident(META_COLUMNS.deletedAt)} TIMESTAMPTZ`);
  return `CREATE TABLE IF NOT EXISTS ${ident(spec.name)} (${columns.join(', ')})`;
}

/**
 * `CREATE TABLE` of a staging table: unit, sequence and hash, then every data column as text.
 * Durable staging is logged: rows staged with a checkpoint must survive a server crash, since
 * their unit resumes from them. Session staging (`TableSpec.staging`) is UNLOGGED: its unit
 * stages its rows again after any crash, so they need not reach the write-ahead log (and from
 * there every replica and WAL archive); the server empties it when it recovers from a crash.
 */
export function createStageSql(spec: TableSpec): string {
  const columns = ['"_sync_unit" TEXT NOT NULL', '"_sync_seq" BIGINT GENERATED ALWAYS AS IDENTITY', `${ident(META_COLUMNS.rowHash)} TEXT NOT NULL`];
  for (const column of spec.columns) columns.push(`${ident(column.name)} TEXT`);
  return `CREATE ${spec.staging === 'session' ? 'UNLOGGED ' : ''}TABLE IF NOT EXISTS ${ident(stageName(spec))} (${columns.join(', ')})`;
}

/** The bookkeeping tables, and `_sync_lock`: who holds the writer lock (read by a run that waits for it). */
export const BOOKKEEPING_SQL = [
  `CREATE TABLE IF NOT EXISTS _sync_runs (id BIGINT PRIMARY KEY, started_at TIMESTAMPTZ NOT NULL, finished_at TIMESTAMPTZ, status TEXT NOT NULL, summary JSONB)`,
  `CREATE TABLE IF NOT EXISTS _sync_state (stream TEXT PRIMARY KEY, state JSONB, updated_at TIMESTAMPTZ NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS _sync_files (sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, size BIGINT NOT NULL, period_start TIMESTAMPTZ, period_end TIMESTAMPTZ, status TEXT NOT NULL, rows JSONB, error TEXT, run_id BIGINT NOT NULL, recorded_at TIMESTAMPTZ NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS _sync_lock (id INT PRIMARY KEY, pid INT NOT NULL, run_id BIGINT, started_at TIMESTAMPTZ NOT NULL)`,
];
