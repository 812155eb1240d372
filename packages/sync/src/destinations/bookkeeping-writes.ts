import type { FileLedgerEntry } from './destination.js';

/** The parameters of an `_sync_files` insert, in column order (`recorded_at` is the database's `now()`). */
export function fileEntryParams(entry: FileLedgerEntry): Array<string | number | null> {
  return [entry.sha256, entry.name, entry.size, entry.periodStart, entry.periodEnd, entry.status, JSON.stringify(entry.rows), entry.error ?? null, entry.runId];
}
