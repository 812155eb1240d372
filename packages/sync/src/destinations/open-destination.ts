import { existsSync } from 'node:fs';
import { SyncConfigError } from '../errors/sync-errors.js';
import type { Destination } from './destination.js';
import { DuckDbDestination } from './duckdb/duckdb-destination.js';
import { PostgresDestination, type PostgresDestinationOptions } from './postgres/postgres-destination.js';

/** PostgreSQL settings besides the URL: `--schema` and how long to wait for another run's lock. */
export type PostgresSettings = Omit<PostgresDestinationOptions, 'url'>;

/** The default database: a DuckDB file in the working directory. */
export const DEFAULT_DB = './x-sync.duckdb';

/**
 * The destination for `--db`: `postgres://` or `postgresql://` is PostgreSQL, anything else a
 * DuckDB file path. A dry run never creates the file: it reads an existing one read-only, or
 * plans against an empty in-memory database; on PostgreSQL it reads without the lock and
 * creates nothing.
 */
export function destinationFor(
  db: string,
  options: { readonly dryRun: boolean; readonly postgres?: PostgresSettings | undefined },
): { destination: Destination; readOnly: boolean } {
  // DuckDB opens an empty path as an in-memory database: a run would report success and keep nothing.
  if (db.trim() === '') throw new SyncConfigError('--db: an empty path; give the DuckDB file (or a postgres:// URL) the runs write');
  if (/^postgres(ql)?:\/\//i.test(db)) {
    return { destination: new PostgresDestination({ url: db, ...options.postgres }), readOnly: options.dryRun };
  }
  if (options.postgres?.schema !== undefined) throw new SyncConfigError('--schema: only for a PostgreSQL --db (postgres://...)');
  if (options.dryRun && !existsSync(db)) return { destination: new DuckDbDestination(':memory:'), readOnly: false };
  return { destination: new DuckDbDestination(db), readOnly: options.dryRun };
}
