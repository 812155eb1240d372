/**
 * The main job: keep a DuckDB warehouse in step with Luscii, DexCare and Spruce with `x-sync`.
 * `demo()` starts the three built-in mocks on loopback HTTP (real sockets, as a user's run
 * talks to the vendors), runs `x-sync run` into a DuckDB file as a child process, prints
 * `x-sync status` and a few SQL results, then runs again to show that nothing changes.
 *
 * On real sources: set LUSCII_API_KEY, DEXCARE_BASE_URL + DEXCARE_SERVICE_KEY and
 * SPRUCE_EXPORTS_DIR, then `npx x-sync run`.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { startSyncMocks } from '@x/sync/testing';

const BIN = fileURLToPath(new URL('../packages/sync/src/cli/bin.ts', import.meta.url));

/** Runs `x-sync` as a user would; on a terminal it draws its progress bars, otherwise only the summary is kept. */
function xSync(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string }> {
  const tty = Boolean(process.stdout.isTTY);
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@x/source', BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', tty ? 'inherit' : 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code: code ?? 1, stdout })));
}

/** The one-line outcome of a `run` from its NDJSON, or its exit code on a terminal. */
function outcome(result: { code: number; stdout: string }): string {
  const finished = result.stdout
    .split('\n')
    .filter((line) => line.includes('"run-finished"'))
    .map((line) => JSON.parse(line) as { runId: number; status: string; summary: { streams: Record<string, { inserted: number; updated: number; deleted: number }> } })[0];
  if (!finished) return `exit code ${result.code}`;
  const streams = Object.values(finished.summary.streams);
  const sum = (key: 'inserted' | 'updated' | 'deleted') => streams.reduce((total, s) => total + s[key], 0);
  return `run #${finished.runId} ${finished.status}: ${streams.length} streams, ${sum('inserted')} rows inserted, ${sum('updated')} updated, ${sum('deleted')} deleted (exit code ${result.code})`;
}

async function printQueries(db: string): Promise<void> {
  const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  const queries = {
    'Spruce messages per day (first 5 days)': `SELECT CAST(created_timestamp AS DATE) AS day, count(*) AS messages FROM spruce_messages GROUP BY 1 ORDER BY 1 LIMIT 5`,
    'DexCare visits per type': `SELECT visit_type, count(*) AS visits FROM dexcare_avr_virtual GROUP BY 1 ORDER BY 2 DESC`,
    'Luscii measurements per name': `SELECT measurement_name, count(*) AS measurements FROM luscii_measurements GROUP BY 1 ORDER BY 2 DESC`,
    'Spruce entities still in the latest snapshot': `SELECT type, count(*) FILTER (WHERE _sync_deleted_at IS NULL) AS current, count(*) FILTER (WHERE _sync_deleted_at IS NOT NULL) AS gone FROM spruce_entities GROUP BY 1 ORDER BY 1`,
  };
  for (const [title, sql] of Object.entries(queries)) {
    const rows = (await connection.runAndReadAll(sql)).getRowObjectsJson();
    console.log(`\n${title}:`);
    console.table(rows);
  }
  connection.closeSync();
  instance.closeSync();
}

/** The sync on the built-in mocks. */
export async function demo(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'x-sync-demo-'));
  const mocks = await startSyncMocks({ spruceDir: join(dir, 'spruce-sftp'), spruceFiles: 2 });
  try {
    const db = join(dir, 'warehouse.duckdb');
    const config = join(dir, 'x-sync.json');
    // The mocks' data is from May-June 2024: read from there, one AVR type, fast polling.
    await writeFile(config, JSON.stringify({ since: '2024-06-20', luscii: { windowDays: 3650 }, dexcare: { avrTypes: ['virtual'], avrWindowDays: 3650, avrPollIntervalMs: 20, aprWindowHours: 87600, startDates: { dexcare_provider_histories: '2023-11-06' } } }));
    const env = { ...mocks.env, X_SYNC_DB: db };

    console.log(`$ x-sync run --config x-sync.json      # into ${db}`);
    console.log(outcome(await xSync(['run', '--config', config], env)));

    console.log('\n$ x-sync status');
    process.stdout.write((await xSync(['status'], env)).stdout);

    await printQueries(db);

    console.log('\n$ x-sync run --config x-sync.json      # again: nothing new, so no row changes');
    console.log(outcome(await xSync(['run', '--config', config], env)));
  } finally {
    await mocks.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await demo();
