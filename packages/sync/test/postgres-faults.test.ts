import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PostgresDestination, redactUrl } from '../src/destinations/postgres/postgres-destination.js';
import { DestinationError } from '../src/errors/sync-errors.js';
import { sync } from '../src/sync.js';
import { ALL_TYPES, memorySource, postgresUrl, postgresWarehouse, runCli, typedRow, withAdmin, type MemoryUnit } from './helpers/index.js';

const TABLE = 'spruce_test_items';
const NOW = new Date('2024-06-01T00:00:00Z');
const CLUSTER_SCRIPT = fileURLToPath(new URL('../../../scripts/pg-test-cluster.sh', import.meta.url));
const url = postgresUrl();

type PgWarehouse = Awaited<ReturnType<typeof postgresWarehouse>>;

/** Two units, the second in three batches; `fault` runs before its last batch. */
function units(fault?: () => Promise<void> | void): MemoryUnit[] {
  return [
    { id: 'u1', batches: [[typedRow(1), typedRow(2)]], merge: { kind: 'upsert', key: ['id'] } },
    {
      id: 'u2',
      batches: [[typedRow(3)], [typedRow(4), typedRow(2, { count: 20 })], [typedRow(5)]],
      merge: { kind: 'upsert', key: ['id'] },
      ...(fault ? { before: { batch: 2, run: fault } } : {}),
    },
  ];
}

function runOn(warehouse: PgWarehouse, list: readonly MemoryUnit[], options: { url?: string } = {}) {
  const source = memorySource({ table: TABLE, columns: ALL_TYPES, units: list });
  const db = options.url ? new PostgresDestination({ url: options.url, schema: warehouse.schema, lockWaitMs: 0 }) : warehouse.open();
  return sync({ db, sources: [source], now: NOW });
}

/** Rows of one clean, uninterrupted run of {@link units}: what every rerun after a fault must reach. */
async function cleanRows(serverUrl: string): Promise<string[][]> {
  const clean = await postgresWarehouse(serverUrl);
  try {
    await runOn(clean, units());
    return await clean.rows(TABLE);
  } finally {
    await clean.dispose();
  }
}

async function admin(sql: string): Promise<void> {
  await withAdmin(url!, (client) => client.query(sql));
}

