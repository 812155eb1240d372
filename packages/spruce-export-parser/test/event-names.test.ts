/**
 * An event name is file content. One that Spruce adds later passes through with its `data`
 * parsed as an object, whatever it is called: a name such as `valueOf` or `constructor` must
 * not reach the inherited members of a lookup object (it did, and threw a TypeError).
 */
import { describe, expect, test } from 'vitest';
import { ConversationEventColumns } from '../src/index.js';
import { roundTrip } from './helpers/index.js';

const row = (event: string, data: Record<string, unknown> | null) => ({
  conversation_id: 'conv_1',
  created_timestamp: new Date('2024-05-02T08:00:00Z'),
  actor_entity_id: 'ent_prov_1',
  event,
  data,
});

describe('event names that are also names of object members', () => {
  test.each(['valueOf', 'constructor', 'toString', 'hasOwnProperty', '__proto__', '__defineGetter__'])('%s: delivered as an event Spruce added later', async (event) => {
    expect(ConversationEventColumns.shape.event.safeParse(event).success).toBe(true);
    const rows = await roundTrip('conversation_events', [row(event, { note: 'later' }), row(event, null)]);
    expect(rows).toEqual([row(event, { note: 'later' }), row(event, null)]);
  });
});
