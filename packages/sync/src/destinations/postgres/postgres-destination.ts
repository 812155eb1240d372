import { join } from 'node:path';
import pg from 'pg';
import { DestinationError, destinationNotReady, SchemaMismatchError, SyncConfigError } from '../../errors/sync-errors.js';
import { bookkeepingWrites, dataColumns, type SqlParam } from '../bookkeeping-writes.js';
import {
  META_COLUMNS,
  type ColumnSpec,
  type Destination,
  type DestinationTransaction,
  type FileLedgerEntry,
  type MergeCounts,
  type MergePlan,
  type RunRecord,
  type SchemaNotice,
  type StagedRow,
  type StreamStateValue,
  type TableSpec,
} from '../destination.js';
import { readFiles, readRuns } from '../bookkeeping.js';
import { mergeStaged, stagedRowHash } from '../merge-sql.js';
import { exportFolder, writeExportFile } from '../export-file.js';
import { evolveTable } from '../schema-changes.js';
import { ident, stageName } from '../sql-names.js';
import { copyRowsIn, copyTableOut } from './pg-copy.js';
import { toDestinationError } from './pg-errors.js';
import { recordLockHolder, recordLockRun, takeWriterLock } from './pg-lock.js';
import { BOOKKEEPING_SQL, castColumn, createStageSql, createTableSql, pgType, specType } from './pg-sql.js';

/** Rows per FETCH of {@link PostgresDestination.readRows}. */
const READ_BATCH_ROWS = 2_000;

/** Options of {@link PostgresDestination}. */
export interface PostgresDestinationOptions {
  /** `postgres://user[:password]@host[:port]/database`; without a password in it, `PGPASSWORD` (and the other libpq variables) apply. */
  readonly url: string;
  /**
   * The schema every table goes in, created when missing.
   * @default the role's current schema (usually `public`)
   */
  readonly schema?: string | undefined;
  /**
   * How long `open` waits for another run's writer lock before it throws `DestinationLockedError`; 0 tries once.
   * @default 60_000
   */
  readonly lockWaitMs?: number | undefined;
}

/** The URL without its password (and without a `password` parameter), for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.searchParams.delete('password');
    return parsed.toString();
  } catch {
    return 'postgres://(a URL that does not parse)';
  }
}

/**
 * The PostgreSQL destination (13 or later). Rows are staged with `COPY … FROM STDIN` into
 * `_sync_stage_<table>` (all text; `_sync_session_stage_<table>`, UNLOGGED, for the streams whose
 * units never resume from staged rows) and merged set-based with casts; one unit is one
 * `BEGIN … COMMIT` on one connection, whose session advisory lock makes it the only writer of
 * its database and schema.
 *
 * @example
 * ```ts
 * const db = new PostgresDestination({ url: 'postgres://x_sync@db.internal/warehouse', schema: 'vendor_exports' });
 * await db.open({ readOnly: false });
 * ```
 */
export class PostgresDestination implements Destination {
  readonly kind = 'postgres';
  readonly location: string;
  readonly sessionStaging = true;
  readonly #url: string;
  readonly #schema: string | undefined;
  readonly #lockWaitMs: number;
  #client: pg.Client | undefined;
  #inTransaction = false;
  /** The error that lost the connection: every later call throws it again, so the run reports the cause. */
  #lost: Error | undefined;
  /** False when opened read-only on a database sync never wrote to: reads answer empty. */
  #hasBookkeeping = true;
  /** Cursors opened by {@link PostgresDestination.readRows}, for their names. */
  #cursors = 0;

  constructor(options: PostgresDestinationOptions) {
    if (options.schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(options.schema)) {
      throw new SyncConfigError('--schema: a schema name is letters, digits and underscores, at most 63, not starting with a digit');
    }
    this.#url = options.url;
    this.#schema = options.schema;
    this.#lockWaitMs = options.lockWaitMs ?? 60_000;
    this.location = redactUrl(options.url) + (options.schema ? ` (schema ${options.schema})` : '');
  }

