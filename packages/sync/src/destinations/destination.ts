/**
 * What a destination does for the engine: hold the one writer lock, create and evolve tables from
 * column specs, stage rows in bulk, merge a staged unit into its table, and keep the bookkeeping
 * (`_sync_runs`, `_sync_state`, `_sync_files`). Everything of one unit of work happens in ONE
 * transaction ({@link Destination.transaction}), so a unit is either wholly in the database or not
 * at all. The engine speaks only this interface; every line of SQL lives in the destination
 * (`destinations/duckdb/`, `destinations/postgres/`).
 *
 * Values arrive already canonical (see {@link StagedValue}): the engine turns `Date`s into ISO
 * strings and objects into JSON text, and computes `_sync_row_hash` unless the destination says it
 * computes it itself ({@link Destination.hashesStagedRows}). A destination casts the text to the
 * column type (`CAST(x AS TIMESTAMPTZ)` or the driver's equivalent) when it merges.
 *
 * No message a destination throws or logs may quote a value: values are patient data. Name the
 * table and column instead.
 */

/** Column types a destination must support, named as DuckDB and PostgreSQL both spell them. */
export type ColumnType = 'TIMESTAMPTZ' | 'TIMESTAMP' | 'DATE' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'TEXT' | 'JSON';

/** Every {@link ColumnType}, for checks and tests. */
export const COLUMN_TYPES: readonly ColumnType[] = ['TIMESTAMPTZ', 'TIMESTAMP', 'DATE', 'BIGINT', 'DOUBLE', 'BOOLEAN', 'TEXT', 'JSON'];

/** One column of a table. Names are lower snake_case and already safe identifiers (`[a-z_][a-z0-9_]*`). */
export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
}

/**
 * The columns every data table carries besides its own, managed by the engine and destination:
 * - `_sync_run_id BIGINT`: the run that last inserted or changed the row;
 * - `_sync_row_hash TEXT`: sha256 of the row's data values (the sorted non-null `column=value`
 *   pairs of its staged text, joined by NUL), computed by the engine or, where the destination
 *   says so, by the database from the staged text; a merge writes a row only when its hash
 *   differs, so a run with nothing new changes no row;
 * - `_sync_deleted_at TIMESTAMPTZ` on snapshot tables only: when the row left the snapshot.
 */
export const META_COLUMNS = {
  runId: '_sync_run_id',
  rowHash: '_sync_row_hash',
  deletedAt: '_sync_deleted_at',
} as const;

/**
 * The order of the `column=value` pairs `_sync_row_hash` covers, for whoever computes it (the
 * engine, or the database of a destination with {@link Destination.hashesStagedRows}): by the
 * pair's `column=` start, not by the name alone (`a0=` comes before `a=`, `a_b=` before `at=`).
 */
