import type { Destination, FileLedgerEntry, RunRecord } from '../../destinations/destination.js';
import { ALL_STREAMS } from '../../streams.js';

/** One stream as `status` shows it. */
export interface StreamStatus {
  stream: string;
  rows: number | null;
  highWaterMark: string | null;
  /** An AVR report started and not yet loaded, or a window resuming from a saved cursor. */
  pending: string | null;
  lastUpdated: string | null;
}

/** What `x-sync status --json` prints. */
export interface StatusReport {
  db: string;
  streams: StreamStatus[];
  runs: RunRecord[];
  files: FileLedgerEntry[];
}

/** Reads each stream's high-water mark, pending work, the last runs and the Spruce ledger. */
export async function statusReport(destination: Destination): Promise<StatusReport> {
  const states = new Map((await destination.listStates()).map((entry) => [entry.stream, entry]));
  const tables = new Set(await destination.listTables());
  const streams: StreamStatus[] = [];
  for (const stream of ALL_STREAMS) {
    const entry = states.get(stream.table);
    if (!entry && !tables.has(stream.table)) continue;
    const state = (entry?.state ?? {}) as Record<string, unknown>;
    streams.push({
      stream: stream.table,
      rows: tables.has(stream.table) ? await destination.countRows(stream.table) : null,
      highWaterMark: firstString(state.high, state.periodEnd, state.snapshotAt),
      pending: pendingOf(state),
      lastUpdated: entry ? entry.updatedAt.toISOString() : null,
    });
  }
  return { db: destination.location, streams, runs: await destination.listRuns(5), files: await destination.listFiles() };
}

/** `status` as text: a table of streams, then runs and files. */
export function formatStatus(report: StatusReport): string {
  const lines = [`database: ${report.db}`, ''];
  if (report.streams.length === 0) lines.push('no stream has run yet: try x-sync run');
  else {
    const rows = report.streams.map((s) => [s.stream, s.rows === null ? '-' : String(s.rows), s.highWaterMark ?? '-', s.pending ?? '']);
    lines.push(...table(['stream', 'rows', 'high-water mark', 'pending'], rows));
  }
  lines.push('', 'last runs:');
  for (const run of report.runs) {
    lines.push(`  #${run.id} ${run.status.padEnd(9)} started ${run.startedAt.toISOString()}${run.finishedAt ? `, finished ${run.finishedAt.toISOString()}` : ' (not finished: killed or still running)'}`);
  }
  if (report.files.length > 0) {
    lines.push('', 'spruce files:');
    for (const file of report.files) lines.push(`  ${file.status.padEnd(6)} ${file.name} ${file.periodStart ?? ''}${file.error ? ` (${file.error})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function pendingOf(state: Record<string, unknown>): string | null {
  const pending = state.pending as { from?: string; to?: string; reportId?: string } | undefined;
  if (pending?.reportId) return `AVR report ${pending.reportId} for ${pending.from}..${pending.to}`;
  const window = state.window as { from?: string; to?: string } | undefined;
  if (window?.from) return `window ${window.from}..${window.to} resumes from a saved cursor`;
  if (state.inProgress) return 'snapshot resumes from a saved cursor';
  return null;
}

function firstString(...values: unknown[]): string | null {
  for (const value of values) if (typeof value === 'string') return value;
  return null;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}
