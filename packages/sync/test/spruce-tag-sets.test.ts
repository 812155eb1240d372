import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSpruceExportZip } from '@x/spruce-export-parser/testing';
import { sync } from '../src/index.js';
import { tempDir, withDb } from './helpers/index.js';

const conversation = (id: string, last: Date) => ({
  conversation_id: id,
  type: 'STANDARD',
  created_timestamp: new Date('2024-05-02T00:00:00Z'),
  message_count: 1,
  last_message_timestamp: last,
  deleted: false,
  internal_endpoint: '+14155550100',
});

const period = (start: string, end: string) => [{ start_timestamp: new Date(start), end_timestamp: new Date(end) }];

describe('spruce_conversation_tags', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (closers.length > 0) await closers.pop()!();
  });

  it('a conversation of the period with no row in conversation_tags.csv has no tags left (its last tag removed); one not in the period keeps its set', async () => {
    const { dir, cleanup } = await tempDir();
    closers.push(cleanup);
    const folder = join(dir, 'sftp');
    await mkdir(folder);
    await writeFile(
      join(folder, 'may.zip'),
      buildSpruceExportZip({
        metadata: period('2024-05-01T00:00:00Z', '2024-06-01T00:00:00Z'),
        conversations: [conversation('c_untagged', new Date('2024-05-03T00:00:00Z')), conversation('c_quiet', new Date('2024-05-04T00:00:00Z'))],
        conversation_tags: [
          { conversation_id: 'c_untagged', tag: 'urgent' },
          { conversation_id: 'c_quiet', tag: 'billing' },
        ],
      }),
    );
    await writeFile(
      join(folder, 'june.zip'),
      buildSpruceExportZip({
        metadata: period('2024-06-01T00:00:00Z', '2024-07-01T00:00:00Z'),
        // c_untagged had a message in June and its tag was removed: the file lists it, with no tag.
        conversations: [conversation('c_untagged', new Date('2024-06-03T00:00:00Z'))],
        conversation_tags: [],
      }),
    );
    const db = join(dir, 'x.duckdb');
    const summary = await sync({ db, sources: { spruce: { dir: folder } }, streams: ['spruce_conversations', 'spruce_conversation_tags'] });
    expect(summary.status).toBe('succeeded');
    // The conversations that only name a set are not rows of the table.
    expect(summary.streams.spruce_conversation_tags).toMatchObject({ rows: 2, inserted: 2, deleted: 1 });
    await withDb(db, async (query) => {
      expect(await query('SELECT conversation_id, tag FROM spruce_conversation_tags ORDER BY ALL')).toEqual([{ conversation_id: 'c_quiet', tag: 'billing' }]);
    });
  });
});