describe.skipIf(!url)('PostgreSQL faults: a clear error, and a rerun reaches the state of one clean run', () => {
  let warehouse: PgWarehouse;
  let expected: string[][];
  beforeAll(async () => {
    expected = await cleanRows(url!);
  });
  beforeEach(async () => {
    warehouse = await postgresWarehouse(url!);
  });
  afterEach(async () => {
    await warehouse.dispose();
  });

  it('a connection dropped mid-COPY (pg_terminate_backend from another session) fails the run, and the rerun completes it', async () => {
    await runOn(warehouse, units().slice(0, 1));
    // Make the COPY of the next unit wait inside the server, on an advisory lock this session holds.
    const blocker = await withAdminClient();
    await blocker.query('SELECT pg_advisory_lock(4242)');
    await admin(`CREATE FUNCTION "${warehouse.schema}".hold() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_advisory_lock_shared(4242); PERFORM pg_advisory_unlock_shared(4242); RETURN NEW; END $$`);
    await admin(`CREATE TRIGGER hold BEFORE INSERT ON "${warehouse.schema}"."_sync_session_stage_${TABLE}" FOR EACH ROW EXECUTE FUNCTION "${warehouse.schema}".hold()`);
    const running = runOn(warehouse, units()).catch((error: unknown) => error);
    let copying = 0;
    await vi.waitFor(
      async () => {
        const { rows } = await blocker.query(`SELECT pid FROM pg_stat_activity WHERE application_name = 'x-sync' AND query LIKE 'COPY%' AND wait_event_type = 'Lock'`);
        expect(rows).toHaveLength(1);
        copying = rows[0].pid as number;
      },
      { timeout: 15_000, interval: 50 },
    );
    await blocker.query('SELECT pg_terminate_backend($1)', [copying]);
    await blocker.query('SELECT pg_advisory_unlock(4242)');
    await blocker.end();

    const error = await running;
    expect(error).toBeInstanceOf(DestinationError);
    expect(error).toMatchObject({ reason: 'connection-lost', code: '57P01' });
    expect((error as Error).message).toContain('rolled back');
    expect(await firstUnitOnly(warehouse)).toBe(true);

    await admin(`DROP TRIGGER hold ON "${warehouse.schema}"."_sync_session_stage_${TABLE}"`);
    expect((await runOn(warehouse, units())).status).toBe('succeeded');
    expect(await warehouse.rows(TABLE)).toEqual(expected);
  });

  it('a statement timeout during the merge fails the stream with a clear error, and the rerun completes it', async () => {
    await runOn(warehouse, units().slice(0, 1));
    await admin(`CREATE FUNCTION "${warehouse.schema}".slow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(60); RETURN NULL; END $$`);
    await admin(`CREATE TRIGGER slow BEFORE INSERT ON "${warehouse.schema}"."${TABLE}" FOR EACH STATEMENT EXECUTE FUNCTION "${warehouse.schema}".slow()`);
    const limited = new URL(url!);
    limited.searchParams.set('options', '-c statement_timeout=300');

    const summary = await runOn(warehouse, units(), { url: limited.toString() });
    expect(summary.streams[TABLE]).toMatchObject({ status: 'failed', error: 'DestinationError' });
    expect(summary.streams[TABLE]!.message).toMatch(/merging into spruce_test_items failed: statement timeout \(SQLSTATE 57014\)/);

    await admin(`DROP TRIGGER slow ON "${warehouse.schema}"."${TABLE}"`);
    expect((await runOn(warehouse, units())).status).toBe('succeeded');
    expect(await warehouse.rows(TABLE)).toEqual(expected);
  });

  it('a full disk (a trigger raising SQLSTATE 53100 disk_full on insert) fails the stream, and the rerun completes it', async () => {
    await runOn(warehouse, units().slice(0, 1));
    await admin(
      `CREATE FUNCTION "${warehouse.schema}".disk_full_sim() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$`,
    );
    await admin(`CREATE TRIGGER disk_full_sim BEFORE INSERT ON "${warehouse.schema}"."${TABLE}" FOR EACH STATEMENT EXECUTE FUNCTION "${warehouse.schema}".disk_full_sim()`);

    const summary = await runOn(warehouse, units());
    expect(summary.streams[TABLE]).toMatchObject({ status: 'failed', error: 'DestinationError' });
    expect(summary.streams[TABLE]!.message).toMatch(/insufficient resources \(disk full or quota\) \(SQLSTATE 53100\)/);

    await admin(`DROP TRIGGER disk_full_sim ON "${warehouse.schema}"."${TABLE}"`);
    expect((await runOn(warehouse, units())).status).toBe('succeeded');
    expect(await warehouse.rows(TABLE)).toEqual(expected);
  });

  it('a wrong password is refused with the user named and no password in the message, and nothing is written', async () => {
    const wrong = new URL(url!);
    wrong.password = 'not-the-password';
    const error = await runOn(warehouse, units(), { url: wrong.toString() }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DestinationError);
    expect(error).toMatchObject({ reason: 'authentication', code: '28P01' });
    expect((error as Error).message).toContain('connecting failed: authentication');
    expect((error as Error).message).not.toContain('not-the-password');
    expect((error as Error).message).not.toContain(new URL(url!).password);
    expect(await warehouse.rows(TABLE)).toEqual([]);
    // The CLI says what to do once: the message already does, so no hint is added to it.
    const cli = await runCli(['status', '--db', wrong.toString()], {});
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/^x-sync: DestinationError: .*; check the user and password \(in the URL or PGPASSWORD\); nothing was written\n$/);
    expect(cli.stderr).not.toContain('not-the-password');
  });

  it('a connection never made says why and what to do, and no unit: no password given (a cron job without PGPASSWORD), a database that does not exist, SSL the server does not offer', async () => {
    const given = new URL(url!);
    const changed = (change: (target: URL) => void) => {
      const target = new URL(given.toString());
      change(target);
      return target.toString();
    };
    const cases = [
      {
        db: changed((target) => (target.password = '')),
        says: 'connecting failed: the server asks for a password and none was given; set PGPASSWORD (or put the password in the URL); nothing was written',
        reason: 'authentication',
      },
      {
        db: changed((target) => (target.pathname = '/no_such_database')),
        says: 'connecting failed: the database named in the URL does not exist (SQLSTATE 3D000); create it, or fix the database name at the end of the URL; nothing was written',
        reason: 'failed',
      },
      {
        // verify-full: what pg makes of require too, without its warning about that.
        db: changed((target) => target.searchParams.set('sslmode', 'verify-full')),
        says: 'connecting failed: the URL asks for SSL (sslmode) and the server does not offer it; enable SSL on the server, or drop sslmode from the URL where the network is trusted; nothing was written',
        reason: 'failed',
      },
    ];
    const password = process.env.PGPASSWORD;
    delete process.env.PGPASSWORD;
    try {
      for (const { db, says, reason } of cases) {
        const error = await new PostgresDestination({ url: db }).open({ readOnly: true }).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(DestinationError);
        expect(error).toMatchObject({ reason });
        expect((error as Error).message).toBe(`PostgreSQL at ${redactUrl(db)}: ${says}`);
        const cli = await runCli(['status', '--db', db], {});
        expect(cli).toMatchObject({ code: 1, stderr: `x-sync: DestinationError: PostgreSQL at ${redactUrl(db)}: ${says}\n` });
        expect(cli.stderr).not.toContain(given.password);
      }
    } finally {
      if (password !== undefined) process.env.PGPASSWORD = password;
    }
  });
});

