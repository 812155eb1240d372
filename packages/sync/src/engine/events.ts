import type { MergeCounts } from '../destinations/destination.js';

/**
 * What a run reports as it goes, for progress bars, NDJSON and `onProgress`. Every field is a
 * name, a count, a date window or a file name: never a key and never a cell value. The `hint` of
 * `stream-failed` says what to do, or is `''` when its `message` already says it (a database fault).
 */
export type SyncEvent =
  | { readonly event: 'run-started'; readonly runId: number; readonly db: string; readonly streams: readonly string[] }
  | { readonly event: 'unit-started'; readonly streams: readonly string[]; readonly unit: string }
  | { readonly event: 'rows'; readonly table: string; readonly rows: number; readonly total: number }
  | { readonly event: 'progress'; readonly streams: readonly string[]; readonly unit: string; readonly pages?: number; readonly status?: string }
  | { readonly event: 'unit-committed'; readonly streams: readonly string[]; readonly unit: string; readonly tables: Readonly<Record<string, MergeCounts & { rows: number }>> }
  | { readonly event: 'unit-skipped'; readonly streams: readonly string[]; readonly unit: string; readonly error: string; readonly message: string }
  | { readonly event: 'notice'; readonly stream: string; readonly code: string; readonly message: string }
  | { readonly event: 'stream-failed'; readonly stream: string; readonly error: string; readonly message: string; readonly hint: string }
  | { readonly event: 'planned'; readonly stream: string; readonly unit: string }
  | { readonly event: 'run-finished'; readonly runId: number; readonly status: RunStatus; readonly summary: SyncSummary };

/** How a run ended: every stream done, some failed (the rest committed), or none done. */
export type RunStatus = 'succeeded' | 'partial' | 'failed';

/** What happened to one stream in a run. */
export interface StreamSummary {
  status: 'succeeded' | 'failed' | 'skipped';
  units: number;
  rows: number;
  inserted: number;
  updated: number;
  deleted: number;
  error?: string;
  message?: string;
}

/** What {@link sync} returns. */
export interface SyncSummary {
  runId: number;
  status: RunStatus;
  dryRun: boolean;
  streams: Record<string, StreamSummary>;
  /** Units recorded as failed and skipped (damaged Spruce files, by name). */
  skipped: string[];
  /** Units `--dry-run` would take, per stream. */
  planned?: Record<string, string[]>;
}
