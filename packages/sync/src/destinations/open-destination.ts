import { existsSync } from 'node:fs';
import { SyncConfigError } from '../errors/sync-errors.js';
import type { Destination } from './destination.js';
import { DuckDbDestination } from './duckdb/duckdb-destination.js';

/** The default database: a DuckDB file in the working directory. */
export const DEFAULT_DB = './x-sync.duckdb';

/**
 * The destination for `--db`: `postgres://` or `postgresql://` is PostgreSQL, anything else a
 * DuckDB file path. A dry run never creates the file: it reads an existing one read-only, or
 * plans against an empty in-memory database.
 */
export function destinationFor(db: string, options: { readonly dryRun: boolean }): { destination: Destination; readOnly: boolean } {
  if (/^postgres(ql)?:\/\//i.test(db)) {
    throw new SyncConfigError('--db: the PostgreSQL destination is not part of this build yet; use a DuckDB file path');
  }
  if (options.dryRun && !existsSync(db)) return { destination: new DuckDbDestination(':memory:'), readOnly: false };
  return { destination: new DuckDbDestination(db), readOnly: options.dryRun };
}