/** Whether the table holds exactly what the first unit committed: nothing of the unit that failed. */
async function firstUnitOnly(warehouse: PgWarehouse): Promise<boolean> {
  const rows = (await warehouse.rows(TABLE)).map((row) => `${row[0]}:${row[4]}`);
  return rows.join(' ') === 'm1:1 m2:2';
}

async function withAdminClient() {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url! });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

// The restart test gets a cluster of its own: restarting the shared one would break the other test files running beside it.
describe.skipIf(!url)('PostgreSQL restarting in the middle of a load', () => {
  let cluster: { url: string; dir: string };
  beforeAll(async () => {
    const { stdout } = await promisify(execFile)('bash', [CLUSTER_SCRIPT, 'start']);
    const value = (name: string) => /export \w+=(.*)/.exec(stdout.split('\n').find((line) => line.startsWith(`export ${name}=`)) ?? '')?.[1] ?? '';
    cluster = { url: value('X_SYNC_TEST_PG_URL'), dir: value('X_SYNC_TEST_PG_DIR') };
  }, 60_000);
  afterAll(async () => {
    if (cluster?.dir) await promisify(execFile)('bash', [CLUSTER_SCRIPT, 'stop', cluster.dir]);
  }, 60_000);

  it('fails the run with connection-lost, and once the server is back the rerun ends as one clean run', async () => {
    const expected = await cleanRows(cluster.url);
    const warehouse = await postgresWarehouse(cluster.url);
    try {
      const restart = async () => {
        await promisify(execFile)('bash', [CLUSTER_SCRIPT, 'restart', cluster.dir]);
      };
      const error = await runOn(warehouse, units(restart)).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DestinationError);
      expect(error).toMatchObject({ reason: 'connection-lost' });
      expect(await firstUnitOnly(warehouse)).toBe(true);

      expect((await runOn(warehouse, units())).status).toBe('succeeded');
      expect(await warehouse.rows(TABLE)).toEqual(expected);
    } finally {
      await warehouse.dispose();
    }
  }, 60_000);
});
