import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_STREAMS } from '../src/index.js';
import { execCli, runCli, syncFixture, tableContents, withDb, type SyncFixture } from './helpers/index.js';

describe('x-sync run over the three mocks on loopback HTTP', () => {
  let fixture: SyncFixture;
  let first: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    fixture = await syncFixture();
    first = await runCli(['run', '--config', fixture.config, '--json'], fixture.env);
  });
  afterAll(() => fixture.close());

  it('loads every stream of every source and exits 0', async () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const tables = await withDb(fixture.db, async (query) => (await query(`SELECT table_name FROM information_schema.tables ORDER BY 1`)).map((r) => String(r.table_name)));
    const expected = ALL_STREAMS.map((stream) => stream.table).filter((table) => !/dexcare_avr_(retail|provider_booking)/.test(table));
    for (const table of [...expected, '_sync_runs', '_sync_state', '_sync_files']) expect(tables).toContain(table);
    await withDb(fixture.db, async (query) => {
      // The two fake exports reuse message ids: the June export's rows win (newer wins).
      const [messages] = await query(`SELECT count(*) AS n, min(created_timestamp) >= TIMESTAMPTZ '2024-06-01 00:00:00+00' AS june FROM spruce_messages`);
      expect(Number(messages!.n)).toBe(300);
      expect(messages!.june).toBe(true);
      const [visits] = await query(`SELECT count(*) AS n FROM dexcare_avr_virtual`);
      expect(Number(visits!.n)).toBe(fixture.mocks.dexcare.visits.length);
      const [histories] = await query(`SELECT count(*) AS n FROM dexcare_provider_histories`);
      expect(Number(histories!.n)).toBe(fixture.mocks.dexcare.providerHistories.length);
      const [patients] = await query(`SELECT count(*) AS n FROM luscii_patients`);
      expect(Number(patients!.n)).toBe(fixture.mocks.luscii.rowsFor('patients').length);
    });
  });

  it('types columns from the models: instants TIMESTAMPTZ, counts BIGINT, JSON for destinations and event data', async () => {
    const types = await withDb(fixture.db, async (query) =>
      Object.fromEntries((await query(`SELECT table_name || '.' || column_name AS c, data_type AS t FROM information_schema.columns`)).map((r) => [String(r.c), String(r.t)])),
    );
    expect(types['spruce_messages.created_timestamp']).toBe('TIMESTAMP WITH TIME ZONE');
    expect(types['spruce_messages.destinations']).toBe('JSON');
    expect(types['spruce_conversation_events.data']).toBe('JSON');
    expect(types['spruce_conversations.message_count']).toBe('BIGINT');
    expect(types['spruce_entities.dob']).toBe('DATE');
    expect(types['luscii_measurements.measurement_date']).toBe('TIMESTAMP');
    expect(types['luscii_patients.total_alerts']).toBe('BIGINT');
    expect(types['luscii_star_ratings.score']).toBe('DOUBLE');
    expect(types['spruce_entities._sync_deleted_at']).toBe('TIMESTAMP WITH TIME ZONE');
    expect(types['spruce_messages._sync_run_id']).toBe('BIGINT');
  });

  it('a second run with nothing new changes no row', async () => {
    const before = await tableContents(fixture.db);
    const runIds = await withDb(fixture.db, async (query) => query(`SELECT max(_sync_run_id) AS r FROM spruce_messages UNION ALL SELECT max(_sync_run_id) FROM luscii_measurements UNION ALL SELECT max(_sync_run_id) FROM dexcare_avr_virtual`));
    const second = await runCli(['run', '--config', fixture.config, '--json'], fixture.env);
    expect(second.code).toBe(0);
    type Finished = { event: string; summary: { streams: Record<string, { inserted: number; updated: number; deleted: number }> } };
    const finished = second.stdout.trim().split('\n').map((line) => JSON.parse(line) as Finished).find((event) => event.event === 'run-finished')!;
    for (const summary of Object.values(finished.summary.streams)) {
      expect([summary.inserted, summary.updated, summary.deleted]).toEqual([0, 0, 0]);
    }
    expect(await tableContents(fixture.db)).toEqual(before);
    const after = await withDb(fixture.db, async (query) => query(`SELECT max(_sync_run_id) AS r FROM spruce_messages UNION ALL SELECT max(_sync_run_id) FROM luscii_measurements UNION ALL SELECT max(_sync_run_id) FROM dexcare_avr_virtual`));
    expect(after).toEqual(runIds);
  });

  it('status shows each stream with its high-water mark, the last runs and the Spruce ledger', async () => {
    const status = await runCli(['status', '--json'], fixture.env);
    expect(status.code).toBe(0);
    const report = JSON.parse(status.stdout);
    const measurements = report.streams.find((s: { stream: string }) => s.stream === 'luscii_measurements');
    expect(measurements.highWaterMark).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(report.files.map((f: { name: string; status: string }) => `${f.name}:${f.status}`)).toEqual([
      'spruce-export-2024-05-01.zip:loaded',
      'spruce-export-2024-06-01.zip:loaded',
    ]);
    // ISO 8601 like every other time in the report, not DuckDB's text ('2024-05-01 00:00:00+00').
    expect(report.files.map((f: { periodStart: string; periodEnd: string }) => [f.periodStart, f.periodEnd])).toEqual([
      ['2024-05-01T00:00:00.000Z', '2024-06-01T00:00:00.000Z'],
      ['2024-06-01T00:00:00.000Z', '2024-07-01T00:00:00.000Z'],
    ]);
    expect(report.runs[0].status).toBe('succeeded');
    const text = await runCli(['status'], fixture.env);
    expect(text.stdout).toContain('spruce_messages');
    expect(text.stdout).toContain('high-water mark');
  });

  it('export writes every table as Parquet and as CSV', async () => {
    for (const format of ['parquet', 'csv']) {
      const out = join(fixture.dir, `out-${format}`);
      const result = await runCli(['export', '--format', format, '--out', out], fixture.env);
      expect(result.code).toBe(0);
      const files = readdirSync(out);
      expect(files).toContain(`spruce_messages.${format}`);
      expect(files).toContain(`_sync_files.${format}`);
    }
    const rows = await withDb(fixture.db, async (query) => query(`SELECT count(*) AS n FROM read_parquet('${join(fixture.dir, 'out-parquet', 'spruce_messages.parquet')}')`));
    expect(Number(rows[0]!.n)).toBe(300);
    // Only whole files, under their own names: no .partial left by a completed export.
    expect(readdirSync(join(fixture.dir, 'out-csv')).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('export --format csv writes instants in UTC on a machine in another time zone (TZ=America/New_York), as PostgreSQL\'s export does', async () => {
    const out = join(fixture.dir, 'out-new-york');
    const result = await execCli(['export', '--format', 'csv', '--out', out], { ...fixture.env, TZ: 'America/New_York' });
    expect(result.code, result.stderr).toBe(0);
    const [header, first] = (await readFile(join(out, 'spruce_messages.csv'), 'utf8')).split('\n');
    const at = header!.split(',').indexOf('created_timestamp');
    expect(first!.split(',')[at]).toMatch(/^2024-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?\+00$/);
  });

  it('export --out naming a file, not a folder, is refused by path (exit 2) and the file is untouched', async () => {
    const file = join(fixture.dir, 'export.csv');
    await writeFile(file, 'kept\n');
    const result = await runCli(['export', '--format', 'csv', '--out', file], fixture.env);
    expect(result).toMatchObject({ code: 2, stderr: `x-sync: SyncConfigError: --out ${file}: a file, not a folder to write the tables into\n` });
    expect(await readFile(file, 'utf8')).toBe('kept\n');
  });

  it('--dry-run lists the windows and files a run would take and writes nothing', async () => {
    const db = join(fixture.dir, 'never.duckdb');
    const result = await runCli(['run', '--config', fixture.config, '--dry-run', '--json', '--db', db], fixture.env);
    expect(result.code).toBe(0);
    const planned = result.stdout.trim().split('\n').map((line) => JSON.parse(line)).filter((event) => event.event === 'planned');
    expect(planned.map((event) => event.unit)).toContain('spruce-export-2024-05-01.zip');
    expect(planned.some((event) => event.stream === 'dexcare_avr_virtual')).toBe(true);
    expect(existsSync(db)).toBe(false);
    expect(fixture.mocks.dexcare.requests.filter((r) => r.method === 'POST').length).toBeGreaterThan(0);
  });
});
