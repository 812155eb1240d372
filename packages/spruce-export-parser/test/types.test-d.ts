import type * as z from 'zod';
import { describe, expectTypeOf, test } from 'vitest';
import type { KnownFields } from '@x/core';
import {
  isConversationEvent,
  loadSpruceExport,
  openSpruceExport,
  type ArchiveEventData,
  type UpdateMembersEventData,
  type UpdateAssignmentEventData,
  type BlobLike,
  type ConversationEventRow,
  type Destination,
  MessageRow,
  extraFields,
  type TABLE_COLUMNS,
  type ConversationEventColumns,
  type SpruceTableRows,
  type TableColumns,
  type PageRow,
  type RawTableRow,
  type SpruceExport,
  type SpruceExportData,
  type TableName,
  type TableRow,
  type RowIterable,
} from '../src/index.js';
import type { SpruceTableInput } from '../src/testing.js';

declare const exp: SpruceExport;

describe('types', () => {
  test('rows are typed per table', () => {
    expectTypeOf(exp.rows('messages')).toEqualTypeOf<RowIterable<MessageRow>>();
    expectTypeOf<TableRow<'pages'>>().toEqualTypeOf<PageRow>();
    expectTypeOf<MessageRow['created_timestamp']>().toEqualTypeOf<Date>();
    expectTypeOf<MessageRow['destinations']>().toEqualTypeOf<Destination[]>();
    expectTypeOf<MessageRow['message_body']>().toEqualTypeOf<string | null>();
    expectTypeOf<PageRow['resolved']>().toEqualTypeOf<boolean>();
    expectTypeOf<TableRow<'conversations'>['message_count']>().toEqualTypeOf<number>();
    expectTypeOf<TableRow<'entities'>['dob']>().toEqualTypeOf<string | null>();
    expectTypeOf(exp.metadata.start_timestamp).toEqualTypeOf<Date>();
    expectTypeOf(exp.tables).toEqualTypeOf<readonly TableName[]>();
  });

  test('known enum values are offered, unknown ones still fit', () => {
    expectTypeOf<'USER'>().toExtend<MessageRow['message_type']>();
    expectTypeOf<'SOMETHING_NEW'>().toExtend<MessageRow['message_type']>();
  });

  test('raw mode gives strings under the canonical names', () => {
    expectTypeOf(exp.rows('messages', { raw: true })).toEqualTypeOf<RowIterable<RawTableRow<'messages'>>>();
    expectTypeOf<RawTableRow<'messages'>['created_timestamp']>().toEqualTypeOf<string>();
  });

  test('conversation events narrow by event with isConversationEvent', () => {
    const row = {} as ConversationEventRow;
    if (isConversationEvent(row, 'ARCHIVE')) expectTypeOf(row.data).toEqualTypeOf<ArchiveEventData>();
    if (isConversationEvent(row, 'UPDATE_ASSIGNMENT')) expectTypeOf(row.data.assign_entity_id).toEqualTypeOf<string | null>();
    if (isConversationEvent(row, 'UPDATE_MEMBERS')) expectTypeOf(row.data.add_entity_ids).toEqualTypeOf<string[]>();
    if (isConversationEvent(row, 'DELETE')) expectTypeOf(row.data).toEqualTypeOf<Record<string, unknown> | null>();
    // @ts-expect-error: not an event the document lists
    isConversationEvent(row, 'MERGE');
  });

  test('a misspelt column does not compile, typed or raw', async () => {
    for await (const m of exp.rows('messages')) {
      // @ts-expect-error misspelt: the column is message_body
      void m.mesage_body;
    }
    for await (const c of exp.rows('conversations')) {
      // @ts-expect-error the document's own misspelling: the column is last_message_timestamp
      void c.lastmessage_timestamp;
      expectTypeOf(c.last_message_timestamp).toEqualTypeOf<Date | null>();
    }
    for await (const m of exp.rows('messages', { raw: true })) {
      // @ts-expect-error misspelt in raw mode too
      void m.mesage_body;
      expectTypeOf(m.message_body).toEqualTypeOf<string>();
    }
    for await (const e of exp.rows('conversation_events')) {
      // @ts-expect-error misspelt on every event row: the column is actor_entity_id
      void e.actorentity_id;
    }
  });

  test('a column Spruce adds later is reached through extraFields, without a cast', async () => {
    for await (const m of exp.rows('messages')) expectTypeOf(extraFields(m, MessageRow).priority).toEqualTypeOf<unknown>();
  });

  test('each generated row interface is its model output, known columns only (else run `pnpm run docs`)', () => {
    type FromModels = { [T in TableName]: KnownFields<z.output<(typeof TABLE_COLUMNS)[T]>> };
    expectTypeOf<Omit<FromModels, 'conversation_events'>>().toEqualTypeOf<Omit<SpruceTableRows, 'conversation_events'>>();
    expectTypeOf<FromModels['conversation_events']>().toEqualTypeOf<ConversationEventColumns>();
  });

  test('event data types are their schemas output, known fields only, and catch a misspelt field', () => {
    expectTypeOf<KnownFields<z.output<typeof ArchiveEventData>>>().toEqualTypeOf<ArchiveEventData>();
    expectTypeOf<KnownFields<z.output<typeof UpdateMembersEventData>>>().toEqualTypeOf<UpdateMembersEventData>();
    expectTypeOf<KnownFields<z.output<typeof UpdateAssignmentEventData>>>().toEqualTypeOf<UpdateAssignmentEventData>();
    const row = {} as ConversationEventRow;
    // @ts-expect-error misspelt: the field is add_entity_ids
    if (isConversationEvent(row, 'UPDATE_MEMBERS')) void row.data.add_entity_id;
  });

  test('row types are named interfaces', () => {
    expectTypeOf<SpruceTableRows['messages']>().toEqualTypeOf<MessageRow>();
    expectTypeOf<TableColumns<'conversation_events'>>().toEqualTypeOf<ConversationEventColumns>();
  });

  test('a table name that does not exist does not compile', () => {
    // @ts-expect-error: no such table
    exp.rows('patients');
  });

  test('sources and results of the entry points', () => {
    expectTypeOf(openSpruceExport).parameter(0).toEqualTypeOf<string | URL | Uint8Array | ArrayBuffer | BlobLike>();
    // @ts-expect-error: a number is not a source
    void openSpruceExport(42);
    expectTypeOf(loadSpruceExport).returns.toEqualTypeOf<Promise<SpruceExportData>>();
    expectTypeOf<SpruceExportData['messages']>().toEqualTypeOf<MessageRow[] | undefined>();
  });

  test('builder rows take typed values or text, not values of another type', () => {
    expectTypeOf<{ created_timestamp: Date }>().toExtend<SpruceTableInput<'messages'>>();
    expectTypeOf<{ created_timestamp: string }>().toExtend<SpruceTableInput<'messages'>>();
    expectTypeOf<{ created_timestamp: number }>().not.toExtend<SpruceTableInput<'messages'>>();
    expectTypeOf<{ data: { archive: true } }>().toExtend<SpruceTableInput<'conversation_events'>>();
  });
});