  async open(options: { readonly readOnly: boolean; readonly signal?: AbortSignal | undefined }): Promise<void> {
    if (this.#client) throw destinationNotReady(this.location, 'already open');
    let client: pg.Client;
    try {
      client = new pg.Client({ connectionString: this.#url, application_name: 'x-sync' });
    } catch {
      // pg parses the URL here ("Invalid URL": a port past 65535, say): a usage error. Its text is not repeated, as it may hold the password.
      throw new SyncConfigError('--db: the PostgreSQL URL does not parse; the form is postgres://user[:password]@host[:port]/database');
    }
    // A server restart or a terminated session emits 'error' on an idle client; the next query reports it.
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw toDestinationError(error, { location: this.location, doing: 'connecting' });
    }
    this.#client = client;
    try {
      // Instants are written and exported in UTC whatever the server's default zone, as DuckDB does.
      await this.#query(`SELECT set_config('TimeZone', 'UTC', false)`);
      if (this.#schema) {
        // CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema exists.
        const found = await this.#query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [this.#schema]);
        if (found.rowCount === 0 && !options.readOnly) await this.#query(`CREATE SCHEMA ${ident(this.#schema)}`, [], `creating schema ${this.#schema}`);
        await this.#query(`SELECT set_config('search_path', $1, false)`, [ident(this.#schema)]);
      }
      if (options.readOnly) {
        const found = await this.#query(`SELECT to_regclass('_sync_runs') IS NOT NULL AS found`);
        this.#hasBookkeeping = found.rows[0]?.found === true;
        return;
      }
      await takeWriterLock(client, this.location, this.#lockWaitMs, options.signal).catch((error: unknown) => {
        if (options.signal?.aborted) throw options.signal.reason;
        throw toDestinationError(error, { location: this.location, doing: 'taking the writer lock' });
      });
      for (const sql of BOOKKEEPING_SQL) await this.#query(sql);
      await recordLockHolder(client);
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    // Ending the session releases the advisory lock.
    await client?.end().catch(() => undefined);
  }

  async ensureTable(spec: TableSpec): Promise<SchemaNotice[]> {
    const ddl = { run: (sql: string) => this.#query(sql, [], `creating or altering table ${spec.name}`), columns: (table: string) => this.#columns(table), createTableSql, createStageSql, typeName: pgType };
    return evolveTable(ddl, spec, await this.describeTable(spec.name));
  }

  async describeTable(table: string): Promise<ColumnSpec[] | undefined> {
    return dataColumns(await this.#columns(table));
  }

  async transaction<T>(work: (tx: DestinationTransaction) => Promise<T>): Promise<T> {
    if (this.#inTransaction) throw new Error('x-sync: nested transaction');
    await this.#query('BEGIN', [], 'starting a unit');
    this.#inTransaction = true;
    try {
      const result = await work(this.#transactionApi());
      await this.#query('COMMIT', [], 'committing a unit');
      return result;
    } catch (error) {
      await this.#client?.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      this.#inTransaction = false;
    }
  }

  async getState(stream: string): Promise<StreamStateValue | undefined> {
    if (!this.#hasBookkeeping) return undefined;
    const { rows } = await this.#query('SELECT state FROM _sync_state WHERE stream = $1', [stream]);
    return rows[0] ? rows[0].state : undefined;
  }

  async listStates(): Promise<Array<{ stream: string; state: StreamStateValue; updatedAt: Date }>> {
    if (!this.#hasBookkeeping) return [];
    const { rows } = await this.#query('SELECT stream, state, updated_at FROM _sync_state ORDER BY stream');
    return rows.map((row) => ({ stream: String(row.stream), state: row.state, updatedAt: row.updated_at as Date }));
  }

  async getFile(sha256: string): Promise<FileLedgerEntry | undefined> {
    return (await this.#files('WHERE sha256 = ?', [sha256]))[0];
  }

  async listFiles(): Promise<FileLedgerEntry[]> {
    return this.#files('', []);
  }

  async startRun(startedAt: Date): Promise<number> {
    const { rows } = await this.#query(
      `INSERT INTO _sync_runs SELECT coalesce(max(id), 0) + 1, CAST($1 AS TIMESTAMPTZ), NULL, 'running', NULL FROM _sync_runs RETURNING id`,
      [startedAt.toISOString()],
    );
    const id = Number(rows[0]?.id);
    await recordLockRun(this.#client!, id).catch((error: unknown) => {
      throw toDestinationError(error, { location: this.location, doing: 'starting a run' });
    });
    return id;
  }

  async finishRun(id: number, status: RunRecord['status'], summary: unknown, finishedAt: Date): Promise<void> {
    await this.#query('UPDATE _sync_runs SET status = $1, summary = CAST($2 AS JSONB), finished_at = CAST($3 AS TIMESTAMPTZ) WHERE id = $4', [
      status,
      JSON.stringify(summary),
      finishedAt.toISOString(),
      id,
    ], 'recording the end of the run');
  }

  async listRuns(limit: number): Promise<RunRecord[]> {
    if (!this.#hasBookkeeping) return [];
    return readRuns((sql, params) => this.#select(sql, params), limit);
  }

  async listTables(): Promise<string[]> {
    const { rows } = await this.#query(
      'SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = $1 ORDER BY 1',
      [META_COLUMNS.runId],
    );
    return rows.map((row) => String(row.table_name)).filter((name) => !name.startsWith('_sync_'));
  }

  async countRows(table: string): Promise<number> {
    const { rows } = await this.#query(`SELECT count(*) AS n FROM ${ident(table)}`);
    return Number(rows[0]?.n ?? 0);
  }

  async *readRows(sql: string, params: readonly (string | number | null)[] = []): AsyncIterable<Record<string, unknown>> {
    const text = numbered(sql);
    // A cursor in a read-only transaction: FETCH in batches, never the whole result in memory.
    const cursor = `x_sync_read_${++this.#cursors}`;
    await this.#query('BEGIN READ ONLY', [], 'reading');
    try {
      await this.#query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${text}`, params, 'reading');
      for (;;) {
        const { rows } = await this.#query(`FETCH ${READ_BATCH_ROWS} FROM ${cursor}`, [], 'reading');
        yield* rows;
        if (rows.length < READ_BATCH_ROWS) break;
      }
    } finally {
      await this.#query('COMMIT', [], 'reading').catch(() => undefined);
    }
  }

  async exportTables(format: 'parquet' | 'csv', dir: string): Promise<Array<{ table: string; file: string; rows: number }>> {
    if (format !== 'csv') throw new SyncConfigError('--format parquet: Parquet export is DuckDB-only; use --format csv for PostgreSQL');
    await exportFolder(dir);
    const written: Array<{ table: string; file: string; rows: number }> = [];
    const bookkeeping = this.#hasBookkeeping ? ['_sync_runs', '_sync_state', '_sync_files'] : [];
    // One snapshot for every file: a run committing meanwhile (it does not wait for an export)
    // shows in none of them or in all, and the files agree with _sync_state.
    await this.#query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', [], 'exporting');
    try {
      for (const table of [...(await this.listTables()), ...bookkeeping]) {
        const file = join(dir, `${table}.csv`);
        await writeExportFile(file, (path) => copyTableOut(this.#client!, table, path)).catch((error: unknown) => {
          throw toDestinationError(error, { location: this.location, doing: `exporting ${table}` });
        });
        written.push({ table, file, rows: await this.countRows(table) });
      }
    } finally {
      await this.#query('COMMIT', [], 'exporting').catch(() => undefined);
    }
    return written;
  }

  #transactionApi(): DestinationTransaction {
    const shared = bookkeepingWrites((sql, params, doing) => this.#select(sql, params, doing), 'JSONB');
    return {
      ...shared,
      clearStaging: async (table) => {
        await shared.clearStaging(table);
        // Unlike DuckDB's temporary table, an UNLOGGED one outlives the connection that staged into it.
        if (table.staging !== 'session') return;
        const name = ident(stageName(table));
        const found = await this.#query(`SELECT to_regclass($1) IS NOT NULL AS found`, [name]);
        if (found.rows[0]?.found === true) await this.#query(`TRUNCATE ${name}`, [], `clearing staged rows of ${table.name}`);
      },
      stage: (table, unitId, columns, rows) => this.#stage(table, unitId, columns, rows),
      merge: (table, unitId, plan, runId) => this.#merge(table, unitId, plan, runId),
      putState: async (stream, state) => {
        await this.#query(
          'INSERT INTO _sync_state VALUES ($1, CAST($2 AS JSONB), now()) ON CONFLICT (stream) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at',
          [stream, JSON.stringify(state)],
        );
      },
    };
  }

  async #stage(table: TableSpec, unitId: string, columns: readonly string[], rows: readonly StagedRow[]): Promise<void> {
    if (rows.length === 0) return;
    if (this.#lost) throw this.#lost;
    await copyRowsIn(this.#client!, stageName(table), unitId, columns, rows).catch((error: unknown) => {
      throw this.#failure(error, `loading rows of ${table.name} (COPY)`);
    });
  }

  async #merge(table: TableSpec, unitId: string, plan: MergePlan, runId: number): Promise<MergeCounts> {
    const execute = async (sql: string, params: readonly SqlParam[] = []) => {
      return (await this.#query(numbered(sql), params, `merging into ${table.name}`)).rowCount ?? 0;
    };
    await this.#query('SAVEPOINT x_sync_merge', [], `merging into ${table.name}`);
    try {
      const empty = (await this.#query(`SELECT 1 FROM ${ident(table.name)} LIMIT 1`, [], `merging into ${table.name}`)).rowCount === 0;
      const counts = await mergeStaged(execute, { cast: (column) => castColumn(column), sameKey: rowTextKey, rowHash: stagedRowHash }, table, unitId, plan, runId, empty);
      await this.#query('RELEASE SAVEPOINT x_sync_merge');
      return counts;
    } catch (error) {
      // Class 22 (data exception): a staged value does not cast to its column's type.
      if (!String((error as { cause?: { code?: unknown } }).cause?.code ?? '').startsWith('22')) throw error;
      await this.#query('ROLLBACK TO SAVEPOINT x_sync_merge');
      const column = await this.#uncastableColumn(table, unitId);
      throw new SchemaMismatchError(table.name, column ?? '(unknown)', 'some values do not fit its type');
    }
  }

  /** The first typed column with a staged value that does not cast, tried one by one under savepoints. */
  async #uncastableColumn(table: TableSpec, unitId: string): Promise<string | undefined> {
    for (const column of table.columns) {
      if (column.type === 'TEXT') continue;
      await this.#query('SAVEPOINT x_sync_cast');
      try {
        await this.#query(`SELECT count(CAST(${ident(column.name)} AS ${pgType(column.type)})) FROM ${ident(stageName(table))} WHERE "_sync_unit" = $1`, [unitId]);
        await this.#query('RELEASE SAVEPOINT x_sync_cast');
      } catch {
        await this.#query('ROLLBACK TO SAVEPOINT x_sync_cast');
        return column.name;
      }
    }
    return undefined;
  }

  async #columns(table: string): Promise<ColumnSpec[]> {
    const { rows } = await this.#query(
      'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position',
      [table],
    );
    return rows.map((row) => ({ name: String(row.column_name), type: specType(String(row.data_type)) as ColumnSpec['type'] }));
  }

  async #files(where: string, params: SqlParam[]): Promise<FileLedgerEntry[]> {
    if (!this.#hasBookkeeping) return [];
    return readFiles((sql, values) => this.#select(sql, values), where, params);
  }

  /** Rows of a statement written with `?` placeholders (the SQL shared with DuckDB). */
  async #select(sql: string, params: readonly SqlParam[], doing?: string): Promise<Array<Record<string, unknown>>> {
    return (await this.#query(numbered(sql), params, doing)).rows;
  }

  async #query(sql: string, params: readonly SqlParam[] = [], doing = 'a statement'): Promise<pg.QueryResult<Record<string, unknown>>> {
    if (this.#lost) throw this.#lost;
    if (!this.#client) throw destinationNotReady(this.location, 'not open');
    try {
      return await this.#client.query(sql, params as SqlParam[]);
    } catch (error) {
      throw this.#failure(error, doing);
    }
  }

  #failure(error: unknown, doing: string): Error {
    const failure = toDestinationError(error, { location: this.location, doing });
    if (failure instanceof DestinationError && failure.reason === 'connection-lost') this.#lost ??= failure;
    return failure;
  }
}

/** SQL written with `?` placeholders (shared with DuckDB) in PostgreSQL's `$1, $2, …`. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * Same key, NULL equal to NULL, as one hashable comparison: the row values' text. PostgreSQL
 * cannot hash-join `IS NOT DISTINCT FROM`, and a nested loop over a large table would not end.
 */
function rowTextKey(left: readonly string[], right: readonly string[]): string {
  const row = (expressions: readonly string[]) => `ROW(${expressions.join(', ')})::text`;
  return `${row(left)} = ${row(right)}`;
}
