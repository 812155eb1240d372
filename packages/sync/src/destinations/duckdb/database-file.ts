import { open, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SyncConfigError } from '../../errors/sync-errors.js';

/** Bytes 8-11 of every DuckDB database file: its storage format's magic. */
const MAGIC = 'DUCK';
const MAGIC_OFFSET = 8;

/**
 * Refuses a `--db` path DuckDB would not keep rows in, before DuckDB opens it, with the path in
 * the message (DuckDB's own errors quote it, and x-sync withholds quoted text):
 *
 * - a file that exists but is not a DuckDB database. DuckDB opens a CSV, Parquet or JSON file
 *   (`--db export.csv`) as an in-memory database over that data, so a run would report success
 *   and keep nothing;
 * - for reading (`status`, `export`, `spruce-access`), a file that does not exist;
 * - for writing, a folder that does not exist;
 * - an empty file, which DuckDB refuses as well.
 *
 * Returns whether opening it will create the file.
 */
export async function checkDatabaseFile(location: string, options: { readonly readOnly: boolean }): Promise<{ creates: boolean }> {
  if (location === ':memory:') return { creates: false };
  const found = await stat(location).catch(() => undefined);
  if (!found) {
    if (options.readOnly) throw new SyncConfigError(`no DuckDB database at ${location}: x-sync run creates it there; point --db (or X_SYNC_DB) at the file your runs write`);
    const folder = dirname(location);
    if (!(await stat(folder).catch(() => undefined))) throw new SyncConfigError(`cannot create the DuckDB database ${location}: the folder ${folder} does not exist`);
    return { creates: true };
  }
  if (found.isDirectory()) throw new SyncConfigError(`${location} is a folder, not a DuckDB database file`);
  const file = await open(location, 'r');
  try {
    const header = Buffer.alloc(MAGIC_OFFSET + MAGIC.length);
    const { bytesRead } = await file.read(header, 0, header.length, 0);
    // DuckDB refuses an empty file too ("not a valid DuckDB database file"), one `touch` made.
    if (bytesRead === 0) throw new SyncConfigError(`${location} is an empty file, not a DuckDB database; remove it, and x-sync run creates the database there`);
    if (header.toString('latin1', MAGIC_OFFSET, bytesRead) !== MAGIC) {
      throw new SyncConfigError(`${location} is not a DuckDB database file; point --db (or X_SYNC_DB) at a .duckdb file, which x-sync run creates`);
    }
  } finally {
    await file.close();
  }
  return { creates: false };
}

/**
 * Removes the spill files a killed run left in `<file>.tmp` (DuckDB's default `temp_directory`),
 * which DuckDB leaves there for good: a run killed mid-load kept its spilled blocks (11 MB for
 * 200,000 messages) through every later run. Call only while holding the file's write lock, so
 * that no other process's spill is touched, and before the first statement spills.
 */
export async function removeStaleSpillFiles(location: string): Promise<void> {
  const dir = `${location}.tmp`;
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => name.startsWith('duckdb_temp_')).map((name) => rm(join(dir, name), { force: true })));
}
