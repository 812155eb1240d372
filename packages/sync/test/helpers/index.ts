import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { build } from 'esbuild';
import { main } from '../../src/cli/main.js';
import { startSyncMocks, type SyncMocks, type SyncMocksOptions } from '../../src/testing.js';
import type { Warehouse } from './destinations.js';

/** A temp folder removed by the returned cleanup. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'x-sync-test-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A small config that keeps runs short on the mocks' data (May-June 2024): one window per dated
 * stream, one AVR type, polling every 5 ms; Spruce stages 50 rows a batch and commits every 100.
 */
export const SMALL_CONFIG = {
  since: '2024-06-24',
  luscii: { windowDays: 1000 },
  dexcare: { avrTypes: ['virtual'], avrWindowDays: 1000, avrPollIntervalMs: 5, aprWindowHours: 24_000, startDates: { dexcare_provider_histories: '2023-11-06' } },
  spruce: { batchRows: 50, commitRows: 100 },
};

/** Mocks, a temp folder, a config file and a database path for one test. */
export interface SyncFixture {
  dir: string;
  db: string;
  config: string;
  mocks: SyncMocks;
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export async function syncFixture(options: Partial<SyncMocksOptions> = {}, config: object = SMALL_CONFIG): Promise<SyncFixture> {
  const { dir, cleanup } = await tempDir();
  const mocks = await startSyncMocks({ spruceDir: join(dir, 'spruce'), ...options });
  const configPath = join(dir, 'config.json');
  await writeFile(configPath, JSON.stringify(config));
  const db = join(dir, 'x.duckdb');
  return {
    dir,
    db,
    config: configPath,
    mocks,
    env: { ...mocks.env, X_SYNC_DB: db },
    close: async () => {
      await mocks.close();
      await cleanup();
    },
  };
}

/** Output captured from an in-process `x-sync` run. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `x-sync` in this process (the mocks answer over loopback HTTP meanwhile). */
export async function runCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) => ({ write: (chunk: string | Uint8Array) => (append(String(chunk)), true), isTTY: false }) as unknown as NodeJS.WritableStream;
  const code = await main(args, env, { stdout: sink((t) => (stdout += t)), stderr: sink((t) => (stderr += t)) });
  return { code, stdout, stderr };
}

const BIN = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));
// Inside the package, so the bundle resolves @duckdb/node-api (native, not bundled) from its node_modules.
const BUNDLE = fileURLToPath(new URL('../../node_modules/.cache/x-sync-test/x-sync.mjs', import.meta.url));
let bundled: Promise<string> | undefined;

/**
 * The CLI bundled from the sources once per test file (esbuild, the `@x/source` condition), so
 * each child process starts in a fraction of a second instead of transpiling with tsx.
 */
export function cliBundle(): Promise<string> {
  bundled ??= build({
    entryPoints: [BIN],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@x/source'],
    external: ['@duckdb/node-api', 'msw'],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'silent',
  }).then(() => BUNDLE);
  return bundled;
}

/** Starts `x-sync` as a child process (see {@link cliBundle}). */
export async function spawnCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  return spawn(process.execPath, [await cliBundle(), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Resolves once a file whose name starts with `prefix` shows in `dir`, or when `child` has exited. */
export async function untilFileShows(dir: string, prefix: string, child: ChildProcess): Promise<void> {
  const shows = () => existsSync(dir) && readdirSync(dir).some((name) => name.startsWith(prefix));
  while (!shows() && child.exitCode === null) await new Promise((resolve) => setImmediate(resolve));
}

/** Runs `x-sync` as a child process to its end. */
export async function execCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const bin = await cliBundle();
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/**
 * Runs `work` on a warehouse of `create`'s kind into which one Spruce export of `messages`
 * messages was synced, with a whole `x-sync export --format csv` of it in `whole` to compare a
 * broken export with; disposes of both afterwards.
 */
export async function withExportedWarehouse(
  create: () => Promise<Warehouse>,
  messages: number,
  work: (setup: { fixture: SyncFixture; db: Warehouse; whole: string }) => Promise<void>,
): Promise<void> {
  const fixture = await syncFixture({ spruceFiles: 1, spruceMessages: messages });
  const db = await create();
  try {
    const synced = await execCli(['run', '--config', fixture.config, '--source', 'spruce', ...db.cliArgs], fixture.env);
    if (synced.code !== 0) throw new Error(`the sync before the export failed (exit ${synced.code}): ${synced.stderr}`);
    const whole = join(fixture.dir, 'whole');
    const exported = await execCli(['export', '--format', 'csv', '--out', whole, ...db.cliArgs], fixture.env);
    if (exported.code !== 0) throw new Error(`the whole export failed (exit ${exported.code}): ${exported.stderr}`);
    await work({ fixture, db, whole });
  } finally {
    await db.dispose();
    await fixture.close();
  }
}

/** Opens a DuckDB file read-only, runs `work`, and closes it. */
export async function withDb<T>(path: string, work: (query: (sql: string) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    return await work(async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJson());
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * Every data table's rows as sorted JSON lines, without the columns that name a run or a time
 * of deletion (`_sync_run_id`, and `_sync_deleted_at` reduced to whether it is set).
 */
export async function tableContents(path: string): Promise<Record<string, string[]>> {
  return withDb(path, async (query) => {
    const tables = (await query(`SELECT DISTINCT table_name FROM information_schema.columns WHERE column_name = '_sync_run_id' AND table_name NOT LIKE '\\_sync%' ESCAPE '\\' ORDER BY 1`)).map((row) =>
      String(row.table_name),
    );
    const contents: Record<string, string[]> = {};
    for (const table of tables) {
      const rows = await query(`SELECT * EXCLUDE (_sync_run_id) FROM "${table}"`);
      contents[table] = rows
        .map((row) => {
          if ('_sync_deleted_at' in row) row._sync_deleted_at = row._sync_deleted_at !== null;
          return JSON.stringify(row);
        })
        .sort();
    }
    return contents;
  });
}

export { comparableContents, postgresUrl, postgresWarehouse, warehouseKinds, withAdmin, type Warehouse } from './destinations.js';
export { ALL_TYPES, memorySource, typedRow, type MemoryUnit } from './memory-source.js';
