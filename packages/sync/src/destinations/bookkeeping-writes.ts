import { META_COLUMNS, type ColumnSpec, type DestinationTransaction, type FileLedgerEntry } from './destination.js';
import { ident, stageName } from './sql-names.js';

/** A positional parameter of the SQL both destinations share. */
export type SqlParam = string | number | null;

/**
 * Runs one statement written with `?` placeholders in the open transaction; `doing` names the
 * step for the destination's error message.
 */
export type Execute = (sql: string, params: readonly SqlParam[], doing: string) => Promise<unknown>;

const META = new Set<string>(Object.values(META_COLUMNS));

/** A table's data columns as {@link Destination.describeTable} reports them: `undefined` when it has none (no table). */
export function dataColumns(columns: readonly ColumnSpec[]): ColumnSpec[] | undefined {
  if (columns.length === 0) return undefined;
  return columns.filter((column) => !META.has(column.name));
}

/**
 * The steps of a unit's transaction that both destinations write the same way: staged rows of a
 * unit cleared, a stream's state deleted, a Spruce ledger entry replaced or removed, a table dropped with its
 * staging. `json` is the destination's JSON type (DuckDB `JSON`, PostgreSQL `JSONB`).
 *
 * @example
 * ```ts
 * const writes = bookkeepingWrites((sql, params) => connection.run(sql, params), 'JSON');
 * await writes.deleteState('luscii_measurements');
 * ```
 */
export function bookkeepingWrites(execute: Execute, json: 'JSON' | 'JSONB'): Required<Pick<DestinationTransaction, 'clearStage' | 'clearStaging' | 'deleteState' | 'putFile' | 'deleteFile' | 'dropTable'>> {
  return {
    clearStage: async (table, unitId) => {
      await execute(`DELETE FROM ${ident(stageName(table))} WHERE "_sync_unit" = ?`, [unitId], `clearing staged rows of ${table.name}`);
    },
    clearStaging: async (table) => {
      // What a killed run can have left of a session table is the durable staging from before (a
      // temporary table starts empty; PostgreSQL empties its UNLOGGED one besides).
      if (table.staging === 'session') await execute(`DROP TABLE IF EXISTS ${ident(stageName({ name: table.name }))}`, [], `clearing staged rows of ${table.name}`);
      else await execute(`DELETE FROM ${ident(stageName(table))}`, [], `clearing staged rows of ${table.name}`);
    },
    deleteState: async (stream) => {
      await execute('DELETE FROM _sync_state WHERE stream = ?', [stream], `resetting the state of ${stream}`);
    },
    deleteFile: async (sha256) => {
      await execute('DELETE FROM _sync_files WHERE sha256 = ?', [sha256], 'removing a Spruce file from the ledger');
    },
    putFile: async (entry) => {
      await execute('DELETE FROM _sync_files WHERE sha256 = ?', [entry.sha256], 'recording a Spruce file');
      await execute(
        `INSERT INTO _sync_files VALUES (?, ?, ?, CAST(? AS TIMESTAMPTZ), CAST(? AS TIMESTAMPTZ), ?, CAST(? AS ${json}), ?, ?, now())`,
        fileEntryParams(entry),
        'recording a Spruce file',
      );
    },
    dropTable: async (table) => {
      await execute(`DROP TABLE IF EXISTS ${ident(table)}`, [], `dropping ${table}`);
      await execute(`DROP TABLE IF EXISTS ${ident(stageName({ name: table }))}`, [], `dropping ${table}`);
      await execute(`DROP TABLE IF EXISTS ${ident(stageName({ name: table, staging: 'session' }))}`, [], `dropping ${table}`);
    },
  };
}

/** The parameters of an `_sync_files` insert, in column order (`recorded_at` is the database's `now()`). */
function fileEntryParams(entry: FileLedgerEntry): SqlParam[] {
  return [entry.sha256, entry.name, entry.size, entry.periodStart, entry.periodEnd, entry.status, JSON.stringify(entry.rows), entry.error ?? null, entry.runId];
}
