import type { FileLedgerEntry, RunRecord } from './destination.js';

/** A JSON column's value: DuckDB hands back text (cast to VARCHAR), pg an already parsed value. */
function json(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

function date(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

/** The parameters of an `_sync_files` insert, in column order (`recorded_at` is the database's `now()`). */
export function fileEntryParams(entry: FileLedgerEntry): Array<string | number | null> {
  return [entry.sha256, entry.name, entry.size, entry.periodStart, entry.periodEnd, entry.status, JSON.stringify(entry.rows), entry.error ?? null, entry.runId];
}

/** A row of `_sync_files` as a ledger entry. */
export function fileEntryFrom(row: Record<string, unknown>): FileLedgerEntry {
  return {
    sha256: String(row.sha256),
    name: String(row.name),
    size: Number(row.size),
    periodStart: row.period_start === null ? null : String(row.period_start),
    periodEnd: row.period_end === null ? null : String(row.period_end),
    status: String(row.status) as FileLedgerEntry['status'],
    rows: row.rows === null ? {} : (json(row.rows) as Record<string, number>),
    ...(row.error === null ? {} : { error: String(row.error) }),
    runId: Number(row.run_id),
  };
}

/** A row of `_sync_runs` as a run record. */
export function runRecordFrom(row: Record<string, unknown>): RunRecord {
  return {
    id: Number(row.id),
    startedAt: date(row.started_at),
    finishedAt: row.finished_at === null ? null : date(row.finished_at),
    status: String(row.status) as RunRecord['status'],
    summary: row.summary === null ? null : json(row.summary),
  };
}
