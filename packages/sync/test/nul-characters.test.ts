import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSpruceExportZip } from '@x/spruce-export-parser/testing';
import { sync } from '../src/index.js';
import { tempDir, warehouseKinds, type Warehouse } from './helpers/index.js';

const created = new Date('2024-05-02T10:00:00Z');

// A message body with a NUL character (pasted from another tool), and an event whose data holds one.
const spruceExport = (extra: { conversation_tags?: [] } = {}) =>
  buildSpruceExportZip({
    ...extra,
    metadata: [{ start_timestamp: new Date('2024-05-01T00:00:00Z'), end_timestamp: new Date('2024-06-01T00:00:00Z') }],
    messages: [
      {
        message_id: 'msg_nul',
        conversation_id: 'conv_1',
        created_timestamp: created,
        internal: false,
        destinations: [],
        actor_entity_id: 'ent_prov_1',
        message_body: 'before\u0000after',
        message_type: 'USER',
        deleted: false,
      },
    ],
    conversation_events: [
      { conversation_id: 'conv_1', created_timestamp: created, actor_entity_id: 'ent_prov_1', event: 'NOTE', data: '{"note":"a\\u0000b"}' },
      // A backslash before `u0000` is text, not a NUL: kept.
      { conversation_id: 'conv_1', created_timestamp: created, actor_entity_id: 'ent_prov_1', event: 'PATH', data: '{"note":"C:\\\\u0000"}' },
    ],
  });

describe.each(warehouseKinds())('a NUL character in a value on $kind', ({ create }) => {
  let warehouse: Warehouse;
  let folder: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    warehouse = await create();
    const temp = await tempDir();
    cleanup = temp.cleanup;
    folder = join(temp.dir, 'sftp');
    await mkdir(folder);
    await writeFile(join(folder, 'may.zip'), spruceExport());
  });
  afterEach(async () => {
    await warehouse.dispose();
    await cleanup();
  });

  const run = () => sync({ db: warehouse.open(), sources: { spruce: { dir: folder } }, streams: ['spruce_messages', 'spruce_conversation_events'] });

  it('loads as U+FFFD on both destinations (PostgreSQL stores no NUL in text or JSONB), and a second run changes no row', async () => {
    const first = await run();
    expect(first.status).toBe('succeeded');
    expect(first.streams.spruce_messages).toMatchObject({ status: 'succeeded', inserted: 1 });
    expect(first.streams.spruce_conversation_events).toMatchObject({ status: 'succeeded', inserted: 2 });
    expect(await warehouse.query('SELECT message_body FROM spruce_messages')).toEqual([{ message_body: 'before\uFFFDafter' }]);
    const events = await warehouse.query('SELECT CAST(data AS TEXT) AS data FROM spruce_conversation_events ORDER BY event');
    expect(events.map((event) => JSON.parse(String(event.data)))).toEqual([{ note: 'a\uFFFDb' }, { note: 'C:\\u0000' }]);
    // The same hash on both destinations: the engine's (PostgreSQL) and DuckDB's agree on the replaced text.
    expect(await warehouse.query('SELECT _sync_row_hash FROM spruce_messages')).toEqual([{ _sync_row_hash: '655fc6d339349246ce4f4541f464516a7a868985fdd718d4c6570bd787c50169' }]);

    // The same rows delivered again in another file: read again, merged to no change.
    await writeFile(join(folder, 'may-again.zip'), spruceExport({ conversation_tags: [] }));
    const second = await run();
    expect(second.streams.spruce_messages).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0 });
  });
});
