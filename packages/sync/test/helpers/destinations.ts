import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import type { Destination } from '../../src/destinations/destination.js';
import { DuckDbDestination } from '../../src/destinations/duckdb/duckdb-destination.js';
import { PostgresDestination } from '../../src/destinations/postgres/postgres-destination.js';
import { withDb as withDuckDb } from './index.js';

/**
 * The PostgreSQL the tests use: `X_SYNC_TEST_PG_URL`, which `scripts/pg-test-cluster.sh start`
 * prints. Unset, the PostgreSQL tests skip with a message, except in CI: `.ci/run` sets
 * `REQUIRE_POSTGRES=1`, and there a missing server is a failure.
 */
export function postgresUrl(): string | undefined {
  const url = process.env.X_SYNC_TEST_PG_URL;
  if (url) return url;
  if (process.env.REQUIRE_POSTGRES === '1') throw new Error('REQUIRE_POSTGRES=1 but X_SYNC_TEST_PG_URL is unset (eval "$(bash scripts/pg-test-cluster.sh start)")');
  console.warn('Skipping PostgreSQL tests: X_SYNC_TEST_PG_URL is unset (eval "$(bash scripts/pg-test-cluster.sh start)")');
  return undefined;
}

/** A fresh empty warehouse on one destination; `open()` gives a new handle on the same database, as a rerun would. */
export interface Warehouse {
  readonly kind: 'duckdb' | 'postgres';
  open(options?: { lockWaitMs?: number }): Destination;
  /** Every row of a table without `_sync_run_id`, as text, sorted: what two runs must agree on. */
  rows(table: string): Promise<string[][]>;
  /**
   * Runs SQL both databases accept on a separate connection (BIGINTs come back as strings). On
   * DuckDB, close your own handle first: the file takes one writer.
   */
  query(sql: string): Promise<Array<Record<string, unknown>>>;
  /** `x-sync` flags that point a run at this warehouse. */
  readonly cliArgs: readonly string[];
  /** Every data table, comparable across runs and destinations (see {@link comparableContents}). */
  contents(): Promise<Record<string, string[]>>;
  dispose(): Promise<void>;
}

/** The destinations every sync behaviour runs on: DuckDB always, PostgreSQL when a server is given. */
export function warehouseKinds(): Array<{ kind: 'duckdb' | 'postgres'; create: () => Promise<Warehouse> }> {
  const url = postgresUrl();
  const kinds: Array<{ kind: 'duckdb' | 'postgres'; create: () => Promise<Warehouse> }> = [{ kind: 'duckdb', create: duckWarehouse }];
  if (url) kinds.push({ kind: 'postgres', create: () => postgresWarehouse(url) });
  return kinds;
}

async function duckWarehouse(): Promise<Warehouse> {
  const dir = await mkdtemp(join(tmpdir(), 'x-sync-duck-'));
  const file = join(dir, 'warehouse.duckdb');
  return {
    kind: 'duckdb',
    open: () => new DuckDbDestination(file),
    rows: async (table) => {
      const db = new DuckDbDestination(file);
      await db.open({ readOnly: true });
      try {
        return await exportedRows(db, table, join(dir, 'export'));
      } finally {
        await db.close();
      }
    },
    query: (sql) => withDuckDb(file, (query) => query(sql)),
    cliArgs: ['--db', file],
    contents: () => readContents(new DuckDbDestination(file), join(dir, 'contents')),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A warehouse in a fresh schema of the test server (the schema option, and tests apart from each other). */
export async function postgresWarehouse(url: string): Promise<Warehouse & { schema: string; url: string }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const dir = await mkdtemp(join(tmpdir(), 'x-sync-pg-'));
  return {
    kind: 'postgres',
    schema,
    url,
    open: (options = {}) => new PostgresDestination({ url, schema, lockWaitMs: options.lockWaitMs ?? 0 }),
    rows: async (table) => {
      const db = new PostgresDestination({ url, schema });
      await db.open({ readOnly: true });
      try {
        return await exportedRows(db, table, join(dir, 'export'));
      } finally {
        await db.close();
      }
    },
    cliArgs: ['--db', url, '--schema', schema],
    contents: () => readContents(new PostgresDestination({ url, schema }), join(dir, 'contents')),
    query: (sql) =>
      withAdmin(url, async (client) => {
        await client.query(`SET search_path TO "${schema}"`);
        return (await client.query(sql)).rows as Array<Record<string, unknown>>;
      }),
    dispose: async () => {
      await withAdmin(url, (client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Every data table of a destination as sorted lines of cells, comparable across destinations:
 * without `_sync_run_id`, `_sync_deleted_at` reduced to whether it is set, JSON with sorted keys
 * (PostgreSQL's JSONB reorders them).
 */
export async function comparableContents(db: Destination, dir: string): Promise<Record<string, string[]>> {
  const contents: Record<string, string[]> = {};
  for (const { table, file } of await db.exportTables('csv', dir)) {
    if (table.startsWith('_sync_')) continue;
    const records: string[][] = parse(await readFile(file, 'utf8'));
    const [header = [], ...rows] = records;
    contents[table] = rows
      .map((row) =>
        header
          .map((name, index) => [name, row[index] ?? ''] as const)
          .filter(([name]) => name !== '_sync_run_id')
          .map(([name, cell]) => (name === '_sync_deleted_at' ? String(cell !== '') : canonicalJson(cell)))
          .join('\t'),
      )
      .sort();
  }
  return contents;
}

async function readContents(db: Destination, dir: string): Promise<Record<string, string[]>> {
  await db.open({ readOnly: true });
  try {
    return await comparableContents(db, dir);
  } finally {
    await db.close();
  }
}

function canonicalJson(cell: string): string {
  if (!/^[[{]/.test(cell)) return cell;
  const sortKeys = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(sortKeys) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)])) : value;
  try {
    return JSON.stringify(sortKeys(JSON.parse(cell)));
  } catch {
    return cell;
  }
}

async function exportedRows(db: Destination, table: string, dir: string): Promise<string[][]> {
  const written = await db.exportTables('csv', dir);
  const file = written.find((entry) => entry.table === table)?.file;
  if (!file) return [];
  const records: string[][] = parse(await readFile(file, 'utf8'));
  const [header = [], ...rows] = records;
  const run = header.indexOf('_sync_run_id');
  return rows.map((row) => row.filter((_, index) => index !== run)).sort((a, b) => a.join('\u0000').localeCompare(b.join('\u0000')));
}

/** Runs `work` on a plain pg connection to the test server (fault injection, inspection). */
export async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
