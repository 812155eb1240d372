import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execCli, runCli, syncFixture, warehouseKinds, type SyncFixture, type Warehouse } from './helpers/index.js';

type Finished = { event: string; summary: { streams: Record<string, { rows: number; units: number; inserted: number; updated: number; deleted: number }> } };

/** The run summary's streams from `x-sync run --json` output. */
function streamsOf(stdout: string): Finished['summary']['streams'] {
  const events = stdout.trim().split('\n').map((line) => JSON.parse(line) as Finished);
  return events.find((event) => event.event === 'run-finished')!.summary.streams;
}

describe.each(warehouseKinds())('x-sync reset on $kind', ({ create }) => {
  let fixture: SyncFixture;
  let db: Warehouse;
  let clean: Record<string, string[]>;
  const run = () => execCli(['run', '--config', fixture.config, '--json', ...db.cliArgs], fixture.env);

  beforeAll(async () => {
    fixture = await syncFixture();
    db = await create();
    expect((await run()).code).toBe(0);
    clean = await db.contents();
  }, 60_000);
  afterAll(async () => {
    await db.dispose();
    await fixture.close();
  });

  it('drops a stream\'s table and state, and the next run reads it again from the start to the same rows, leaving the other streams alone', async () => {
    const reset = await runCli(['reset', '--stream', 'luscii_measurements', '--stream', 'spruce_messages', ...db.cliArgs], fixture.env);
    expect(reset).toMatchObject({ code: 0, stdout: 'reset luscii_measurements, spruce_messages\n' });
    const [tables] = await db.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name IN ('luscii_measurements', 'spruce_messages')`);
    expect(Number(tables!.n)).toBe(0);
    const [state] = await db.query(`SELECT count(*) AS n FROM _sync_state WHERE stream IN ('luscii_measurements', 'spruce_messages')`);
    expect(Number(state!.n)).toBe(0);

    const again = await run();
    expect(again.code).toBe(0);
    const streams = streamsOf(again.stdout);
    // Both Spruce files are read again; the other Spruce tables take them with no change.
    expect(streams.spruce_messages).toMatchObject({ rows: 600, inserted: 300 });
    expect(streams.spruce_conversations).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
    expect(streams.luscii_alerts).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
    expect(await db.contents()).toEqual(clean);
  });

  it('of a Spruce stream also forgets the files that failed, so they are read again (a file an older x-sync could not read, say)', async () => {
    // What the ledger holds for a file that failed: no rows, an error class.
    const destination = db.open();
    await destination.open({ readOnly: false });
    try {
      const june = (await destination.listFiles()).find((file) => file.name === 'spruce-export-2024-06-01.zip')!;
      await destination.transaction((tx) => tx.putFile({ ...june, status: 'failed', rows: {}, error: 'ExportFormatError', periodStart: null, periodEnd: null }));
    } finally {
      await destination.close();
    }
    const skipped = await run();
    expect(skipped.code).toBe(0);
    expect(streamsOf(skipped.stdout).spruce_messages!.units).toBe(0);

    expect((await runCli(['reset', '--source', 'spruce', ...db.cliArgs], fixture.env)).code).toBe(0);
    const again = await run();
    expect(again.code).toBe(0);
    expect(streamsOf(again.stdout).spruce_messages!.units).toBe(2);
    const files = await db.query(`SELECT name, status FROM _sync_files ORDER BY name`);
    expect(files).toEqual([
      { name: 'spruce-export-2024-05-01.zip', status: 'loaded' },
      { name: 'spruce-export-2024-06-01.zip', status: 'loaded' },
    ]);
    expect(await db.contents()).toEqual(clean);
  });

  it('refuses a call that names nothing, or a stream or source that does not exist, with exit 2', async () => {
    expect(await runCli(['reset', ...db.cliArgs], fixture.env)).toMatchObject({ code: 2, stderr: 'x-sync: SyncConfigError: reset needs --stream NAME or --source NAME\n' });
    expect(await runCli(['reset', '--stream', 'luscii_nothing', ...db.cliArgs], fixture.env)).toMatchObject({ code: 2, stderr: 'x-sync: SyncConfigError: --stream luscii_nothing: no such stream\n' });
    expect(await runCli(['reset', '--source', 'spruse', ...db.cliArgs], fixture.env)).toMatchObject({ code: 2, stderr: 'x-sync: SyncConfigError: --source spruse: one of luscii, dexcare, spruce\n' });
  });
});
