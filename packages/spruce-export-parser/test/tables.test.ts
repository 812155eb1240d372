import { describe, expect, test } from 'vitest';
import { DataValidationError, TABLE_COLUMNS, TABLE_NAMES, type TableName } from '../src/index.js';
import { SAMPLE_ROWS, caught, collect, exportOf, roundTrip } from './helpers/index.js';

describe('every table', () => {
  test.each(TABLE_NAMES)('%s: every column is read and typed', async (table) => {
    const { input, output } = SAMPLE_ROWS[table];
    const rows = await roundTrip(table, [input] as never);
    expect(rows).toEqual([output]);
  });

  test('the samples cover every column of every model', () => {
    for (const table of TABLE_NAMES) {
      expect(Object.keys(SAMPLE_ROWS[table].output).sort(), table).toEqual(Object.keys(TABLE_COLUMNS[table].shape).sort());
    }
  });

  test('an export with all 14 tables lists them in the document order, whatever the zip order', async () => {
    const tables = Object.fromEntries([...TABLE_NAMES].reverse().map((table) => [table, [SAMPLE_ROWS[table].input]]));
    const exp = await exportOf(tables);
    expect(exp.tables).toEqual(TABLE_NAMES);
    expect(exp.metadata).toEqual(SAMPLE_ROWS.metadata.output);
  });
});

// Columns that must hold a value: an empty cell there is an error, not a silent null.
const REQUIRED: { [T in TableName]?: string[] } = {
  entities: ['entity_id', 'type', 'invite_pending', 'entity_created_timestamp'],
  messages: ['message_id', 'conversation_id', 'created_timestamp', 'internal', 'message_type', 'deleted'],
  conversations: ['conversation_id', 'type', 'created_timestamp', 'message_count', 'deleted'],
  pages: ['page_id', 'message_id', 'resolved'],
  inbound_calls: ['created_timestamp', 'destination', 'sent_to_voicemail'],
  outbound_calls: ['source', 'destination', 'created_timestamp'],
};
// Columns that may be empty, read as null.
const NULLABLE: { [T in TableName]?: string[] } = {
  entities: ['first_name', 'last_name', 'display_name', 'dob'],
  entity_contact_info: ['label'],
  conversations: ['primary_entity_id', 'last_message_timestamp', 'assigned_entity_id', 'internal_endpoint', 'external_endpoint'],
  conversation_events: ['actor_entity_id'],
  pages: ['resolved_timestamp', 'resolved_by_entity_id'],
  messages: ['actor_entity_id', 'message_body'],
  inbound_calls: ['source', 'answered', 'answered_by', 'answered_timestamp', 'completed_timestamp', 'left_voicemail_timestamp', 'phone_tree_node_id'],
  voip_phone_lines: ['name'],
  outbound_calls: ['outbound_caller_id', 'caller_entity_id', 'completed_timestamp'],
};

describe('empty cells', () => {
  const cases = (map: typeof REQUIRED) => Object.entries(map).flatMap(([table, columns]) => columns.map((column) => [table as TableName, column] as const));

  test.each(cases(NULLABLE))('%s.%s may be empty: null', async (table, column) => {
    const input = { ...SAMPLE_ROWS[table].input, [column]: '' };
    const [row] = await roundTrip(table, [input] as never);
    expect((row as object as Record<string, unknown>)[column]).toBeNull();
  });

  test.each(cases(REQUIRED))('%s.%s may not be empty: a DataValidationError naming it', async (table, column) => {
    const input = { ...SAMPLE_ROWS[table].input, [column]: '' };
    const error = await caught(roundTrip(table, [input] as never));
    expect(error).toBeInstanceOf(DataValidationError);
    expect(error).toMatchObject({ source: table, record: 1, field: column });
  });

  test('empty destinations are an empty list', async () => {
    const [row] = await roundTrip('messages', [{ ...SAMPLE_ROWS.messages.input, destinations: '' }]);
    expect(row!.destinations).toEqual([]);
  });

  test('a header-only file is zero rows', async () => {
    for (const table of TABLE_NAMES.filter((name) => name !== 'metadata')) {
      expect(await roundTrip(table, []), table).toEqual([]);
    }
  });

  test('several rows come out in file order', async () => {
    const rows = Array.from({ length: 1_500 }, (_, i) => ({ ...SAMPLE_ROWS.paged_entities.input, page_id: `page_${i}` }));
    const read = await roundTrip('paged_entities', rows);
    expect(read.map((row) => row.page_id)).toEqual(rows.map((row) => row.page_id));
  });

  test('rows of a table read twice are equal, and tables read in any order', async () => {
    const exp = await exportOf({ messages: [SAMPLE_ROWS.messages.input], pages: [SAMPLE_ROWS.pages.input] });
    const first = await collect(exp.rows('pages'));
    const messages = await collect(exp.rows('messages'));
    const again = await collect(exp.rows('pages'));
    expect(again).toEqual(first);
    expect(messages).toEqual([SAMPLE_ROWS.messages.output]);
  });
});
