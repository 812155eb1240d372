import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncEvent } from '../src/index.js';
import { execCli, runCli, spawnCli, syncFixture, untilFileShows, warehouseKinds, withExportedWarehouse, type SyncFixture, type Warehouse } from './helpers/index.js';

type Killpoint = { name: string; at: (event: SyncEvent) => boolean };

const units = (event: SyncEvent) => ('streams' in event ? event.streams.join(',') : '');

/**
 * Where the child is killed, in run order. Each child resumes from what the one before it
 * committed, so later points are reached in later runs.
 */
const KILL_POINTS: Killpoint[] = [
  // Two rows a page, a checkpoint every 10 pages: killed on page 12, after a checkpoint.
  { name: 'mid-page chain of a Luscii window (pages staged, window not merged)', at: (e) => e.event === 'rows' && e.table === 'luscii_measurements' && e.total >= 24 },
  { name: 'mid snapshot chain (Luscii patients)', at: (e) => e.event === 'rows' && e.table === 'luscii_patients' && e.total >= 24 },
  { name: 'just after a Luscii window committed', at: (e) => e.event === 'unit-committed' && units(e) === 'luscii_alerts' },
  { name: 'AVR report started and finished, CSV not read', at: (e) => e.event === 'progress' && units(e) === 'dexcare_avr_virtual' && e.status === 'SUCCEEDED' },
  { name: 'mid-CSV of an AVR report', at: (e) => e.event === 'rows' && e.table === 'dexcare_avr_virtual' && e.total >= 1000 },
  { name: 'mid APR window', at: (e) => e.event === 'rows' && e.table === 'dexcare_provider_histories' },
  // 50 rows a batch, staged rows committed every 100: killed after a file's first 100 are committed.
  { name: 'mid Spruce file (part of its messages staged and committed)', at: (e) => e.event === 'rows' && e.table === 'spruce_messages' && e.total >= 150 },
  { name: 'between Spruce files', at: (e) => e.event === 'unit-committed' && units(e).startsWith('spruce_') },
  { name: 'during the commit of a Spruce file', at: (e) => e.event === 'rows' && e.table === 'spruce_outbound_calls' },
];

/** Runs `x-sync run` as a child and SIGKILLs it at the first event `point` matches; resolves whether it was killed. */
async function runUntilKilled(fixture: SyncFixture, db: Warehouse, point: Killpoint): Promise<boolean> {
  const child = await spawnCli(['run', '--config', fixture.config, '--json', '--verbose', ...db.cliArgs], fixture.env);
  return new Promise((resolve) => {
    let killed = false;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (killed || !line.startsWith('{')) return;
      if (point.at(JSON.parse(line) as SyncEvent)) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr!.resume();
    child.on('exit', () => resolve(killed));
  });
}

// On DuckDB and on PostgreSQL (when X_SYNC_TEST_PG_URL is set): the same kill points, the same check.
describe.each(warehouseKinds())('exactly once across SIGKILL on $kind', ({ create }) => {
  let fixture: SyncFixture;
  let clean: Record<string, string[]>;
  let cleanDb: Warehouse;
  let db: Warehouse;

  beforeAll(async () => {
    fixture = await syncFixture({ luscii: { perPage: 2 }, dexcare: { avr: { visits: { rows: 2_500 } } }, spruceFiles: 3, spruceMessages: 200 });
    cleanDb = await create();
    db = await create();
    const result = await runCli(['run', '--config', fixture.config, '--json', ...cleanDb.cliArgs], fixture.env);
    expect(result.code).toBe(0);
    clean = await cleanDb.contents();
  }, 120_000);
  afterAll(async () => {
    await cleanDb.dispose();
    await db.dispose();
    await fixture.close();
  });

  it('killed mid-page, mid-CSV, between Spruce files and during a commit, a rerun leaves every table as one clean run', async () => {
    const reached: string[] = [];
    for (const point of KILL_POINTS) if (await runUntilKilled(fixture, db, point)) reached.push(point.name);
    // Most points are reached (a point a run passes too fast is fine; the check below is the same).
    expect(reached.length).toBeGreaterThanOrEqual(6);
    const final = await execCli(['run', '--config', fixture.config, '--json', ...db.cliArgs], fixture.env);
    expect(final.code).toBe(0);
    expect(await db.contents()).toEqual(clean);
    const [running] = await db.query(`SELECT count(*) AS n FROM _sync_runs WHERE finished_at IS NULL`);
    expect(Number(running!.n)).toBe(reached.length);
  }, 240_000);
});

