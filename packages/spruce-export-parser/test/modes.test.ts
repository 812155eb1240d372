import { describe, expect, expectTypeOf, test } from 'vitest';
import type { DataValidationError} from '../src/index.js';
import { openSpruceExport, type RawTableRow } from '../src/index.js';
import { DEFAULT_METADATA, buildZip, spruceTableCsv } from '../src/testing.js';
import { SAMPLE_ROWS, collect, exportOf, message } from './helpers/index.js';

describe('raw mode', () => {
  test('every cell is the untouched string under its canonical name, timestamps with all nine digits', async () => {
    const exp = await exportOf({ messages: [SAMPLE_ROWS.messages.input] }, { headerSpelling: 'document' });
    const rows = await collect(exp.rows('messages', { raw: true }));
    expectTypeOf(rows[0]!).toEqualTypeOf<RawTableRow<'messages'>>();
    expect(rows).toEqual([
      {
        message_id: 'msg_1',
        conversation_id: 'conv_1',
        created_timestamp: '2024-05-02T14:46:11.123456789Z',
        internal: 'false',
        destinations: SAMPLE_ROWS.messages.input.destinations,
        actor_entity_id: 'ent_prov_1',
        message_body: SAMPLE_ROWS.messages.input.message_body,
        message_type: 'USER',
        deleted: 'false',
      },
    ]);
  });

  test('document-spelled headers come out under canonical names; conversation data stays text; empty cells stay ""', async () => {
    const exp = await exportOf({ pages: [{ ...SAMPLE_ROWS.pages.input, resolved_timestamp: '' }], conversation_events: [SAMPLE_ROWS.conversation_events.input] }, { headerSpelling: 'document' });
    const [page] = await collect(exp.rows('pages', { raw: true }));
    expect(page).toMatchObject({ message_id: 'msg_1', resolved_timestamp: '', resolved_by_entity_id: 'ent_prov_2' });
    const [event] = await collect(exp.rows('conversation_events', { raw: true }));
    expect(event).toMatchObject({ actor_entity_id: 'ent_prov_1', data: SAMPLE_ROWS.conversation_events.input.data });
  });

  test('a value that would be invalid typed is delivered as it is', async () => {
    const exp = await exportOf({ messages: [message(1, { created_timestamp: 'last Tuesday', internal: 'maybe' })] });
    const [row] = await collect(exp.rows('messages', { raw: true }));
    expect(row).toMatchObject({ created_timestamp: 'last Tuesday', internal: 'maybe' });
  });
});

describe('lenient mode', () => {
  test('each bad row is reported and still delivered, bad cells as raw strings, good cells typed', async () => {
    const reported: DataValidationError[] = [];
    const exp = await exportOf({
      messages: [message(1), message(2, { created_timestamp: 'soon', destinations: 'SMS' }), message(3), message(4, { deleted: 'perhaps' })],
    });
    const rows = await collect(exp.rows('messages', { onInvalidRow: (error) => reported.push(error) }));
    expect(rows.map((row) => row.message_id)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(reported.map((error) => [error.record, error.field])).toEqual([
      [2, 'created_timestamp'],
      [4, 'deleted'],
    ]);
    expect(reported[0]!.issues.map((issue) => issue.path[0])).toEqual(['created_timestamp', 'destinations']);
    expect(rows[1]).toMatchObject({ created_timestamp: 'soon', destinations: 'SMS', internal: false, message_type: 'USER' });
    expect(rows[3]).toMatchObject({ deleted: 'perhaps', created_timestamp: message(4).created_timestamp });
  });

  test('without onInvalidRow the first bad row throws, after the good rows before it', async () => {
    const exp = await exportOf({ messages: [message(1), message(2, { internal: 'x' }), message(3)] });
    const seen: string[] = [];
    await expect(async () => {
      for await (const row of exp.rows('messages')) seen.push(row.message_id);
    }).rejects.toMatchObject({ name: 'DataValidationError', record: 2, field: 'internal' });
    expect(seen).toEqual(['m1']);
  });

  test('a record with more or fewer fields than the header is reported and delivered in lenient mode, an error otherwise', async () => {
    const csv = 'page_id,entity_id\np1,e1\np2,e2,surplus\np3\np4,e4\n';
    const zip = buildZip([{ name: 'metadata.csv', data: [...spruceTableCsv('metadata', [DEFAULT_METADATA])].join('') }, { name: 'paged_entities.csv', data: csv }]);
    const exp = await openSpruceExport(zip);
    const reported: DataValidationError[] = [];
    const rows = await collect(exp.rows('paged_entities', { onInvalidRow: (error) => reported.push(error) }));
    expect(rows.map((row) => row.page_id)).toEqual(['p1', 'p2', 'p3', 'p4']);
    // Record 3 is short a field, and the field it lacks is required: two reports.
    expect(reported.map((error) => [error.record, error.field])).toEqual([
      [2, undefined],
      [3, undefined],
      [3, 'entity_id'],
    ]);
    expect(reported[0]!.message).not.toContain('surplus');
    await expect(collect(exp.rows('paged_entities'))).rejects.toMatchObject({ name: 'DataValidationError', record: 2 });
  });
});
