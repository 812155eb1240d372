import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PostgresDestination } from '../src/destinations/postgres/postgres-destination.js';
import { sync } from '../src/sync.js';
import { ALL_TYPES, memorySource, postgresUrl, typedRow, withAdmin } from './helpers/index.js';

const url = postgresUrl();
const TABLE = 'spruce_test_items';

describe.skipIf(!url)('PostgreSQL with the least-privilege role of docs/sync-postgres.md', () => {
  const suffix = randomBytes(4).toString('hex');
  const role = `x_sync_${suffix}`;
  const readers = `readers_${suffix}`;
  const schema = `exports_${suffix}`;
  const password = randomBytes(12).toString('hex');
  const database = () => new URL(url!).pathname.slice(1);

  beforeEach(async () => {
    // Exactly the documented setup: no other grant.
    await withAdmin(url!, async (client) => {
      await client.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
      await client.query(`GRANT CONNECT, TEMPORARY ON DATABASE "${database()}" TO ${role}`);
      await client.query(`CREATE SCHEMA ${schema} AUTHORIZATION ${role}`);
      await client.query(`CREATE ROLE ${readers}`);
      await client.query(`GRANT USAGE ON SCHEMA ${schema} TO ${readers}`);
      await client.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${role} IN SCHEMA ${schema} GRANT SELECT ON TABLES TO ${readers}`);
    });
  });
  afterEach(async () => {
    await withAdmin(url!, async (client) => {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.query(`DROP OWNED BY ${readers}`);
      await client.query(`DROP ROLE IF EXISTS ${readers}`);
      await client.query(`DROP OWNED BY ${role}`);
      await client.query(`DROP ROLE IF EXISTS ${role}`);
    });
  });

  it('without TEMPORARY on the database, a merge into a table that has rows fails naming the missing privilege, and writes nothing', async () => {
    const roleUrl = new URL(url!);
    roleUrl.username = role;
    roleUrl.password = password;
    const run = (id: number) =>
      sync({
        db: new PostgresDestination({ url: roleUrl.toString(), schema, lockWaitMs: 0 }),
        sources: [memorySource({ table: TABLE, columns: ALL_TYPES, units: [{ id: `u${id}`, batches: [[typedRow(id)]], merge: { kind: 'upsert', key: ['id'] } }] })],
        now: new Date('2024-06-01T00:00:00Z'),
      });
    // A first load inserts straight from staging; a later merge needs a temporary table.
    expect((await run(1)).streams[TABLE]).toMatchObject({ status: 'succeeded' });
    await withAdmin(url!, async (client) => {
      await client.query(`REVOKE TEMPORARY ON DATABASE "${database()}" FROM PUBLIC`);
      await client.query(`REVOKE TEMPORARY ON DATABASE "${database()}" FROM ${role}`);
    });
    try {
      const summary = await run(2);
      expect(summary.streams[TABLE]).toMatchObject({ status: 'failed', error: 'DestinationError' });
      expect(summary.streams[TABLE]!.message).toMatch(/merging into spruce_test_items failed: permission denied \(SQLSTATE 42501\).*TEMPORARY/);
      // The unit's transaction is rolled back whole: the table holds the first run's row only.
      const ids = await withAdmin(url!, async (client) => (await client.query(`SELECT id FROM ${schema}.${TABLE} ORDER BY id`)).rows.map((row) => String(row.id)));
      expect(ids).toEqual(['m1']);
    } finally {
      await withAdmin(url!, (client) => client.query(`GRANT TEMPORARY ON DATABASE "${database()}" TO PUBLIC`));
    }
  });

  it('runs, adds a column the vendor started sending, and its tables are readable by the readers role; the password comes from PGPASSWORD', async () => {
    const roleUrl = new URL(url!);
    roleUrl.username = role;
    roleUrl.password = '';
    const saved = process.env.PGPASSWORD;
    process.env.PGPASSWORD = password;
    try {
      const run = (id: string, extra: Record<string, string>) =>
        sync({
          db: new PostgresDestination({ url: roleUrl.toString(), schema, lockWaitMs: 0 }),
          sources: [memorySource({ table: TABLE, columns: ALL_TYPES, units: [{ id, batches: [[typedRow(1, extra)]], merge: { kind: 'upsert', key: ['id'] } }] })],
          now: new Date('2024-06-01T00:00:00Z'),
        });
      expect((await run('u1', {})).status).toBe('succeeded');
      expect((await run('u2', { priority: 'high' })).status).toBe('succeeded');
    } finally {
      if (saved === undefined) delete process.env.PGPASSWORD;
      else process.env.PGPASSWORD = saved;
    }
    const rows = await withAdmin(url!, async (client) => {
      await client.query(`SET ROLE ${readers}`);
      return (await client.query(`SELECT id, priority FROM ${schema}.${TABLE}`)).rows;
    });
    expect(rows).toEqual([{ id: 'm1', priority: 'high' }]);
  });
});
