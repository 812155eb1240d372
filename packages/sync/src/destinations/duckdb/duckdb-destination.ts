import type { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { destinationNotReady, DestinationLockedError, SchemaMismatchError } from '../../errors/sync-errors.js';
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
import { mergeStaged, notDistinctKey, type MergeDialect } from '../merge-sql.js';
import { exportFolder, writeExportFile } from '../export-file.js';
import { evolveTable } from '../schema-changes.js';
import { readFiles, readRuns, toDate } from '../bookkeeping.js';
import { checkDatabaseFile, removeStaleSpillFiles } from './database-file.js';
import { toDuckDbError } from './duckdb-errors.js';
import { StagingAppenders } from './staging-appenders.js';
import { BOOKKEEPING_SQL, castColumn, createStageSql, createTableSql, duckType, ident, literal, rowHashSql, specType, stageName, uncastableCountsSql } from './sql.js';

/** Settings of {@link DuckDbDestination}. */
export interface DuckDbSettings {
  /**
   * DuckDB's `memory_limit`: beyond it, joins and staged rows spill to `<file>.tmp`. DuckDB's own
   * default is 80% of the machine's RAM, and it keeps what it takes. @default '64MB'
   */
  memoryLimit?: string;
}

const DUCKDB_DEFAULTS: Required<DuckDbSettings> = { memoryLimit: '64MB' };

const DUCKDB_MERGE: MergeDialect = { cast: (column) => castColumn(column), sameKey: notDistinctKey, rowHash: rowHashSql };

/**
 * The DuckDB destination: one file, no server. The file lock DuckDB takes when it opens a file
 * read-write is the single-writer lock; another process's lock is a {@link DestinationLockedError}.
 * Rows are staged through DuckDB's appender into `_sync_stage_<table>` (all text), held by the
 * appender until the next statement on the connection, and merged with SQL casts; DuckDB
 * computes `_sync_row_hash` in the merge, on its own threads, so the thread that parses the
 * export does not hash. One unit is one `BEGIN ... COMMIT`.
 *
 * @example
 * ```ts
 * const db = new DuckDbDestination('./x-sync.duckdb', { memoryLimit: '64MB' });
 * await db.open({ readOnly: false });
 * ```
 */
export class DuckDbDestination implements Destination {
  readonly kind = 'duckdb';
  readonly location: string;
  readonly hashesStagedRows = true;
  readonly sessionStaging = true;
  #instance: DuckDBInstance | undefined;
  #connection: DuckDBConnection | undefined;
  #appenders: StagingAppenders | undefined;
  #inTransaction = false;
  readonly #seq = new Map<string, number>();
  readonly #stageColumns = new Map<string, string[]>();

  readonly #settings: Required<DuckDbSettings>;

  constructor(path: string, settings: DuckDbSettings = {}) {
    this.location = path;
    this.#settings = { ...DUCKDB_DEFAULTS, ...settings };
  }

  async open(options: { readonly readOnly: boolean }): Promise<void> {
    if (this.#instance) throw destinationNotReady(this.location, 'already open');
    const { creates } = await checkDatabaseFile(this.location, options);
    try {
      // Loaded on open, not on import: DuckDB's native module is about 45 MiB of RSS that a PostgreSQL run does not need.
      const { DuckDBInstance } = await import('@duckdb/node-api');
      this.#instance = await DuckDBInstance.create(this.location, {
        ...(options.readOnly ? { access_mode: 'READ_ONLY' } : {}),
        memory_limit: this.#settings.memoryLimit,
        // Rows need no order inside a table; keeping it would hold back spilling.
        preserve_insertion_order: 'false',
      });
    } catch (error) {
      if (/lock/i.test(String((error as Error).message))) throw new DestinationLockedError(this.location);
      // A file DuckDB could not finish creating (a full disk) is left empty, and the next run would refuse it as not a database.
      if (creates) await Promise.all([rm(this.location, { force: true }), rm(`${this.location}.wal`, { force: true })]);
      throw toDuckDbError(error, this.location, false);
    }
    // Holding the write lock now: no other process spills into <file>.tmp.
    if (!options.readOnly && this.location !== ':memory:') await removeStaleSpillFiles(this.location);
    this.#connection = await this.#instance.connect();
    // As on PostgreSQL: a CSV export writes instants in UTC, and a cast of one to a day (a
    // window's bounds) is the UTC day every window is counted in, whatever the machine's TZ.
    await this.#connection.run(`SET TimeZone = 'UTC'`);
    this.#appenders = new StagingAppenders(this.#connection);
    if (!options.readOnly) for (const sql of BOOKKEEPING_SQL) await this.#run(sql);
  }

  async close(): Promise<void> {
    this.#appenders?.discard();
    this.#appenders = undefined;
    this.#connection?.closeSync();
    this.#instance?.closeSync();
    this.#connection = undefined;
    this.#instance = undefined;
  }

  async ensureTable(spec: TableSpec): Promise<SchemaNotice[]> {
    const ddl = { run: (sql: string) => this.#run(sql), columns: (table: string) => this.#columns(table), createTableSql, createStageSql, typeName: duckType };
    const notices = await evolveTable(ddl, spec, await this.describeTable(spec.name));
    this.#stageColumns.delete(stageName(spec));
    // A staging table of a file written before DuckDB hashed in the merge: its hash column stays, empty.
    if ((await this.#stageOrder(spec)).includes(META_COLUMNS.rowHash)) {
      await this.#run(`ALTER TABLE ${ident(stageName(spec))} ALTER COLUMN ${ident(META_COLUMNS.rowHash)} DROP NOT NULL`);
    }
    return notices;
  }

  async describeTable(table: string): Promise<ColumnSpec[] | undefined> {
    return dataColumns(await this.#columns(table));
  }

  async transaction<T>(work: (tx: DestinationTransaction) => Promise<T>): Promise<T> {
    if (this.#inTransaction) throw new Error('x-sync: nested transaction');
    await this.#run('BEGIN TRANSACTION');
    this.#inTransaction = true;
    try {
      const result = await work(this.#transactionApi());
      await this.#run('COMMIT');
      return result;
    } catch (error) {
      this.#appenders?.discard();
      await this.#run('ROLLBACK').catch(() => undefined);
      this.#seq.clear();
      throw error;
    } finally {
      this.#inTransaction = false;
    }
  }

  async getState(stream: string): Promise<StreamStateValue | undefined> {
    const rows = await this.#rows('SELECT CAST(state AS VARCHAR) AS state FROM _sync_state WHERE stream = ?', [stream]);
    return rows[0] ? JSON.parse(String(rows[0].state)) : undefined;
  }

  async listStates(): Promise<Array<{ stream: string; state: StreamStateValue; updatedAt: Date }>> {
    const rows = await this.#rows('SELECT stream, CAST(state AS VARCHAR) AS state, updated_at FROM _sync_state ORDER BY stream');
    return rows.map((row) => ({ stream: String(row.stream), state: JSON.parse(String(row.state)), updatedAt: toDate(row.updated_at) }));
  }

  async getFile(sha256: string): Promise<FileLedgerEntry | undefined> {
    return (await this.#files('WHERE sha256 = ?', [sha256]))[0];
  }

  async listFiles(): Promise<FileLedgerEntry[]> {
    return this.#files('', []);
  }

  async startRun(startedAt: Date): Promise<number> {
    const rows = await this.#rows('SELECT coalesce(max(id), 0) + 1 AS id FROM _sync_runs');
    const id = Number(rows[0]?.id ?? 1);
    await this.#run(`INSERT INTO _sync_runs VALUES (?, CAST(? AS TIMESTAMPTZ), NULL, 'running', NULL)`, [id, startedAt.toISOString()]);
    return id;
  }

  async finishRun(id: number, status: RunRecord['status'], summary: unknown, finishedAt: Date): Promise<void> {
    await this.#run('UPDATE _sync_runs SET status = ?, summary = CAST(? AS JSON), finished_at = CAST(? AS TIMESTAMPTZ) WHERE id = ?', [
      status,
      JSON.stringify(summary),
      finishedAt.toISOString(),
      id,
    ]);
  }

  async listRuns(limit: number): Promise<RunRecord[]> {
    return readRuns((sql) => this.#rows(sql), limit);
  }

  async listTables(): Promise<string[]> {
    const rows = await this.#rows('SELECT DISTINCT table_name FROM information_schema.columns WHERE column_name = ? ORDER BY 1', [META_COLUMNS.runId]);
    return rows.map((row) => String(row.table_name)).filter((name) => !name.startsWith('_sync_'));
  }

  async countRows(table: string): Promise<number> {
    const rows = await this.#rows(`SELECT count(*) AS n FROM ${ident(table)}`);
    return Number(rows[0]?.n ?? 0);
  }

  async *readRows(sql: string, params: readonly (string | number | null)[] = []): AsyncIterable<Record<string, unknown>> {
    const { connection, appenders } = this.#live;
    try {
      appenders.flush();
      const result = await connection.stream(sql, params.length > 0 ? (params as DuckDBValue[]) : undefined);
      for await (const rows of result.yieldRowObjectJs()) yield* rows;
    } catch (error) {
      // A large read spills to <file>.tmp, which can meet a full disk too.
      throw this.#failure(error);
    }
  }

  async exportTables(format: 'parquet' | 'csv', dir: string): Promise<Array<{ table: string; file: string; rows: number }>> {
    await exportFolder(dir);
    const tables = [...(await this.listTables()), '_sync_runs', '_sync_state', '_sync_files'];
    const written: Array<{ table: string; file: string; rows: number }> = [];
    for (const table of tables) {
      const file = join(dir, `${table}.${format}`);
      const options = format === 'parquet' ? 'FORMAT parquet' : 'FORMAT csv, HEADER true';
      await writeExportFile(file, (path) => this.#run(`COPY (SELECT * FROM ${ident(table)}) TO ${literal(path)} (${options})`));
      written.push({ table, file, rows: await this.countRows(table) });
    }
    return written;
  }

  #transactionApi(): DestinationTransaction {
    const shared = bookkeepingWrites((sql, params) => this.#run(sql, params), 'JSON');
    return {
      ...shared,
      stage: (table, unitId, columns, rows) => this.#stage(table, unitId, columns, rows),
      merge: (table, unitId, plan, runId) => this.#merge(table, unitId, plan, runId),
      putState: async (stream, state) => {
        await this.#run('DELETE FROM _sync_state WHERE stream = ?', [stream]);
        await this.#run('INSERT INTO _sync_state VALUES (?, CAST(? AS JSON), now())', [stream, JSON.stringify(state)]);
      },
      dropTable: async (table) => {
        await shared.dropTable(table);
        this.#stageColumns.delete(stageName({ name: table }));
        this.#stageColumns.delete(stageName({ name: table, staging: 'session' }));
      },
    };
  }

  async #stage(table: TableSpec, unitId: string, columns: readonly string[], rows: readonly StagedRow[]): Promise<void> {
    if (rows.length === 0) return;
    const order = await this.#stageOrder(table);
    const positions = order.map((name) => (name === '_sync_unit' || name === '_sync_seq' ? -1 : columns.indexOf(name)));
    const key = `${table.name}\u0000${unitId}`;
    let seq = this.#seq.get(key);
    if (seq === undefined) {
      const found = await this.#rows(`SELECT coalesce(max("_sync_seq"), 0) AS n FROM ${ident(stageName(table))} WHERE "_sync_unit" = ?`, [unitId]);
      seq = Number(found[0]?.n ?? 0);
    }
    try {
      seq = await this.#live.appenders.append(stageName(table), table.staging ?? 'durable', { order, positions, unitId, seq }, rows);
    } catch (error) {
      throw this.#failure(error);
    }
    this.#seq.set(key, seq);
  }

  async #merge(table: TableSpec, unitId: string, plan: MergePlan, runId: number): Promise<MergeCounts> {
    const typed = table.columns.filter((column) => column.type !== 'TEXT');
    if (typed.length > 0) {
      const [bad] = await this.#rows(uncastableCountsSql(table, typed), [unitId]);
      const column = typed.find((_, index) => Number(bad?.[`c${index}`] ?? 0) > 0);
      if (column) throw new SchemaMismatchError(table.name, column.name, `some values do not fit its type ${column.type}`);
    }
    const any = await this.#rows(`SELECT count(*) AS n FROM (SELECT 1 FROM ${ident(table.name)} LIMIT 1)`);
    const counts = await mergeStaged((sql, params) => this.#run(sql, params), DUCKDB_MERGE, table, unitId, plan, runId, Number(any[0]?.n ?? 0) === 0);
    this.#seq.delete(`${table.name}\u0000${unitId}`);
    return counts;
  }

  /** The staging table's columns in order, cached by its name until the table changes. */
  async #stageOrder(table: TableSpec): Promise<string[]> {
    const name = stageName(table);
    let order = this.#stageColumns.get(name);
    if (!order) {
      order = (await this.#columns(name)).map((column) => column.name);
      this.#stageColumns.set(name, order);
    }
    return order;
  }

  async #columns(table: string): Promise<ColumnSpec[]> {
    const rows = await this.#rows('SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position', [table]);
    return rows.map((row) => ({ name: String(row.column_name), type: specType(String(row.data_type)) as ColumnSpec['type'] }));
  }

  async #files(where: string, params: SqlParam[]): Promise<FileLedgerEntry[]> {
    return readFiles((sql, values) => this.#rows(sql, values), where, params);
  }

  /** The connection and its appenders, or an error saying the destination is not open. */
  get #live(): { connection: DuckDBConnection; appenders: StagingAppenders } {
    if (!this.#connection || !this.#appenders) throw destinationNotReady(this.location, 'not open');
    return { connection: this.#connection, appenders: this.#appenders };
  }

  /** An error of DuckDB's as this destination reports it (a full disk named, with what to do). */
  #failure(error: unknown): unknown {
    return toDuckDbError(error, this.location, this.#inTransaction);
  }

  async #run(sql: string, params: readonly SqlParam[] = []): Promise<number> {
    const { connection, appenders } = this.#live;
    try {
      appenders.flush();
      const result = await connection.run(sql, params.length > 0 ? (params as DuckDBValue[]) : undefined);
      return result.rowsChanged;
    } catch (error) {
      throw this.#failure(error);
    }
  }

  async #rows(sql: string, params: readonly SqlParam[] = []): Promise<Array<Record<string, unknown>>> {
    const { connection, appenders } = this.#live;
    try {
      appenders.flush();
      const reader = await connection.runAndReadAll(sql, params.length > 0 ? (params as DuckDBValue[]) : undefined);
      return reader.getRowObjectsJS();
    } catch (error) {
      throw this.#failure(error);
    }
  }
}

