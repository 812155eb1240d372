import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { execCli, spawnCli, syncFixture, withDb, type SyncFixture } from './helpers/index.js';

/** What an interrupted child printed on stderr and how it exited. */
async function ending(child: Awaited<ReturnType<typeof spawnCli>>): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}

describe('a run stopped from outside', () => {
  let fixture: SyncFixture | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  it('Ctrl-C (SIGINT) rolls back the unit in flight, keeps the committed ones, exits 3 on its own; the rerun completes', async () => {
    fixture = await syncFixture({ luscii: { perPage: 2 } });
    const child = await spawnCli(['run', '--config', fixture.config, '--json'], fixture.env);
    const events: Array<{ event: string; stream?: string; message?: string }> = [];
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const event = JSON.parse(line) as { event: string };
      events.push(event);
      if (event.event === 'unit-committed' && events.filter((e) => e.event === 'unit-committed').length === 1) child.kill('SIGINT');
    });
    const { code, stderr } = await ending(child);
    expect(code).toBe(3);
    expect(stderr).toBe('');
    const failed = events.filter((event) => event.event === 'stream-failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((event) => event.message === 'interrupted')).toBe(true);
    await withDb(fixture.db, async (query) => {
      const [run] = await query('SELECT status, finished_at FROM _sync_runs');
      expect(run!.status).toBe('partial');
      expect(Number((await query('SELECT count(*) AS n FROM luscii_patients'))[0]!.n)).toBeGreaterThan(0);
    });
    const rerun = await execCli(['run', '--config', fixture.config, '--json'], fixture.env);
    expect(rerun.code).toBe(0);
  }, 60_000);

  it('a reader that goes away (x-sync run --json | head -1) stops the run as Ctrl-C does: no EPIPE stack trace, and the rerun completes', async () => {
    fixture = await syncFixture({ luscii: { perPage: 2 } });
    const child = await spawnCli(['run', '--config', fixture.config, '--json'], fixture.env);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', () => {
      lines.close();
      child.stdout!.destroy();
    });
    const { code, stderr } = await ending(child);
    expect(stderr).not.toMatch(/EPIPE|Unhandled|\n\s+at /);
    expect([1, 3]).toContain(code);
    const rerun = await execCli(['run', '--config', fixture.config, '--json'], fixture.env);
    expect(rerun.code).toBe(0);
  }, 60_000);
});