describe.each(warehouseKinds())('staged rows a killed run left behind on $kind', ({ kind, create }) => {
  it('are cleared by the next run, also when their Spruce file is gone from the folder', async () => {
    const fixture = await syncFixture({ spruceFiles: 1, spruceMessages: 400 });
    const db = await create();
    const staged = async () => {
      let rows = 0;
      for (const table of ['_sync_stage_spruce_messages', '_sync_session_stage_spruce_messages']) {
        const [stage] = await db.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '${table}'`);
        if (Number(stage!.n) > 0) rows += Number((await db.query(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
      }
      return rows;
    };
    try {
      const midFile = KILL_POINTS.find((point) => point.name.startsWith('mid Spruce file'))!;
      expect(await runUntilKilled(fixture, db, midFile)).toBe(true);
      // PostgreSQL stages a Spruce file in an UNLOGGED table, committed with each checkpoint;
      // DuckDB in a temporary table of its connection, which goes with the killed process.
      if (kind === 'postgres') expect(await staged()).toBeGreaterThanOrEqual(100);
      else expect(await staged()).toBe(0);
      // The user moves the file away before the next run: its unit never comes back.
      const folder = join(fixture.dir, 'spruce');
      for (const name of await readdir(folder)) await rm(join(folder, name));
      const rerun = await execCli(['run', '--config', fixture.config, '--json', ...db.cliArgs], fixture.env);
      expect(rerun.code).toBe(0);
      expect(await staged()).toBe(0);
      expect(await db.rows('spruce_messages')).toEqual([]);
    } finally {
      await db.dispose();
      await fixture.close();
    }
  }, 120_000);
});

describe('spill files a killed run left beside a DuckDB file', () => {
  it('are removed by the next run that takes the write lock (DuckDB keeps them for good), and nothing else in <file>.tmp is touched', async () => {
    const fixture = await syncFixture({ spruceFiles: 1 });
    try {
      const run = () => execCli(['run', '--config', fixture.config, '--source', 'spruce'], fixture.env);
      expect((await run()).code).toBe(0);
      // What a run killed while DuckDB spilled leaves in its temp_directory, under DuckDB's names.
      const spill = `${fixture.db}.tmp`;
      await mkdir(spill, { recursive: true });
      await writeFile(join(spill, 'duckdb_temp_storage_DEFAULT-0.tmp'), Buffer.alloc(1 << 20, 7));
      await writeFile(join(spill, 'duckdb_temp_storage_S96K-0.tmp'), Buffer.alloc(1 << 16, 7));
      await writeFile(join(spill, 'notes.txt'), 'not DuckDB\'s');
      // Reading takes no write lock, so a run may be spilling there meanwhile: status leaves them.
      expect((await execCli(['status'], fixture.env)).code).toBe(0);
      expect(readdirSync(spill).sort()).toEqual(['duckdb_temp_storage_DEFAULT-0.tmp', 'duckdb_temp_storage_S96K-0.tmp', 'notes.txt']);
      expect((await run()).code).toBe(0);
      expect(readdirSync(spill)).toEqual(['notes.txt']);
    } finally {
      await fixture.close();
    }
  }, 60_000);
});

describe.each(warehouseKinds())('x-sync export killed mid-write on $kind', ({ create }) => {
  it('leaves no <table>.csv that is not whole (a .partial file at most): a truncated CSV would load without an error', async () => {
    await withExportedWarehouse(create, 20_000, async ({ fixture, db, whole }) => {
      const killed = join(fixture.dir, 'killed');
      const child = await spawnCli(['export', '--format', 'csv', '--out', killed, ...db.cliArgs], fixture.env);
      // SIGKILL as soon as the messages file (about 5 MB) starts, under either name.
      await untilFileShows(killed, 'spruce_messages.csv', child);
      child.kill('SIGKILL');
      await once(child, 'exit');
      const left = readdirSync(killed);
      expect(left.some((name) => name.startsWith('spruce_messages.csv'))).toBe(true);
      for (const name of left.filter((file) => file.endsWith('.csv'))) {
        expect(await readFile(join(killed, name), 'utf8'), name).toBe(await readFile(join(whole, name), 'utf8'));
      }
    });
  }, 120_000);
});
