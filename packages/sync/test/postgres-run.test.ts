import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbDestination } from '../src/destinations/duckdb/duckdb-destination.js';
import { PostgresDestination } from '../src/destinations/postgres/postgres-destination.js';
import { comparableContents, execCli, postgresUrl, postgresWarehouse, runCli, spawnCli, syncFixture, untilFileShows, withAdmin, type SyncFixture } from './helpers/index.js';

const url = postgresUrl();

// The whole CLI over the three vendor mocks, once into DuckDB and once into PostgreSQL: same tables, same rows.
describe.skipIf(!url)('x-sync run --db postgres://… over the three mocks', () => {
  let fixture: SyncFixture;
  let warehouse: Awaited<ReturnType<typeof postgresWarehouse>>;
  let pgEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    fixture = await syncFixture();
    warehouse = await postgresWarehouse(url!);
    const duck = await runCli(['run', '--config', fixture.config, '--json'], fixture.env);
    expect(duck.code).toBe(0);
    pgEnv = { ...fixture.env, X_SYNC_DB: url!, X_SYNC_SCHEMA: warehouse.schema };
  });
  afterAll(async () => {
    await warehouse.dispose();
    await fixture.close();
  });

  it('loads the same tables and rows as DuckDB, with the URL password in no output', async () => {
    const result = await runCli(['run', '--config', fixture.config, '--json'], pgEnv);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain(new URL(url!).password);
    expect(result.stdout).toContain(`(schema ${warehouse.schema})`);

    const duck = new DuckDbDestination(fixture.db);
    await duck.open({ readOnly: true });
    const pg = new PostgresDestination({ url: url!, schema: warehouse.schema });
    await pg.open({ readOnly: true });
    try {
      const expected = await comparableContents(duck, join(fixture.dir, 'duck-csv'));
      const actual = await comparableContents(pg, join(fixture.dir, 'pg-csv'));
      expect(Object.keys(actual)).toEqual(Object.keys(expected));
      for (const table of Object.keys(expected)) expect({ table, rows: actual[table] }).toEqual({ table, rows: expected[table] });
    } finally {
      await duck.close();
      await pg.close();
    }
  });

  it('types columns as PostgreSQL spells the model types', async () => {
    const types = await withAdmin(url!, async (client) => {
      const { rows } = await client.query(`SELECT table_name || '.' || column_name AS c, data_type AS t FROM information_schema.columns WHERE table_schema = $1`, [warehouse.schema]);
      return Object.fromEntries(rows.map((row) => [String(row.c), String(row.t)]));
    });
    expect(types['spruce_messages.created_timestamp']).toBe('timestamp with time zone');
    expect(types['spruce_messages.destinations']).toBe('jsonb');
    expect(types['spruce_conversation_events.data']).toBe('jsonb');
    expect(types['spruce_conversations.message_count']).toBe('bigint');
    expect(types['spruce_entities.dob']).toBe('date');
    expect(types['luscii_measurements.measurement_date']).toBe('timestamp without time zone');
    expect(types['luscii_star_ratings.score']).toBe('double precision');
    expect(types['spruce_entities._sync_deleted_at']).toBe('timestamp with time zone');
  });

  it('a second run with nothing new changes no row', async () => {
    const pg = new PostgresDestination({ url: url!, schema: warehouse.schema });
    const contents = async () => {
      await pg.open({ readOnly: true });
      try {
        return await comparableContents(pg, join(fixture.dir, 'pg-again'));
      } finally {
        await pg.close();
      }
    };
    const before = await contents();
    const second = await runCli(['run', '--config', fixture.config, '--json'], pgEnv);
    expect(second.code).toBe(0);
    const committed: Array<{ tables: Record<string, { inserted: number; updated: number; deleted: number }> }> = second.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((event) => event.event === 'unit-committed');
    const changes = committed.flatMap((event) => Object.values(event.tables)).reduce((sum, counts) => sum + counts.inserted + counts.updated + counts.deleted, 0);
    expect(changes).toBe(0);
    expect(await contents()).toEqual(before);
  });

  it('status and export --format csv read the PostgreSQL schema; Parquet is refused as DuckDB-only', async () => {
    const status = await runCli(['status', '--json'], pgEnv);
    expect(status.code).toBe(0);
    const report: { runs: Array<{ status: string }>; files: Array<{ periodStart: string }> } = JSON.parse(status.stdout);
    expect(report.runs[0]?.status).toBe('succeeded');
    // ISO 8601, not PostgreSQL's text of a timestamptz ('2024-05-01 00:00:00+00').
    expect(report.files[0]?.periodStart).toBe('2024-05-01T00:00:00.000Z');
    const csv = await runCli(['export', '--format', 'csv', '--out', join(fixture.dir, 'pg-export')], pgEnv);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toContain('spruce_messages.csv');
    const parquet = await runCli(['export', '--format', 'parquet', '--out', join(fixture.dir, 'pg-parquet')], pgEnv);
    expect(parquet.code).toBe(2);
    expect(parquet.stderr).toContain('Parquet export is DuckDB-only');
  });
});

describe.skipIf(!url)('x-sync export on PostgreSQL', () => {
  it('writes every file from one snapshot: a run that commits while it writes shows in none of them', async () => {
    const fixture = await syncFixture({ spruceFiles: 1, spruceMessages: 20_000 });
    const warehouse = await postgresWarehouse(url!);
    try {
      expect((await execCli(['run', '--config', fixture.config, '--source', 'spruce', ...warehouse.cliArgs], fixture.env)).code).toBe(0);
      const before = join(fixture.dir, 'before');
      expect((await execCli(['export', '--format', 'csv', '--out', before, ...warehouse.cliArgs], fixture.env)).code).toBe(0);
      const during = join(fixture.dir, 'during');
      const child = await spawnCli(['export', '--format', 'csv', '--out', during, ...warehouse.cliArgs], fixture.env);
      // Once the export is writing the messages, another run's commit lands in the tables still to come.
      await untilFileShows(during, 'spruce_messages.csv', child);
      await warehouse.query(`INSERT INTO _sync_runs (id, started_at, status) VALUES (999, now(), 'running')`);
      const [code] = (await once(child, 'exit')) as [number];
      expect(code).toBe(0);
      expect(await readFile(join(during, '_sync_runs.csv'), 'utf8')).toBe(await readFile(join(before, '_sync_runs.csv'), 'utf8'));
      expect(Number((await warehouse.query('SELECT count(*) AS n FROM _sync_runs'))[0]!.n)).toBe(2);
    } finally {
      await warehouse.dispose();
      await fixture.close();
    }
  }, 120_000);
});
