import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dexCareHandlers } from '@x/dexcare-reporting/testing';
import type { SyncEvent } from '../src/engine/events.js';
import { SchemaMismatchError } from '../src/errors/sync-errors.js';
import { sync } from '../src/sync.js';
import { serveHandlers } from '../src/testing.js';
import { ALL_TYPES, memorySource, typedRow, warehouseKinds, type MemoryUnit, type Warehouse } from './helpers/index.js';

const TABLE = 'spruce_test_items';
const NOW = new Date('2024-06-01T00:00:00Z');

// One suite, every destination: the same behaviours on DuckDB and on a real PostgreSQL.
describe.each(warehouseKinds())('sync behaviours on $kind', ({ create }) => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await create();
  });
  afterEach(async () => {
    await warehouse.dispose();
  });

  async function run(units: readonly MemoryUnit[], options: { columns?: typeof ALL_TYPES; softDelete?: boolean } = {}) {
    const events: SyncEvent[] = [];
    const source = memorySource({ table: TABLE, columns: options.columns ?? ALL_TYPES, softDelete: options.softDelete ?? false, units });
    const summary = await sync({ db: warehouse.open(), sources: [source], now: NOW, onProgress: (event) => events.push(event) });
    return { summary, events };
  }

  it('keeps every type as the model says and reads each value back', async () => {
    const { summary } = await run([{ id: 'u1', batches: [[typedRow(1), typedRow(2, { score: null, data: null })]], merge: { kind: 'upsert', key: ['id'] } }]);
    expect(summary.status).toBe('succeeded');
    const db = warehouse.open();
    await db.open({ readOnly: true });
    expect(await db.describeTable(TABLE)).toEqual(ALL_TYPES.map(({ name, type }) => ({ name, type })));
    await db.close();
    const rows = await warehouse.rows(TABLE);
    expect(rows).toHaveLength(2);
    expect(rows[0]![0]).toBe('m1');
    expect(rows[0]![4]).toBe('1');
    expect(rows[0]![6]).toBe('false');
    expect(JSON.parse(rows[0]![7]!)).toEqual({ n: 1, tags: ['a', 'b'] });
    expect(rows[1]![5]).toBe('');
  });

  it('a second run with nothing new changes no row', async () => {
    const units: MemoryUnit[] = [{ id: 'u1', batches: [[typedRow(1), typedRow(2)]], merge: { kind: 'upsert', key: ['id'] } }];
    await run(units);
    const before = await warehouse.rows(TABLE);
    // The same rows again under a new unit id: merged, not duplicated, and nothing rewritten.
    const { summary } = await run([{ ...units[0]!, id: 'u2' }]);
    expect(summary.streams[TABLE]).toMatchObject({ rows: 2, inserted: 0, updated: 0, deleted: 0 });
    expect(await warehouse.rows(TABLE)).toEqual(before);
  });

  it('upserts on the key: the last staged row of a key wins, a changed row is updated once', async () => {
    await run([{ id: 'u1', batches: [[typedRow(1), typedRow(2)]], merge: { kind: 'upsert', key: ['id'] } }]);
    const { summary } = await run([{ id: 'u2', batches: [[typedRow(2, { count: 20 })], [typedRow(2, { count: 200 }), typedRow(3)]], merge: { kind: 'upsert', key: ['id'] } }]);
    expect(summary.streams[TABLE]).toMatchObject({ inserted: 1, updated: 1 });
    const rows = await warehouse.rows(TABLE);
    expect(rows.map((row) => [row[0], row[4]])).toEqual([['m1', '1'], ['m2', '200'], ['m3', '3']]);
  });

  it('newer wins: an older copy of a message delivered late does not replace the newer one', async () => {
    const merge = { kind: 'upsert', key: ['id'], newerThan: 'sent_at' } as const;
    await run([{ id: 'u1', batches: [[typedRow(5, { count: 2 })]], merge }]);
    await run([{ id: 'u2', batches: [[typedRow(4, { id: 'm5', count: 1 })]], merge }]);
    expect((await warehouse.rows(TABLE)).map((row) => row[4])).toEqual(['2']);
  });

  it('a snapshot marks rows gone from it deleted and brings back rows that return', async () => {
    const at = new Date('2024-05-02T00:00:00Z');
    await run([{ id: 's1', batches: [[typedRow(1), typedRow(2)]], merge: { kind: 'snapshot', key: ['id'], at } }], { softDelete: true });
    await run([{ id: 's2', batches: [[typedRow(1)]], merge: { kind: 'snapshot', key: ['id'], at } }], { softDelete: true });
    const rows = await warehouse.rows(TABLE);
    const deletedAt = rows.map((row) => row.at(-1));
    expect(deletedAt[0]).toBe('');
    expect(Date.parse(deletedAt[1]!.replace(' ', 'T').replace(/\+00$/, 'Z'))).toBe(at.getTime());
  });

  it('replaces a window of rows without an id, duplicates included, and leaves other days alone', async () => {
    const window = { kind: 'replace-window', column: 'day', from: '2024-05-02', to: '2024-05-03' } as const;
    await run([{ id: 'w0', batches: [[typedRow(0)]], merge: { kind: 'append' } }]);
    await run([{ id: 'w1', batches: [[typedRow(1), typedRow(1), typedRow(2)]], merge: window }]);
    expect((await warehouse.rows(TABLE)).map((row) => row[0])).toEqual(['m0', 'm1', 'm1', 'm2']);
    await run([{ id: 'w2', batches: [[typedRow(1), typedRow(2), typedRow(2)]], merge: window }]);
    expect((await warehouse.rows(TABLE)).map((row) => row[0])).toEqual(['m0', 'm1', 'm2', 'm2']);
  });

  it('a DexCare AVR report with no rows (a day without visits) on a new stream commits, and later reports still upsert on the visit id', async () => {
    const night = async (visits: { rows: number; type?: string }) => {
      const mock = dexCareHandlers({ avr: { visits } });
      const server = await serveHandlers(mock.handlers, mock.baseUrl);
      try {
        return await sync({
          db: warehouse.open(),
          sources: { dexcare: { baseUrl: server.url, serviceKey: mock.serviceKey, avrTypes: ['virtual'], avrPollIntervalMs: 5 } },
          streams: ['dexcare_avr_virtual'],
          since: '2024-06-01',
          now: new Date('2024-06-02T12:00:00Z'),
        });
      } finally {
        await server.close();
      }
    };
    // The empty report failed the stream on DuckDB every night (a table of no columns), and on
    // PostgreSQL fixed its key to the row hash: a visit whose values changed was then kept twice.
    expect((await night({ rows: 0 })).status).toBe('succeeded');
    expect((await night({ rows: 5 })).streams.dexcare_avr_virtual).toMatchObject({ status: 'succeeded' });
    const corrected = await night({ rows: 5, type: 'Virtual (corrected)' });
    expect(corrected.streams.dexcare_avr_virtual).toMatchObject({ status: 'succeeded', inserted: 0, updated: 5 });
    const rows = await warehouse.query(`SELECT visit_type, count(*) AS n FROM dexcare_avr_virtual GROUP BY visit_type`);
    expect(rows).toEqual([{ visit_type: 'Virtual (corrected)', n: '5' }]);
  });

  it('a run killed in the middle of a unit, run again, ends as one clean run', async () => {
    const units = (fault?: () => void): MemoryUnit[] => [
      { id: 'u1', batches: [[typedRow(1)], [typedRow(2)]], merge: { kind: 'append' } },
      { id: 'u2', batches: [[typedRow(3)], [typedRow(4)], [typedRow(5)]], merge: { kind: 'upsert', key: ['id'] }, ...(fault ? { before: { batch: 2, run: fault } } : {}) },
    ];
    const clean = await create();
    try {
      await sync({ db: clean.open(), sources: [memorySource({ table: TABLE, columns: ALL_TYPES, units: units() })], now: NOW });
      const first = await run(
        units(() => {
          throw new Error('killed');
        }),
      );
      expect(first.summary.status).toBe('failed');
      expect(await warehouse.rows(TABLE)).toEqual((await clean.rows(TABLE)).slice(0, 2));
      await run(units());
      expect(await warehouse.rows(TABLE)).toEqual(await clean.rows(TABLE));
    } finally {
      await clean.dispose();
    }
  });

  it('a column the vendor adds later is added to the table with a notice in the run output', async () => {
    await run([{ id: 'u1', batches: [[typedRow(1)]], merge: { kind: 'upsert', key: ['id'] } }]);
    const { events } = await run([{ id: 'u2', batches: [[typedRow(2, { priority: 'high' })]], merge: { kind: 'upsert', key: ['id'] } }]);
    const notice = events.find((event) => event.event === 'notice' && event.code === 'column-added');
    expect(notice).toMatchObject({ message: expect.stringContaining(`table ${TABLE}: new column priority (TEXT)`) });
    expect(JSON.stringify(events)).not.toContain('high');
    const rows = await warehouse.rows(TABLE);
    expect(rows.map((row) => row.at(-1))).toEqual(['', 'high']);
  });

  it('a type that no longer fits fails naming table and column, and writes no row of that unit', async () => {
    await run([{ id: 'u1', batches: [[typedRow(1)]], merge: { kind: 'upsert', key: ['id'] } }]);
    const before = await warehouse.rows(TABLE);
    // The vendor starts sending text in a column that was a count; the first batch still fits.
    const { summary, events } = await run([{ id: 'u2', batches: [[typedRow(2)], [typedRow(3, { count: 'three' })]], merge: { kind: 'upsert', key: ['id'] } }]);
    expect(summary.streams[TABLE]).toMatchObject({ status: 'failed', error: SchemaMismatchError.name });
    expect(summary.streams[TABLE]!.message).toContain(`column count of table ${TABLE}`);
    expect(JSON.stringify(events)).not.toContain('three');
    expect(await warehouse.rows(TABLE)).toEqual(before);
  });

  it('a table whose column has another type than the model is refused before any row is written', async () => {
    await run([{ id: 'u1', batches: [[typedRow(1)]], merge: { kind: 'upsert', key: ['id'] } }]);
    const changed = ALL_TYPES.map((column) => (column.name === 'day' ? { ...column, type: 'TIMESTAMP' as const } : column));
    const { summary } = await run([{ id: 'u2', batches: [[typedRow(2, { day: '2024-05-02T00:00:00' })]], merge: { kind: 'upsert', key: ['id'] } }], { columns: changed });
    expect(summary.streams[TABLE]).toMatchObject({ status: 'failed', error: SchemaMismatchError.name });
    expect(summary.streams[TABLE]!.message).toContain(`column day of table ${TABLE}: the table has DATE, the rows now need TIMESTAMP`);
    expect(await warehouse.rows(TABLE)).toHaveLength(1);
  });

  it('sync() opens the destination it is given and closes it: one already open is refused before anything runs, and one used after says it is closed', async () => {
    const source = () => memorySource({ table: TABLE, columns: ALL_TYPES, units: [{ id: 'u1', batches: [[typedRow(1)]], merge: { kind: 'upsert', key: ['id'] } }] });
    const opened = warehouse.open();
    await opened.open({ readOnly: false });
    try {
      await expect(sync({ db: opened, sources: [source()], now: NOW })).rejects.toThrow(`the destination ${opened.location} is already open: sync() opens the destination it is given and closes it when done`);
    } finally {
      await opened.close();
    }
    expect(await warehouse.rows(TABLE)).toEqual([]);
    const given = warehouse.open();
    expect((await sync({ db: given, sources: [source()], now: NOW })).status).toBe('succeeded');
    await expect(given.countRows(TABLE)).rejects.toThrow(`the destination ${given.location} is not open`);
  });
});
