import { describe, expect, test } from 'vitest';
import { analyseConversationAccess, parseAccessEndpoints, teamMembershipHistory, type AccessTables } from '../src/index.js';
import { collect, exceptionsOf, LINE_ANA, may } from './helpers/index.js';

const june = new Date('2024-06-01T00:00:00Z');
const july = new Date('2024-07-01T00:00:00Z');

describe('teamMembershipHistory', () => {
  test('consecutive snapshots become valid_from / valid_to periods; an unchanged membership stays one row', async () => {
    const history = await collect(
      teamMembershipHistory([
        { start: may(1), rows: [{ group_entity_id: 'night', member_entity_id: 'ben' }, { group_entity_id: 'night', member_entity_id: 'cy' }] },
        { start: june, rows: [{ group_entity_id: 'night', member_entity_id: 'ben' }, { group_entity_id: 'night', member_entity_id: 'dee' }, { group_entity_id: 'night', member_entity_id: 'dee' }] },
        { start: july, rows: [{ group_entity_id: 'night', member_entity_id: 'dee' }] },
      ]),
    );
    const row = (member: string, from: Date, to: Date | null) => ({ group_entity_id: 'night', member_entity_id: member, valid_from: from, valid_to: to });
    expect(history).toEqual([row('cy', may(1), june), row('ben', may(1), july), row('dee', june, null)]);
  });
});

describe('analyseConversationAccess, the engine the sync shares', () => {
  /** Plain rows in the engine's shapes, each table recording when it is read. */
  function tables(reads: string[], overrides: Partial<Record<keyof AccessTables, unknown[]>> = {}): AccessTables {
    const rows: Record<keyof AccessTables, unknown[]> = {
      entities: [{ entity_id: 'ana', type: 'PROVIDER' }, { entity_id: 'dee', type: 'PROVIDER' }, { entity_id: 'pat1', type: 'PATIENT', display_name: 'Jane Fakepatient' }],
      teamMemberships: [],
      conversations: [{ conversation_id: 'c1', internal_endpoint: LINE_ANA, created_timestamp: may(1), deleted: false, primary_entity_id: 'pat1' }],
      conversationEvents: [{ conversation_id: 'c1', created_timestamp: may(3), event: 'UPDATE_MEMBERS', data: '{"add_entity_ids":["dee"],"remove_entity_ids":null}' }],
      pages: [],
      pagedEntities: [],
      messages: [{ message_id: 'm1', conversation_id: 'c1', created_timestamp: may(2), actor_entity_id: 'dee', message_type: 'USER' }],
      ...overrides,
    };
    return Object.fromEntries(
      Object.entries(rows).map(([name, list]) => [
        name,
        (async function* () {
          reads.push(name);
          yield* list;
        })(),
      ]),
    ) as unknown as AccessTables;
  }
  const endpoints = parseAccessEndpoints({ endpoints: { [LINE_ANA]: { owner: 'ana' } } });

  test('reads each table once, in the documented order, from async iterables of plain rows', async () => {
    const reads: string[] = [];
    const report = await analyseConversationAccess(tables(reads), endpoints, { at: june });
    expect(reads).toEqual(['entities', 'teamMemberships', 'conversations', 'conversationEvents', 'pages', 'pagedEntities', 'messages']);
    expect(exceptionsOf(report, 'author-not-viewer')).toEqual(['c1:dee']);
    expect(exceptionsOf(report, 'temporary-access')).toEqual(['c1:dee']);
    expect(report.patient_names).toBeUndefined();
    expect(JSON.stringify(report)).not.toContain('Fakepatient');
  });

  test('a later conversation row wins (a conversation deleted in a newer period has no viewers)', async () => {
    const conversations = [
      { conversation_id: 'c1', internal_endpoint: LINE_ANA, created_timestamp: may(1), deleted: false },
      { conversation_id: 'c1', internal_endpoint: LINE_ANA, created_timestamp: may(1), deleted: true },
    ];
    const report = await analyseConversationAccess(tables([], { conversations }), endpoints, { at: june });
    expect(report.viewers).toEqual([]);
  });

  test('UPDATE_MEMBERS data that is not the documented shape is a DataValidationError on data, not quoting it', async () => {
    const conversationEvents = [{ conversation_id: 'c1', created_timestamp: may(3), event: 'UPDATE_MEMBERS', data: '{"add_entity_ids":"Jane Fakepatient"}' }];
    const error = await analyseConversationAccess(tables([], { conversationEvents }), endpoints, { at: june }).catch((thrown: unknown) => thrown as Error);
    expect(error).toMatchObject({ name: 'DataValidationError', source: 'conversation_events' });
    expect((error as Error).message).not.toContain('Fakepatient');
  });

  test('`at` is required and must be a valid Date', async () => {
    await expect(analyseConversationAccess(tables([]), endpoints, { at: new Date('nope') })).rejects.toMatchObject({ name: 'InvalidParamsError', param: 'at' });
  });
});
