import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SchemaMismatchError, type Destination, type MergePlan, type StreamColumn, type TableSpec } from '../src/index.js';
import { RowEncoder } from '../src/engine/row-encoder.js';
import { warehouseKinds, type Warehouse } from './helpers/index.js';

const COLUMNS: StreamColumn[] = [
  { wire: 'id', name: 'id', type: 'TEXT' },
  { wire: 'at', name: 'at', type: 'TIMESTAMPTZ' },
  { wire: 'n', name: 'n', type: 'BIGINT' },
];

// The same merges, counts and rollbacks on both destinations (PostgreSQL when X_SYNC_TEST_PG_URL is set).
describe.each(warehouseKinds())('$kind destination: merges write only what changed, in one transaction', ({ create }) => {
  let warehouse: Warehouse;
  let db: Destination;
  let run = 0;

  beforeEach(async () => {
    warehouse = await create();
    db = warehouse.open();
    await db.open({ readOnly: false });
  });
  afterEach(async () => {
    await db.close();
    await warehouse.dispose();
  });

  async function load(rows: Record<string, unknown>[], merge: MergePlan, options: { softDelete?: boolean; table?: string; columns?: StreamColumn[] } = {}) {
    const columns = options.columns ?? COLUMNS;
    // Staged as the engine stages: without the hash where the destination computes it.
    const encoder = new RowEncoder(options.table ?? 't', columns, { hashRows: !db.hashesStagedRows });
    const spec = { name: options.table ?? 't', columns, softDelete: options.softDelete ?? false };
    await db.ensureTable(spec);
    run += 1;
    return db.transaction(async (tx) => {
      await tx.stage(spec, 'u', encoder.stagedColumns(), encoder.encode(rows as never));
      return tx.merge(spec, 'u', merge, run);
    });
  }
  const at = (day: number) => new Date(Date.UTC(2024, 4, day));
  const rows = async (sql = 'SELECT id, n, _sync_run_id AS run FROM t ORDER BY id, n') => {
    await db.close();
    const result = await warehouse.query(sql);
    db = warehouse.open();
    await db.open({ readOnly: false });
    return result;
  };

  it('upsert: the last staged row of a key wins, an unchanged row keeps its run id, an older row does not replace a newer one', async () => {
    expect(await load([{ id: 'a', at: at(1), n: 1 }, { id: 'a', at: at(2), n: 2 }, { id: 'b', at: at(1), n: 1 }], { kind: 'upsert', key: ['id'], newerThan: 'at' })).toEqual({ inserted: 2, updated: 0, deleted: 0 });
    expect(await load([{ id: 'a', at: at(2), n: 2 }, { id: 'b', at: at(3), n: 5 }], { kind: 'upsert', key: ['id'], newerThan: 'at' })).toEqual({ inserted: 0, updated: 1, deleted: 0 });
    expect(await load([{ id: 'b', at: at(1), n: 9 }], { kind: 'upsert', key: ['id'], newerThan: 'at' })).toEqual({ inserted: 0, updated: 0, deleted: 0 });
    expect(await rows()).toEqual([
      { id: 'a', n: '2', run: '1' },
      { id: 'b', n: '5', run: '2' },
    ]);
  });

  it('replace-window: rows without an id, duplicates kept, only the window rewritten, identical re-read changes nothing', async () => {
    const window: MergePlan = { kind: 'replace-window', column: 'at', from: '2024-05-01', to: '2024-05-02' };
    const wide: MergePlan = { kind: 'replace-window', column: 'at', from: '2024-05-01', to: '2024-05-05' };
    expect(await load([{ id: 'x', at: at(1), n: 1 }, { id: 'x', at: at(1), n: 1 }, { id: 'y', at: at(2), n: 1 }, { id: 'z', at: at(5), n: 1 }], wide)).toMatchObject({ inserted: 4 });
    expect(await load([{ id: 'x', at: at(1), n: 1 }, { id: 'x', at: at(1), n: 1 }, { id: 'y', at: at(2), n: 1 }], window)).toEqual({ inserted: 0, updated: 0, deleted: 0 });
    // Rows of a hash whose count changed are rewritten; y left the window; w is new.
    expect(await load([{ id: 'x', at: at(1), n: 1 }, { id: 'w', at: at(2), n: 3 }], window)).toEqual({ inserted: 2, updated: 0, deleted: 3 });
    expect((await rows()).map((r) => r.id)).toEqual(['w', 'x', 'z']);
    expect(await load([{ id: 'x', at: at(1), n: 1 }, { id: 'x', at: at(1), n: 1 }], window)).toEqual({ inserted: 2, updated: 0, deleted: 2 });
    expect((await rows()).map((r) => r.id)).toEqual(['x', 'x', 'z']);
  });

  it('replace-window: a row dated outside its window, or not dated at all, is kept once however often the window is read again', async () => {
    // Luscii filters by a creation date its rows may not carry as the column's date (a null
    // Alert_Created_Date, a day boundary in another zone): such a row is in no window's scope.
    const window: MergePlan = { kind: 'replace-window', column: 'at', from: '2024-05-02', to: '2024-05-03' };
    const read = [{ id: 'in', at: at(2), n: 1 }, { id: 'before', at: at(1), n: 1 }, { id: 'undated', n: 1 }];
    expect(await load(read, window)).toMatchObject({ inserted: 3 });
    expect(await load(read, window)).toEqual({ inserted: 0, updated: 0, deleted: 0 });
    expect(await load([...read, { id: 'undated', n: 2 }], window)).toEqual({ inserted: 1, updated: 0, deleted: 0 });
    expect((await rows()).map((r) => `${r.id}:${r.n}`)).toEqual(['before:1', 'in:1', 'undated:1', 'undated:2']);
  });

  it('snapshot: rows gone are marked _sync_deleted_at, rows back are revived, nothing else is touched', async () => {
    const snapshot = (day: number): MergePlan => ({ kind: 'snapshot', key: ['id'], at: at(day) });
    await load([{ id: 'a', at: at(1), n: 1 }, { id: 'b', at: at(1), n: 1 }], snapshot(1), { softDelete: true });
    expect(await load([{ id: 'a', at: at(1), n: 1 }], snapshot(2), { softDelete: true })).toEqual({ inserted: 0, updated: 0, deleted: 1 });
    expect(await load([{ id: 'a', at: at(1), n: 1 }], snapshot(3), { softDelete: true })).toEqual({ inserted: 0, updated: 0, deleted: 0 });
    expect(await rows('SELECT id, _sync_deleted_at IS NOT NULL AS gone FROM t ORDER BY id')).toEqual([
      { id: 'a', gone: false },
      { id: 'b', gone: true },
    ]);
    expect(await load([{ id: 'a', at: at(1), n: 1 }, { id: 'b', at: at(1), n: 1 }], snapshot(4), { softDelete: true })).toEqual({ inserted: 0, updated: 1, deleted: 0 });
  });

  it('a key staged more than once keeps its last row: a composite key with a NULL part, and the row hash of an appended table', async () => {
    const upsert: MergePlan = { kind: 'upsert', key: ['id', 'at'] };
    expect(await load([{ id: 'a', n: 1 }, { id: 'b', at: at(1), n: 1 }, { id: 'a', n: 2 }, { id: 'b', at: at(1), n: 3 }, { id: 'b', at: at(2), n: 4 }], upsert)).toEqual({ inserted: 3, updated: 0, deleted: 0 });
    expect((await rows()).map((r) => `${r.id}:${r.n}`)).toEqual(['a:2', 'b:3', 'b:4']);
    expect(await load([{ id: 'x', n: 1 }, { id: 'x', n: 1 }, { id: 'y', n: 1 }], { kind: 'append' }, { table: 'log' })).toEqual({ inserted: 2, updated: 0, deleted: 0 });
    expect(await load([{ id: 'x', n: 1 }, { id: 'z', n: 1 }, { id: 'z', n: 1 }], { kind: 'append' }, { table: 'log' })).toEqual({ inserted: 1, updated: 0, deleted: 0 });
    expect((await rows('SELECT id FROM log ORDER BY id')).map((r) => r.id)).toEqual(['x', 'y', 'z']);
  });

  it('replace-set: each parent present gets exactly the staged set; other parents are untouched', async () => {
    await load([{ id: 'p1', n: 1 }, { id: 'p1', n: 2 }, { id: 'p2', n: 1 }], { kind: 'append' });
    await load([{ id: 'p1', n: 2 }, { id: 'p1', n: 3 }], { kind: 'replace-set', parent: ['id'] });
    expect((await rows()).map((r) => `${r.id}:${r.n}`)).toEqual(['p1:2', 'p1:3', 'p2:1']);
  });

  it('replace-set: a staged row with only its parent names a parent whose set is now empty, and is never inserted (first load included)', async () => {
    await load([{ id: 'p1', n: 1 }, { id: 'p2' }], { kind: 'replace-set', parent: ['id'] });
    expect((await rows()).map((r) => `${r.id}:${r.n}`)).toEqual(['p1:1']);
    await load([{ id: 'p2', n: 1 }], { kind: 'append' });
    await load([{ id: 'p1' }, { id: 'p3' }, { id: 'p3', n: 3 }], { kind: 'replace-set', parent: ['id'] });
    expect((await rows()).map((r) => `${r.id}:${r.n}`)).toEqual(['p2:1', 'p3:3']);
    await load([{ id: 'p4' }, { id: 'p5', n: 5 }], { kind: 'replace-set', parent: ['id'], existing: 'keep' });
    expect((await rows()).map((r) => `${r.id}:${r.n}`)).toEqual(['p2:1', 'p3:3', 'p5:5']);
  });

  it('existing: keep (an older period delivered late) inserts only new keys and the sets of new parents, and leaves every row the table has', async () => {
    await load([{ id: 'a', at: at(2), n: 2 }], { kind: 'upsert', key: ['id'], newerThan: 'at' });
    // A tie on newerThan would replace the row; kept, only c goes in.
    expect(await load([{ id: 'a', at: at(2), n: 1 }, { id: 'c', at: at(1), n: 1 }], { kind: 'upsert', key: ['id'], newerThan: 'at', existing: 'keep' })).toEqual({ inserted: 1, updated: 0, deleted: 0 });
    expect((await rows()).map((r) => `${r.id}:${r.n}`)).toEqual(['a:2', 'c:1']);
    await load([{ id: 'p1', n: 5 }], { kind: 'replace-set', parent: ['id'] }, { table: 'sets' });
    expect(await load([{ id: 'p1', n: 4 }, { id: 'p2', n: 4 }], { kind: 'replace-set', parent: ['id'], existing: 'keep' }, { table: 'sets' })).toMatchObject({ inserted: 1, deleted: 0 });
    expect((await rows('SELECT id, n FROM sets ORDER BY id, n')).map((r) => `${r.id}:${r.n}`)).toEqual(['p1:5', 'p2:4']);
  });

  it('_sync_row_hash is the engine\'s hash of the row whichever side computes it, so rows loaded before DuckDB hashed in the merge do not change', async () => {
    const wide: StreamColumn[] = [
      { wire: 'id', name: 'id', type: 'TEXT' },
      { wire: 'note', name: 'note', type: 'TEXT' },
      { wire: 'n', name: 'n', type: 'BIGINT' },
      { wire: 'at', name: 'at', type: 'TIMESTAMPTZ' },
      { wire: 'ok', name: 'ok', type: 'BOOLEAN' },
      { wire: 'meta', name: 'meta', type: 'JSON' },
      { wire: 'score', name: 'score', type: 'DOUBLE' },
      { wire: 'a_b', name: 'a_b', type: 'TEXT' },
    ];
    const sample = [
      { id: 'a', note: 'José 日本, "quoted"\nline', n: 7, at: at(1), ok: true, meta: { k: [1, 'x'] }, score: 1.5, a_b: 'z' },
      { id: 'b', note: '', n: null, at: at(2), ok: false, meta: null, score: -0.25 },
      { id: 'c' },
    ];
    await load(sample, { kind: 'upsert', key: ['id'] }, { table: 'h', columns: wide });
    const engineHashes = new RowEncoder('h', wide).encode(sample as never).map((row) => row.at(-1));
    expect((await rows('SELECT id, _sync_row_hash AS hash FROM h ORDER BY id')).map((row) => row.hash)).toEqual(engineHashes);
  });

  it('a rolled-back unit leaves neither rows nor state (one transaction)', async () => {
    const spec = { name: 't', columns: COLUMNS, softDelete: false };
    await db.ensureTable(spec);
    const encoder = new RowEncoder('t', COLUMNS);
    await expect(
      db.transaction(async (tx) => {
        await tx.stage(spec, 'u', encoder.stagedColumns(), encoder.encode([{ id: 'a', n: 1 }]));
        await tx.merge(spec, 'u', { kind: 'append' }, 1);
        await tx.putState('t', { high: '2024-05-01' });
        throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    expect(await db.getState('t')).toBeUndefined();
    expect(await db.countRows('t')).toBe(0);
  });

  it('staged rows commit with their transaction and go with its rollback, also when no statement followed them', async () => {
    // The durable staging a resumable stream (Luscii) picks up after a crash: a batch staged and
    // committed stays, a batch staged by a unit that then failed is not there.
    const spec = { name: 't', columns: COLUMNS, softDelete: false };
    await db.ensureTable(spec);
    const encoder = new RowEncoder('t', COLUMNS, { hashRows: !db.hashesStagedRows });
    await db.transaction((tx) => tx.stage(spec, 'u', encoder.stagedColumns(), encoder.encode([{ id: 'a', n: 1 }])));
    await expect(
      db.transaction(async (tx) => {
        await tx.stage(spec, 'u', encoder.stagedColumns(), encoder.encode([{ id: 'b', n: 2 }, { id: 'c', n: 3 }]));
        throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    expect(await rows('SELECT id FROM _sync_stage_t ORDER BY id')).toEqual([{ id: 'a' }]);
  });

  it('a new field becomes a column with a notice; a type that no longer fits names table and column and writes nothing', async () => {
    const spec = { name: 't', columns: COLUMNS, softDelete: false };
    await db.ensureTable(spec);
    const notices = await db.ensureTable({ ...spec, columns: [...COLUMNS, { name: 'extra', type: 'TEXT' }] });
    expect(notices).toEqual([{ table: 't', column: 'extra', kind: 'column-added', type: 'TEXT' }]);
    const error = await db.ensureTable({ ...spec, columns: [{ name: 'n', type: 'TIMESTAMPTZ' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaMismatchError);
    expect((error as SchemaMismatchError).message).toContain('column n of table t');
    const encoder = new RowEncoder('t', COLUMNS);
    expect(() => encoder.encode([{ id: 'a', n: 'Jane Doe' }])).toThrow(/column n of table t/);
    expect(() => encoder.encode([{ id: 'a', n: 'Jane Doe' }])).not.toThrow(/Jane/);
  });
});

describe('a DuckDB file written when the engine hashed the rows', () => {
  it('loses the durable staging of a table now staged for the session, with what a killed run left in it', async () => {
    const statements = [
      `CREATE TABLE _sync_stage_t ("_sync_unit" VARCHAR NOT NULL, "_sync_seq" BIGINT NOT NULL, "_sync_row_hash" VARCHAR NOT NULL, id VARCHAR)`,
      `INSERT INTO _sync_stage_t VALUES ('killed-unit', 1, 'h', 'a')`,
    ];
    await withDuckDbFile(statements, async (warehouse) => {
      const db = warehouse.open();
      await db.open({ readOnly: false });
      await db.transaction((tx) => tx.clearStaging!({ name: 't', columns: COLUMNS, softDelete: false, staging: 'session' }));
      await db.close();
      expect(await warehouse.query(`SELECT table_name FROM information_schema.tables WHERE table_name LIKE '%stage%'`)).toEqual([]);
    });
  });

  it('keeps working: its staging table\'s hash column is left empty, and its rows count as unchanged', async () => {
    const old = new RowEncoder('t', COLUMNS).encode([{ id: 'a', n: 1 }]);
    // The tables as the previous version created them, holding one row it loaded.
    const statements = [
      `CREATE TABLE t (id VARCHAR, "at" TIMESTAMPTZ, n BIGINT, _sync_run_id BIGINT NOT NULL, _sync_row_hash VARCHAR NOT NULL)`,
      `CREATE TABLE _sync_stage_t ("_sync_unit" VARCHAR NOT NULL, "_sync_seq" BIGINT NOT NULL, "_sync_row_hash" VARCHAR NOT NULL, id VARCHAR, "at" VARCHAR, n VARCHAR)`,
      `INSERT INTO t VALUES ('a', NULL, 1, 1, '${String(old[0]!.at(-1))}')`,
    ];
    await withDuckDbFile(statements, async (warehouse) => {
      const { db, spec, encoder } = await openTable(warehouse);
      const counts = await db.transaction(async (tx) => {
        await tx.stage(spec, 'u', encoder.stagedColumns(), encoder.encode([{ id: 'a', n: 1 }, { id: 'b', n: 2 }]));
        return tx.merge(spec, 'u', { kind: 'upsert', key: ['id'] }, 2);
      });
      await db.close();
      expect(counts).toEqual({ inserted: 1, updated: 0, deleted: 0 });
      expect(await warehouse.query('SELECT id, _sync_run_id AS run FROM t ORDER BY id')).toEqual([
        { id: 'a', run: '1' },
        { id: 'b', run: '2' },
      ]);
    });
  });
});

describe('DuckDB staged rows held by the appender until the next statement', () => {
  it('a batch whose write fails (a full disk; here a CHECK on the staging table) rolls its unit back and the next unit commits', async () => {
    const statements = [`CREATE TABLE _sync_stage_t ("_sync_unit" VARCHAR NOT NULL, "_sync_seq" BIGINT NOT NULL, id VARCHAR, "at" VARCHAR, n VARCHAR CHECK (n <> '13'))`];
    await withDuckDbFile(statements, async (warehouse) => {
      const { db, spec, encoder } = await openTable(warehouse);
      const load = (rows: Array<Record<string, unknown>>, run: number) =>
        db.transaction(async (tx) => {
          await tx.stage(spec, 'u', encoder.stagedColumns(), encoder.encode(rows as never));
          return tx.merge(spec, 'u', { kind: 'upsert', key: ['id'] }, run);
        });
      await expect(load([{ id: 'a', n: 1 }, { id: 'b', n: 13 }], 1)).rejects.toThrow(/CHECK/);
      expect(await load([{ id: 'c', n: 2 }], 2)).toEqual({ inserted: 1, updated: 0, deleted: 0 });
      await db.close();
      expect(await warehouse.query('SELECT id FROM t ORDER BY id')).toEqual([{ id: 'c' }]);
      expect(await warehouse.query('SELECT count(*) AS n FROM _sync_stage_t')).toEqual([{ n: '0' }]);
    });
  });

  it('a unit that stages batch after batch with no statement between them writes its rows once 20,000 are held, not all at its end', async () => {
    // The bound on what the appenders hold: the failing row of the first batch surfaces while
    // the unit is still staging, when the second batch takes the held rows past 20,000.
    const statements = [`CREATE TABLE _sync_stage_t ("_sync_unit" VARCHAR NOT NULL, "_sync_seq" BIGINT NOT NULL, id VARCHAR, "at" VARCHAR, n VARCHAR CHECK (n <> '13'))`];
    await withDuckDbFile(statements, async (warehouse) => {
      const { db, spec, encoder } = await openTable(warehouse);
      const batch = (first: number) => encoder.encode(Array.from({ length: 10_000 }, (_, i) => ({ id: `r${first + i}`, n: first + i })));
      let staged = 0;
      const error = await db
        .transaction(async (tx) => {
          for (const first of [0, 10_000, 20_000]) {
            await tx.stage(spec, 'u', encoder.stagedColumns(), batch(first));
            staged += 1;
          }
        })
        .catch((e: unknown) => e);
      await db.close();
      expect(String(error)).toMatch(/CHECK/);
      expect(staged).toBe(1);
    });
  });
});

/** Opens `warehouse` with table `t` (COLUMNS) ensured, and an encoder staging rows as the engine does. */
async function openTable(warehouse: Warehouse): Promise<{ db: Destination; spec: TableSpec; encoder: RowEncoder }> {
  const db = warehouse.open();
  await db.open({ readOnly: false });
  const spec = { name: 't', columns: COLUMNS, softDelete: false };
  await db.ensureTable(spec);
  return { db, spec, encoder: new RowEncoder('t', COLUMNS, { hashRows: !db.hashesStagedRows }) };
}

/** `work` on a DuckDB warehouse whose file `statements` wrote first (tables as an older version, or a test, left them). */
async function withDuckDbFile(statements: readonly string[], work: (warehouse: Warehouse) => Promise<void>): Promise<void> {
  const [duck] = warehouseKinds();
  const warehouse = await duck!.create();
  try {
    const file = await DuckDBInstance.create(warehouse.cliArgs[1]);
    const connection = await file.connect();
    for (const statement of statements) await connection.run(statement);
    connection.closeSync();
    file.closeSync();
    await work(warehouse);
  } finally {
    await warehouse.dispose();
  }
}