export function byRowHashPair(left: string, right: string): number {
  const a = `${left}=`;
  const b = `${right}=`;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A data table: its data columns in order (meta columns are added by the destination). */
export interface TableSpec {
  /** `<source>_<stream>` in snake_case, e.g. `luscii_measurements`. */
  readonly name: string;
  readonly columns: readonly ColumnSpec[];
  /** Whether the table carries `_sync_deleted_at` (snapshot tables). */
  readonly softDelete: boolean;
  /**
   * Where its staged rows live: `durable`, a table that survives any crash (a unit resumes from
   * rows staged before one), or `session`, staging that need not (the unit stages its rows again
   * after a crash), for destinations with {@link Destination.sessionStaging}: DuckDB keeps it in
   * a temporary table of its connection, PostgreSQL in an UNLOGGED table. @default 'durable'
   */
  readonly staging?: 'durable' | 'session';
}

/**
 * How a staged unit reaches its table. Every strategy writes only rows whose `_sync_row_hash`
 * differs from the row already there, and stamps written rows with the run id.
 */
export type MergePlan =
  /**
   * Insert or update on `key` (one row per key: the last staged row of a key wins). With
   * `newerThan`, a staged row replaces an existing one only when its `newerThan` column is not
   * older (NULL counts as oldest): Spruce's "newer wins". With `existing: 'keep'`, rows whose key
   * the table has are left as they are, only new keys inserted (an older Spruce period delivered
   * after a newer one).
   */
  | { readonly kind: 'upsert'; readonly key: readonly string[]; readonly newerThan?: string; readonly existing?: 'update' | 'keep' }
  /**
   * Replace a window: target rows with `column` in `[from, to]` (both days included, as Luscii counts them) that are not staged are deleted,
   * staged rows not yet there are inserted (compared on `_sync_row_hash`, so rows without an id
   * work). `from`/`to` are ISO dates or date-times, compared after casting to the column's type.
   * A staged row whose `column` is NULL or outside the window is in no window's scope: it is
   * inserted only when no row of the table has its `_sync_row_hash`, and never deleted.
   */
  | { readonly kind: 'replace-window'; readonly column: string; readonly from: string; readonly to: string }
  /**
   * Replace the set of rows of each parent present in staging: target rows whose `parent` value
   * appears in staging and that are not staged are deleted; staged rows not there are inserted.
   * A staged row whose other columns are all NULL only names its parent (a parent whose set is
   * now empty): it widens the parents replaced and is never inserted.
   * With `existing: 'keep'`, the sets of parents the table has are left as they are, only the
   * sets of new parents inserted.
   */
  | { readonly kind: 'replace-set'; readonly parent: readonly string[]; readonly existing?: 'update' | 'keep' }
  /**
   * A complete snapshot: upsert on `key`; rows of the table missing from the snapshot get
   * `_sync_deleted_at = at` (if not already set); rows back in it get `_sync_deleted_at = NULL`.
   */
  | { readonly kind: 'snapshot'; readonly key: readonly string[]; readonly at: Date }
  /** Append: insert staged rows whose `_sync_row_hash` is not in the table yet. */
  | { readonly kind: 'append' };

/** A value as staged: text (numbers, dates and JSON already as text), a boolean, or null. */
export type StagedValue = string | boolean | null;

/** Rows to stage, each aligned with the `columns` given to {@link DestinationTransaction.stage}. */
export type StagedRow = readonly StagedValue[];

/** What a merge did to the table. */
export interface MergeCounts {
  readonly inserted: number;
  readonly updated: number;
  readonly deleted: number;
}

/** A change {@link Destination.ensureTable} made, shown to the user as a notice. */
export interface SchemaNotice {
  readonly table: string;
  readonly column: string;
  readonly kind: 'table-created' | 'column-added';
  readonly type?: ColumnType;
}

/** One entry of the Spruce ledger (`_sync_files`). */
export interface FileLedgerEntry {
  readonly name: string;
  readonly size: number;
  readonly sha256: string;
  /** The export's `metadata.start_timestamp`, ISO 8601 (`2024-05-01T00:00:00.000Z`); null for a failed file. */
  readonly periodStart: string | null;
  /** The export's `metadata.end_timestamp`, ISO 8601; null for a failed file. */
  readonly periodEnd: string | null;
  readonly status: 'loaded' | 'failed';
  /** Rows read per table (loaded), or empty (failed). */
  readonly rows: Readonly<Record<string, number>>;
  /** The error class name for a failed file (never its message's values). */
  readonly error?: string;
  readonly runId: number;
}

/** One row of `_sync_runs`. */
export interface RunRecord {
  readonly id: number;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly status: 'running' | 'succeeded' | 'partial' | 'failed';
  /** Per-stream summary as JSON (rows, units, error class names). */
  readonly summary: unknown;
}

/** State of one stream, as stored in `_sync_state`: any JSON the source defines. */
export type StreamStateValue = unknown;

/** Operations inside one transaction. Nothing is visible to others until the transaction commits. */
export interface DestinationTransaction {
  /**
   * Append rows to the staging table of `table` for `unitId` (created by `ensureTable`, durable or
   * for the session as {@link TableSpec.staging} says; all text plus the unit id and a sequence
   * number, so the last staged row of a key is known).
   * `columns` names the data columns in the order of each row, plus `_sync_row_hash` last unless
   * the destination computes it ({@link Destination.hashesStagedRows}).
   * Bulk: an appender (DuckDB) or COPY (PostgreSQL), never row-by-row INSERTs.
   */
  stage(table: TableSpec, unitId: string, columns: readonly string[], rows: readonly StagedRow[]): Promise<void>;
  /** Drop every staged row of `unitId` in `table` (a restarted window, or after a merge). */
  clearStage(table: TableSpec, unitId: string): Promise<void>;
  /**
   * Drop every staged row of `table` that a killed run left behind, whatever its unit (a
   * `session` table's durable staging from before, dropped). Optional for a destination of your
   * own: without it, what a killed run staged stays until its unit runs again.
   */
  clearStaging?(table: TableSpec): Promise<void>;
  /** Merge the staged rows of `unitId` into `table` as `plan` says, then clear them. */
  merge(table: TableSpec, unitId: string, plan: MergePlan, runId: number): Promise<MergeCounts>;
  /** Store the JSON state of `stream` (replacing the old one). */
  putState(stream: string, state: StreamStateValue): Promise<void>;
  /** Delete the state of `stream`. */
  deleteState(stream: string): Promise<void>;
  /** Insert or replace a ledger entry, keyed by sha256. */
  putFile(entry: FileLedgerEntry): Promise<void>;
  /**
   * Remove a ledger entry, so that its file is read again (`reset` does it to the files that
   * failed). Without it, a file that failed stays skipped.
   */
  deleteFile?(sha256: string): Promise<void>;
  /** Drop a table and its staging table (`reset`). */
  dropTable(table: string): Promise<void>;
}

/**
 * What the engine needs from a database. The engine calls `ensureTable` and `describeTable` also
 * from inside {@link Destination.transaction} (a unit meets a new column mid-read): they must run
 * on the transaction's connection, and their DDL must roll back with it where the database can.
 */
export interface Destination {
  /** `duckdb` or `postgres`, for messages. */
  readonly kind: string;
  /** Where it is, for messages: a file path, or a URL without its password. */
  readonly location: string;
  /**
   * `true` when the destination computes `_sync_row_hash` itself, in SQL from the staged text, to
   * the same value the engine would: the engine then stages rows without it (less work on the
   * thread that also parses, less text staged). @default false
   */
  readonly hashesStagedRows?: boolean;
  /**
   * `true` when the destination can keep the staged rows of a stream whose units never resume
   * from them where a crash need not keep them (`TableSpec.staging: 'session'`: a temporary
   * table, an UNLOGGED one), so staging writes nothing to the database's log. @default false
   */
  readonly sessionStaging?: boolean;
  /**
   * Open the database, take the single-writer lock (DuckDB: the file lock; PostgreSQL: an advisory
   * lock) and create the bookkeeping tables if missing. A lock held by another process throws
   * `DestinationLockedError` naming the location. An abort of `signal` while it waits for
   * another run's lock stops the wait and rejects with the signal's reason.
   */
  open(options: { readonly readOnly: boolean; readonly signal?: AbortSignal | undefined }): Promise<void>;
  /** Release the lock and close. Safe to call twice. */
  close(): Promise<void>;
  /**
   * Create `spec`'s table (with meta columns) if missing, or add its missing columns (a
   * `column-added` notice each). Throws `SchemaMismatchError` naming table and column when an
   * existing column's type differs from the spec, before any row is written.
   */
  ensureTable(spec: TableSpec): Promise<SchemaNotice[]>;
  /** The data columns of a table as it is now, or `undefined` when there is no such table. */
  describeTable(table: string): Promise<ColumnSpec[] | undefined>;
  /** Run `work` in one transaction: commit when it resolves, roll back when it throws. */
  transaction<T>(work: (tx: DestinationTransaction) => Promise<T>): Promise<T>;
  /** The state of `stream`, or `undefined`. */
  getState(stream: string): Promise<StreamStateValue | undefined>;
  /** Every stored stream state. */
  listStates(): Promise<Array<{ stream: string; state: StreamStateValue; updatedAt: Date }>>;
  /** The ledger entry with this sha256, if any. */
  getFile(sha256: string): Promise<FileLedgerEntry | undefined>;
  /** The ledger, oldest period first. */
  listFiles(): Promise<FileLedgerEntry[]>;
  /** Insert a run as `running` and return its id (its own small transaction). */
  startRun(startedAt: Date): Promise<number>;
  /** Finish a run. */
  finishRun(id: number, status: RunRecord['status'], summary: unknown, finishedAt: Date): Promise<void>;
  /** The last `limit` runs, newest first. */
  listRuns(limit: number): Promise<RunRecord[]>;
  /** The data tables (those with `_sync_run_id`), sorted. */
  listTables(): Promise<string[]>;
  /** Row count of a table (for status and tests). */
  countRows(table: string): Promise<number>;
  /**
   * Stream the rows of a read-only query (`?` placeholders, SQL both databases accept), fetched in
   * batches so memory stays flat: `TIMESTAMPTZ` as `Date`, `BOOLEAN` as boolean, `JSON` as its
   * text (DuckDB) or parsed value (PostgreSQL). One query at a time: finish or leave one loop
   * before starting the next. For readers of the warehouse such as `x-sync spruce-access`.
   */
  readRows(sql: string, params?: readonly (string | number | null)[]): AsyncIterable<Record<string, unknown>>;
  /** Write every table and bookkeeping table to `dir` as `<table>.parquet` or `<table>.csv`. */
  exportTables(format: 'parquet' | 'csv', dir: string): Promise<Array<{ table: string; file: string; rows: number }>>;
}
