import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DestinationError, type SyncEvent } from '../src/index.js';
import { toDuckDbError } from '../src/destinations/duckdb/duckdb-errors.js';
import { cliBundle, execCli, runCli, syncFixture, tableContents, tempDir, warehouseKinds, withExportedWarehouse, type CliResult, type SyncFixture } from './helpers/index.js';

/**
 * `x-sync run` as a child process whose files cannot grow past `kilobytes`: `ulimit -f` stands in
 * for a full disk (a write past it fails with EFBIG, as one on a full disk fails with ENOSPC),
 * with SIGXFSZ ignored so the write fails instead of killing the process.
 */
async function runWithFileLimit(kilobytes: number, args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const script = `trap '' XFSZ; ulimit -f ${kilobytes}; exec "$0" "$@"`;
  const command = ['-c', script, process.execPath, await cliBundle(), ...args];
  return new Promise((resolve) => {
    execFile('bash', command, { env: { ...process.env, ...env }, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const events = (stdout: string): SyncEvent[] => stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as SyncEvent);

describe('a DuckDB file with no room to write (a full disk)', () => {
  let fixture: SyncFixture;
  let clean: Record<string, string[]>;

  beforeAll(async () => {
    fixture = await syncFixture();
    const { dir, cleanup } = await tempDir();
    const result = await runCli(['run', '--config', fixture.config, '--json', '--db', `${dir}/clean.duckdb`], fixture.env);
    expect(result.code).toBe(0);
    clean = await tableContents(`${dir}/clean.duckdb`);
    await cleanup();
  }, 60_000);
  afterAll(() => fixture.close());

  it('fails the streams it stops with a DestinationError saying to free space, and the rerun with room leaves every table as one clean run', async () => {
    // 100 KiB of WAL holds the Luscii and AVR units of this fixture, not all of the rest.
    const full = await runWithFileLimit(100, ['run', '--config', fixture.config, '--json'], fixture.env);
    expect(full.code).toBe(3);
    const ran = events(full.stdout);
    const failed = ran.filter((event) => event.event === 'stream-failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const event of failed) {
      expect(event).toMatchObject({
        error: 'DestinationError',
        message: `DuckDB file ${fixture.db}: writing failed: no room to write (File too large): the disk that holds the file is full, or a quota or file size limit is reached; free space there (DuckDB writes the file, ${fixture.db}.wal and spills to ${fixture.db}.tmp); the unit in progress was rolled back; once there is room, a rerun resumes from the last committed unit`,
        hint: '',
      });
    }
    expect(ran.some((event) => event.event === 'unit-committed')).toBe(true);

    const rerun = await execCli(['run', '--config', fixture.config, '--json'], fixture.env);
    expect(rerun.code).toBe(0);
    expect(await tableContents(fixture.db)).toEqual(clean);
  }, 60_000);

  it('a database file that cannot even be created is named with what to do, and no empty file is left for the next run to refuse', async () => {
    const db = join(fixture.dir, 'new.duckdb');
    const env = { ...fixture.env, X_SYNC_DB: db };
    const full = await runWithFileLimit(0, ['run', '--config', fixture.config, '--json'], env);
    expect(full).toMatchObject({
      code: 1,
      stderr:
        `x-sync: DestinationError: DuckDB file ${db}: writing failed: no room to write (File too large): the disk that holds the file is full, or a quota or file size limit is reached; ` +
        `free space there (DuckDB writes the file, ${db}.wal and spills to ${db}.tmp); run the command again once there is room\n`,
    });
    expect(readdirSync(fixture.dir).filter((name) => name.startsWith('new.duckdb'))).toEqual([]);
    expect((await execCli(['run', '--config', fixture.config, '--json'], env)).code).toBe(0);
  }, 60_000);

  it('names a full disk and an exceeded quota as DuckDB words them the same way, and passes other errors through', () => {
    for (const why of ['No space left on device', 'Disk quota exceeded']) {
      const error = toDuckDbError(new Error(`TransactionContext Error: Failed to commit: Could not write file "/data/x.duckdb.wal": ${why}`), '/data/x.duckdb', false);
      expect(error).toBeInstanceOf(DestinationError);
      expect(error).toMatchObject({ reason: 'disk-full', location: '/data/x.duckdb' });
      expect((error as Error).message).toContain(`no room to write (${why})`);
      expect((error as Error).message).toMatch(/; run the command again once there is room$/);
    }
    const other = new Error('Conversion Error: Could not convert string to INT64');
    expect(toDuckDbError(other, '/data/x.duckdb', true)).toBe(other);
  });
});

describe.each(warehouseKinds())('x-sync export with no room to write on $kind', ({ create }) => {
  it('fails naming the file and its folder (not the database) with what to do, and leaves only whole files behind', async () => {
    await withExportedWarehouse(create, 2_000, async ({ fixture, db, whole }) => {
      // spruce_messages.csv (about 500 KB) does not fit in 64 KiB; the smaller tables do.
      const out = join(fixture.dir, 'full');
      const full = await runWithFileLimit(64, ['export', '--format', 'csv', '--out', out, ...db.cliArgs], fixture.env);
      expect(full.code).toBe(1);
      const file = /^x-sync: DestinationError: writing (\S+) failed: /.exec(full.stderr)?.[1];
      expect(file).toBeDefined();
      expect(full.stderr).toBe(
        `x-sync: DestinationError: writing ${file} failed: no room to write (File too large): the disk that holds ${out} is full, or a quota or file size limit is reached; ` +
          'free space there and run the command again (the files it wrote before are whole)\n',
      );
      const left = readdirSync(out);
      expect(left.filter((name) => name.endsWith('.partial'))).toEqual([]);
      expect(left.length).toBeGreaterThan(0);
      for (const name of left) expect(await readFile(join(out, name), 'utf8'), name).toBe(await readFile(join(whole, name), 'utf8'));
    });
  }, 120_000);
});
