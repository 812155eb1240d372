import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimColumnName, columnName } from '../src/sources/columns.js';
import { sync } from '../src/sync.js';
import { memorySource, warehouseKinds, type Warehouse } from './helpers/index.js';

const TABLE = 'spruce_test_items';
// 70 characters once snake-cased: past PostgreSQL's 63-byte identifiers, which it cuts silently.
const LONG = 'Patient Preferred Language For Written Communication Other Description';
const SHORTENED = 'patient_preferred_language_for_written_communication_other_desc';

describe('column names', () => {
  it('are at most 63 characters, a name claimed twice included', () => {
    expect(columnName(LONG)).toBe(SHORTENED);
    const taken = new Set<string>();
    expect(claimColumnName(columnName(LONG), taken)).toBe(SHORTENED);
    expect(claimColumnName(columnName(`${LONG} Second`), taken)).toBe(`${SHORTENED.slice(0, 62)}_`);
    expect(claimColumnName('visit_id', new Set(['visit_id']))).toBe('visit_id_');
  });
});

describe.each(warehouseKinds())('a field whose name is longer than 63 characters on $kind', ({ create }) => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await create();
  });
  afterEach(async () => {
    await warehouse.dispose();
  });

  const run = (id: string) =>
    sync({
      db: warehouse.open(),
      sources: [
        memorySource({
          table: TABLE,
          columns: [{ wire: 'id', name: 'id', type: 'TEXT' }],
          units: [{ id, batches: [[{ id: 'v1', [LONG]: 'Dutch', [`${LONG} Second`]: 'German' }]], merge: { kind: 'upsert', key: ['id'] } }],
        }),
      ],
    });

  it('becomes the same shortened column on both destinations, and later runs still load', async () => {
    expect((await run('u1')).streams[TABLE]).toMatchObject({ status: 'succeeded', inserted: 1 });
    // PostgreSQL cut the name on CREATE, so the next run saw a column missing and failed adding it (SQLSTATE 42701) every night.
    expect((await run('u2')).streams[TABLE]).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0 });
    const db = warehouse.open();
    await db.open({ readOnly: true });
    try {
      expect((await db.describeTable(TABLE))?.map((column) => column.name)).toEqual(['id', SHORTENED, `${SHORTENED.slice(0, 62)}_`]);
    } finally {
      await db.close();
    }
    expect(await warehouse.rows(TABLE)).toEqual([['v1', expect.any(String), 'Dutch', 'German']]);
  });
});
