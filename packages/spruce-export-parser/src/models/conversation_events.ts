import * as z from 'zod';
import { values } from '@x/core';
import type { ArchiveEventData, EventDetails, UpdateAssignmentEventData, UpdateMembersEventData } from './conversation_event_data.js';

/** The events the document lists; an event Spruce adds later still passes. */
export const CONVERSATION_EVENTS = ['DELETE', 'UPDATE_MEMBERS', 'UPDATE_ASSIGNMENT', 'ARCHIVE'] as const;

/** A known event name. */
export type ConversationEventName = (typeof CONVERSATION_EVENTS)[number];

const EventBase = z.looseObject({
  conversation_id: values.string().describe('The conversation.'),
  created_timestamp: values.timestamp().describe('When the action happened.'),
  actor_entity_id: values.string().nullable().meta({ documentSpelling: 'actorentity_id' }).describe('Who did the action.'),
});

/**
 * `conversation_events.csv` as the file carries it: `data` is the JSON text. Rows come out of
 * `exp.rows('conversation_events')` as {@link ConversationEventRow}, with `data` parsed by event.
 */
export const ConversationEventColumns = EventBase.extend({
  event: values.openEnum(CONVERSATION_EVENTS).describe('DELETE, UPDATE_MEMBERS, UPDATE_ASSIGNMENT or ARCHIVE.'),
  data: values
    .string()
    .nullable()
    .meta({ format: 'JSON, parsed by event' })
    .describe(
      'The details of the action, a JSON object parsed by `event`. ARCHIVE: `{ archive, unassign, implicit }` (booleans; a missing one is false). ' +
        'UPDATE_MEMBERS: `{ add_entity_ids, remove_entity_ids }` (lists; Go writes an empty list as `null`, read as `[]`). ' +
        'UPDATE_ASSIGNMENT: `{ assign_entity_id }` (an empty string means unassigned: `null`). DELETE and other events: the parsed object. ' +
        'Empty: `null` (DELETE and other events only).',
    ),
}).describe('Actions taken at the thread level in the period (incremental).');
export type ConversationEventColumns = z.infer<typeof ConversationEventColumns>;

/**
 * The columns every event shares.
 * @inline
 * @useDeclaredType
 */
type EventBase = z.infer<typeof EventBase>;

/** An ARCHIVE event: archived or unarchived. */
export type ArchiveEventRow = EventBase & { event: 'ARCHIVE'; data: ArchiveEventData };
/** An UPDATE_MEMBERS event: entities added to or removed from the conversation. */
export type UpdateMembersEventRow = EventBase & { event: 'UPDATE_MEMBERS'; data: UpdateMembersEventData };
/** An UPDATE_ASSIGNMENT event: the conversation assigned to an entity, or unassigned. */
export type UpdateAssignmentEventRow = EventBase & { event: 'UPDATE_ASSIGNMENT'; data: UpdateAssignmentEventData };
/** A DELETE event; `data` is the parsed object, or `null` when the cell is empty. */
export type DeleteEventRow = EventBase & { event: 'DELETE'; data: EventDetails | null };
/** An event the document does not list (Spruce added it later); `data` is the parsed object. */
export type OtherEventRow = EventBase & { event: string & {}; data: EventDetails | null };

/**
 * A row of `conversation_events.csv` with `data` parsed by `event`. TypeScript cannot narrow a
 * union on `event ===` while `event` stays open to names Spruce adds later (the open member
 * matches every name), so narrow with {@link isConversationEvent}.
 *
 * @example
 * ```ts
 * for await (const row of exp.rows('conversation_events')) {
 *   if (isConversationEvent(row, 'UPDATE_MEMBERS')) row.data.add_entity_ids; // string[]
 * }
 * ```
 */
export type ConversationEventRow = ArchiveEventRow | UpdateMembersEventRow | UpdateAssignmentEventRow | DeleteEventRow | OtherEventRow;

/** The row type of one known event. */
export type ConversationEventOf<E extends ConversationEventName> = Extract<ConversationEventRow, { event: E }>;

/**
 * Narrows a conversation event to one known event, with its `data` typed.
 *
 * @example
 * ```ts
 * if (isConversationEvent(row, 'ARCHIVE') && row.data.archive) archived += 1;
 * ```
 */
export function isConversationEvent<E extends ConversationEventName>(row: ConversationEventRow, event: E): row is ConversationEventOf<E> {
  return row.event === event;
}
