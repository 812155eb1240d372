import { inspect } from 'node:util';
import { describe, expect, expectTypeOf, test } from 'vitest';
import { DataValidationError, isConversationEvent, type ConversationEventRow } from '../src/index.js';
import { PATIENT_VALUES, SAMPLE_ROWS, caught, roundTrip } from './helpers/index.js';

const event = (event: string, data: unknown) => ({ ...SAMPLE_ROWS.conversation_events.input, event, data: data as string });
const read = async (...rows: ReturnType<typeof event>[]) => roundTrip('conversation_events', rows);

describe('conversation_events.data', () => {
  test('ARCHIVE: { archive, unassign, implicit }; a boolean Go left out is false', async () => {
    const rows = await read(event('ARCHIVE', '{"archive":false,"unassign":false,"implicit":true}'), event('ARCHIVE', '{"archive":true}'));
    expect(rows.map((row) => row.data)).toEqual([
      { archive: false, unassign: false, implicit: true },
      { archive: true, unassign: false, implicit: false },
    ]);
  });

  test('UPDATE_MEMBERS: lists; Go writes an empty list as null, read as []', async () => {
    const rows = await read(
      event('UPDATE_MEMBERS', '{"add_entity_ids":["e1","e2"],"remove_entity_ids":null}'),
      event('UPDATE_MEMBERS', '{"add_entity_ids":null,"remove_entity_ids":["e3"]}'),
      event('UPDATE_MEMBERS', '{}'),
    );
    expect(rows.map((row) => row.data)).toEqual([
      { add_entity_ids: ['e1', 'e2'], remove_entity_ids: [] },
      { add_entity_ids: [], remove_entity_ids: ['e3'] },
      { add_entity_ids: [], remove_entity_ids: [] },
    ]);
  });

  test('UPDATE_ASSIGNMENT: an empty string means unassigned, null', async () => {
    const rows = await read(event('UPDATE_ASSIGNMENT', '{"assign_entity_id":"ent_prov_2"}'), event('UPDATE_ASSIGNMENT', '{"assign_entity_id":""}'));
    expect(rows.map((row) => row.data)).toEqual([{ assign_entity_id: 'ent_prov_2' }, { assign_entity_id: null }]);
  });

  test('an event Spruce adds later whose JSON has a key named __proto__: kept as data, no prototype set', async () => {
    const [row] = await read(event('MERGE', '{"__proto__":{"polluted":1},"into":"conv_9"}'));
    expect(Object.keys(row!.data as object)).toEqual(['__proto__', 'into']);
    expect(Object.getPrototypeOf(row!.data)).toBe(Object.prototype);
    expect((row!.data as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  test('DELETE and events the document does not list: the parsed object; empty is null', async () => {
    const rows = await read(event('DELETE', '{}'), event('DELETE', ''), event('MERGE', '{"into":"conv_9","n":2}'));
    expect(rows.map((row) => [row.event, row.data])).toEqual([
      ['DELETE', {}],
      ['DELETE', null],
      ['MERGE', { into: 'conv_9', n: 2 }],
    ]);
  });

  test('keys Spruce adds later to a known event pass through', async () => {
    const [row] = await read(event('ARCHIVE', '{"archive":true,"reason":"spam"}'));
    expect(row!.data).toEqual({ archive: true, unassign: false, implicit: false, reason: 'spam' });
  });

  test('isConversationEvent narrows the row and its data', async () => {
    const [row] = await read(event('UPDATE_MEMBERS', '{"add_entity_ids":["e1"]}'));
    expect(isConversationEvent(row!, 'UPDATE_MEMBERS')).toBe(true);
    expect(isConversationEvent(row!, 'ARCHIVE')).toBe(false);
    if (isConversationEvent(row!, 'UPDATE_MEMBERS')) expectTypeOf(row.data.add_entity_ids).toEqualTypeOf<string[]>();
    expectTypeOf(row!).toEqualTypeOf<ConversationEventRow>();
  });

  test.each([
    ['text that is not JSON', 'ARCHIVE', `{"archive": ${PATIENT_VALUES.body}`, 'data'],
    ['a boolean of the wrong type', 'ARCHIVE', `{"archive":"${PATIENT_VALUES.firstName}"}`, 'data.archive'],
    ['a list that is not a list', 'UPDATE_MEMBERS', `{"add_entity_ids":"${PATIENT_VALUES.lastName}"}`, 'data.add_entity_ids'],
    ['a JSON value that is not an object', 'DELETE', `"${PATIENT_VALUES.body}"`, 'data'],
    ['an empty cell where an object is required', 'UPDATE_ASSIGNMENT', '', 'data'],
  ])('%s is a DataValidationError naming the field, never the value', async (_case, name, data, field) => {
    const error = await caught(read(event('DELETE', '{}'), event(name, data)));
    expect(error).toBeInstanceOf(DataValidationError);
    expect(error).toMatchObject({ source: 'conversation_events', record: 2, field });
    for (const shown of [error.message, inspect(error), JSON.stringify(error)]) {
      for (const value of Object.values(PATIENT_VALUES)) expect(shown).not.toContain(value);
    }
  });

  test('lenient mode reports a bad blob and delivers the row with data as its text', async () => {
    const reported: DataValidationError[] = [];
    const bad = '{"archive": not json';
    const rows = await roundTrip('conversation_events', [event('ARCHIVE', bad), event('DELETE', '{}')], {}, { onInvalidRow: (error) => reported.push(error) });
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatchObject({ record: 1, field: 'data' });
    expect(rows.map((row) => row.data)).toEqual([bad, {}]);
  });
});
