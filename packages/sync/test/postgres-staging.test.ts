import { describe, expect, it } from 'vitest';
import type { Destination, TableSpec } from '../src/destinations/destination.js';
import { RowEncoder } from '../src/engine/row-encoder.js';
import type { SourceRow, StreamColumn } from '../src/index.js';
import { postgresUrl, postgresWarehouse } from './helpers/index.js';

const url = postgresUrl();
const COLUMNS: StreamColumn[] = [
  { wire: 'id', name: 'id', type: 'TEXT' },
  { wire: 'n', name: 'n', type: 'BIGINT' },
];
const SESSION: TableSpec = { name: 't', columns: COLUMNS, softDelete: false, staging: 'session' };
const DURABLE: TableSpec = { name: 'd', columns: COLUMNS, softDelete: false };

async function stageOnly(db: Destination, spec: TableSpec, unit: string, rows: SourceRow[]): Promise<void> {
  const encoder = new RowEncoder(spec.name, COLUMNS, { hashRows: !db.hashesStagedRows });
  await db.transaction((tx) => tx.stage(spec, unit, encoder.stagedColumns(), encoder.encode(rows)));
}

describe.skipIf(!url)('staging on PostgreSQL', () => {
  it('keeps a session table\'s staged rows out of the write-ahead log (UNLOGGED) and a durable table\'s in it', async () => {
    const warehouse = await postgresWarehouse(url!);
    const db = warehouse.open();
    await db.open({ readOnly: false });
    try {
      await db.ensureTable(SESSION);
      await db.ensureTable(DURABLE);
      // 'u' is unlogged, 'p' permanent: what pg_class says, as a replica or WAL archive sees it.
      const persistence = await warehouse.query(`SELECT relname, relpersistence FROM pg_class WHERE relnamespace = '${warehouse.schema}'::regnamespace AND relkind = 'r' AND relname LIKE '%stage%' ORDER BY relname`);
      expect(persistence).toEqual([
        { relname: '_sync_session_stage_t', relpersistence: 'u' },
        { relname: '_sync_stage_d', relpersistence: 'p' },
      ]);
    } finally {
      await db.close();
      await warehouse.dispose();
    }
  });

  it('empties a session table a killed run left rows in, as the next run starts, and the durable staging an older version left for it', async () => {
    const warehouse = await postgresWarehouse(url!);
    const db = warehouse.open();
    await db.open({ readOnly: false });
    try {
      // As an older version (logged staging for every table) left a unit that was killed mid-file.
      await db.ensureTable({ ...SESSION, staging: 'durable' });
      await stageOnly(db, { ...SESSION, staging: 'durable' }, 'killed-by-old-version', [{ id: 'a', n: 1 }]);
      await db.ensureTable(SESSION);
      await stageOnly(db, SESSION, 'killed-unit', [{ id: 'b', n: 2 }, { id: 'c', n: 3 }]);
      expect(await warehouse.query('SELECT count(*)::int AS n FROM _sync_session_stage_t')).toEqual([{ n: 2 }]);

      await db.transaction((tx) => tx.clearStaging!(SESSION));
      expect(await warehouse.query(`SELECT to_regclass('_sync_stage_t') IS NULL AS gone`)).toEqual([{ gone: true }]);
      expect(await warehouse.query('SELECT count(*)::int AS n FROM _sync_session_stage_t')).toEqual([{ n: 0 }]);
      // Before any unit has created it, there is nothing to empty.
      await db.transaction((tx) => tx.clearStaging!({ ...SESSION, name: 'never_staged' }));
    } finally {
      await db.close();
      await warehouse.dispose();
    }
  });
});
