import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sync } from '../src/sync.js';
import { memorySource, tempDir, warehouseKinds, type Warehouse } from './helpers/index.js';

const TABLE = 'spruce_test_scores';
const SCORES = [5, 0, -2.5, 0.1, 123456789012345, 1e15, 1e16, 1e21, 1e-7];

describe.each(warehouseKinds())('x-sync export --format csv of a DOUBLE column on $kind', ({ create }) => {
  let warehouse: Warehouse;
  beforeEach(async () => {
    warehouse = await create();
  });
  afterEach(async () => {
    await warehouse.dispose();
  });

  it('writes a whole number as DuckDB does (5.0, not 5), so a loader that guesses types reads a float from either destination', async () => {
    const rows = SCORES.map((score, n) => ({ id: `r${n}`, score }));
    const source = memorySource({
      table: TABLE,
      columns: [
        { wire: 'id', name: 'id', type: 'TEXT' },
        { wire: 'score', name: 'score', type: 'DOUBLE' },
      ],
      units: [{ id: 'u1', batches: [rows], merge: { kind: 'upsert', key: ['id'] } }],
    });
    expect((await sync({ db: warehouse.open(), sources: [source] })).status).toBe('succeeded');
    const { dir, cleanup } = await tempDir();
    try {
      const db = warehouse.open();
      await db.open({ readOnly: true });
      try {
        await db.exportTables('csv', dir);
      } finally {
        await db.close();
      }
      const [header = [], ...records]: string[][] = parse(await readFile(join(dir, `${TABLE}.csv`), 'utf8'));
      const scores = Object.fromEntries(records.map((record) => [record[header.indexOf('id')], record[header.indexOf('score')]]));
      expect(SCORES.map((_, n) => scores[`r${n}`])).toEqual(['5.0', '0.0', '-2.5', '0.1', '123456789012345.0', '1000000000000000.0', '1e+16', '1e+21', '1e-07']);
    } finally {
      await cleanup();
    }
  });
});
