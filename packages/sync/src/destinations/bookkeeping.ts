import type { SqlParam } from './bookkeeping-writes.js';
import type { FileLedgerEntry, RunRecord } from './destination.js';

/** Runs a query with positional parameters and returns its rows as plain objects. */
export type Query = (sql: string, params: readonly SqlParam[]) => Promise<Array<Record<string, unknown>>>;

/** The Spruce ledger rows matching `where`, oldest period first. */
export async function readFiles(query: Query, where: string, params: readonly SqlParam[]): Promise<FileLedgerEntry[]> {
  const rows = await query(
    `SELECT sha256, name, size, period_start, period_end, status, CAST(rows AS VARCHAR) AS rows, error, run_id FROM _sync_files ${where} ORDER BY period_start NULLS LAST, name`,
    params,
  );
  return rows.map((row) => ({
    sha256: String(row.sha256),
    name: String(row.name),
    size: Number(row.size),
    // ISO 8601, as they were written and as `status` shows every other time (not the database's text).
    periodStart: row.period_start === null ? null : toDate(row.period_start).toISOString(),
    periodEnd: row.period_end === null ? null : toDate(row.period_end).toISOString(),
    status: String(row.status) as FileLedgerEntry['status'],
    rows: row.rows === null ? {} : (JSON.parse(String(row.rows)) as Record<string, number>),
    ...(row.error === null ? {} : { error: String(row.error) }),
    runId: Number(row.run_id),
  }));
}

/** The last `limit` runs, newest first. */
export async function readRuns(query: Query, limit: number): Promise<RunRecord[]> {
  const rows = await query(
    `SELECT id, started_at, finished_at, status, CAST(summary AS VARCHAR) AS summary FROM _sync_runs ORDER BY id DESC LIMIT ${Math.max(1, Math.floor(limit))}`,
    [],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    startedAt: toDate(row.started_at),
    finishedAt: row.finished_at === null ? null : toDate(row.finished_at),
    status: String(row.status) as RunRecord['status'],
    summary: row.summary === null ? null : (JSON.parse(String(row.summary)) as unknown),
  }));
}

/** A DuckDB timestamp as a `Date`. */
export function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}
