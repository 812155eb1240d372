import { describe, expect, test } from 'vitest';
import { normalizeHeaderLoosely as normalizeHeader } from '@x/core/internal';
import { ExportFormatError, TABLE_NAMES } from '../src/index.js';
import { buildZip, spruceTableCsv } from '../src/testing.js';
import { openSpruceExport } from '../src/index.js';
import { SAMPLE_ROWS, caught, collect, roundTrip } from './helpers/index.js';

describe('headers', () => {
  test.each(TABLE_NAMES)('%s: headers spelled as the document prints them give the same rows', async (table) => {
    const { input, output } = SAMPLE_ROWS[table];
    expect(await roundTrip(table, [input] as never, { headerSpelling: 'document' })).toEqual([output]);
  });

  test('the document spellings are the ones its markdown mangled', () => {
    const header = (table: (typeof TABLE_NAMES)[number]) => [...spruceTableCsv(table, [], { headerSpelling: 'document' })].join('').trim().split(',');
    expect(header('conversation_events')).toContain('actorentity_id');
    expect(header('pages')).toEqual(['page_id', 'conversation_id', 'messageid', 'resolved', 'resolvedtimestamp', 'resolvedby_entity_id']);
    expect(header('paged_entities')).toEqual(['page_id', 'entityid']);
    expect(header('conversations')).toContain('lastmessage_timestamp');
  });

  test('case, underscores and surrounding spaces are ignored', async () => {
    expect(normalizeHeader(' Resolved_By_Entity_ID ')).toBe(normalizeHeader('resolvedby_entity_id'));
    const columns = { pages: [' PAGE_ID', 'Conversation_Id', 'MESSAGEID', 'Resolved ', 'resolved_timestamp', 'RESOLVED_BY_ENTITY_ID'] };
    expect(await roundTrip('pages', [SAMPLE_ROWS.pages.input], { columns: { pages: Object.keys(SAMPLE_ROWS.pages.input) } })).toEqual([SAMPLE_ROWS.pages.output]);
    const csv = [...spruceTableCsv('pages', [], { columns })].join('') + 'page_1,conv_1,msg_1,true,2024-05-02T09:30:00Z,\n';
    const exp = await openSpruceExport(buildZip([{ name: 'metadata.csv', data: metadataCsv() }, { name: 'pages.csv', data: csv }]));
    const [row] = await collect(exp.rows('pages'));
    expect(row).toEqual({ ...SAMPLE_ROWS.pages.output, resolved_by_entity_id: null });
  });

  test('column order comes from the header; unknown columns pass through as strings', async () => {
    const shuffled = ['deleted', 'message_body', 'x_new_column', 'message_type', 'created_timestamp', 'message_id', 'destinations', 'conversation_id', 'actor_entity_id', 'internal'];
    const input = { ...SAMPLE_ROWS.messages.input, x_new_column: '17' };
    const [row] = await roundTrip('messages', [input], { columns: { messages: shuffled } });
    expect(row).toEqual({ ...SAMPLE_ROWS.messages.output, x_new_column: '17' });
  });

  test('a missing column is an ExportFormatError naming table and column', async () => {
    const columns = Object.keys(SAMPLE_ROWS.inbound_calls.input).filter((column) => column !== 'sent_to_voicemail');
    const error = await caught(roundTrip('inbound_calls', [SAMPLE_ROWS.inbound_calls.input], { columns: { inbound_calls: columns } }));
    expect(error).toBeInstanceOf(ExportFormatError);
    expect(error.message).toBe('inbound_calls: the header lacks the column "sent_to_voicemail"');
  });

  test('a column spelled two ways at once is an ExportFormatError', async () => {
    const columns = [...Object.keys(SAMPLE_ROWS.paged_entities.input), 'entityid'];
    const error = await caught(roundTrip('paged_entities', [SAMPLE_ROWS.paged_entities.input], { columns: { paged_entities: columns } }));
    expect(error).toBeInstanceOf(ExportFormatError);
    expect(error.message).toContain('paged_entities');
  });

  test('an empty file lacks every column', async () => {
    const exp = await openSpruceExport(buildZip([{ name: 'metadata.csv', data: metadataCsv() }, { name: 'tags/conversation_tags.csv', data: '' }]));
    const error = await caught(collect(exp.rows('conversation_tags')));
    expect(error).toBeInstanceOf(ExportFormatError);
    expect(error.message).toContain('conversation_tags');
  });

  test('a byte-order mark and CRLF line ends are read', async () => {
    const rows = [SAMPLE_ROWS.messages.input, { ...SAMPLE_ROWS.messages.input, message_id: 'msg_2' }];
    const read = await roundTrip('messages', rows, { bom: true, lineEnding: '\r\n' });
    expect(read.map((row) => row.message_id)).toEqual(['msg_1', 'msg_2']);
    expect(read[0]).toEqual(SAMPLE_ROWS.messages.output);
  });
});

function metadataCsv(): string {
  return 'start_timestamp,end_timestamp\n2024-05-01T00:00:00Z,2024-06-01T00:00:00Z\n';
}
