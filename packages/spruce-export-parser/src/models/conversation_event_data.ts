import * as z from 'zod';

/** A JSON object, as parsed from `conversation_events.data`. */
export type EventDetails = Record<string, unknown>;

// Go's encoding/json writes a nil slice as `null` and, under `omitempty`, leaves zero values out:
// a missing boolean is false, a missing or null list is empty, a missing or empty id is unset.
const flag = z.boolean({ error: 'expected true or false' }).default(false);
const entityIds = z
  .array(z.string({ error: 'expected a list of entity ids' }), { error: 'expected a list of entity ids' })
  .nullish()
  .transform((ids) => ids ?? []);
const optionalEntityId = z
  .string({ error: 'expected an entity id' })
  .nullish()
  .transform((id) => (id ? id : null));

/** `data` of an ARCHIVE event. */
export const ArchiveEventData = z.looseObject({
  /** True if archived, false if unarchived. */
  archive: flag,
  /** True if unassigned while archiving (only relevant when archiving). */
  unassign: flag,
  /** True if unarchived by a message post rather than by a user. */
  implicit: flag,
});
export type ArchiveEventData = z.infer<typeof ArchiveEventData>;

/** `data` of an UPDATE_MEMBERS event. */
export const UpdateMembersEventData = z.looseObject({
  /** Entities added (Go's `null` is read as `[]`). */
  add_entity_ids: entityIds,
  /** Entities removed (Go's `null` is read as `[]`). */
  remove_entity_ids: entityIds,
});
export type UpdateMembersEventData = z.infer<typeof UpdateMembersEventData>;

/** `data` of an UPDATE_ASSIGNMENT event. */
export const UpdateAssignmentEventData = z.looseObject({
  /** Who the conversation was assigned to; `null` when it was unassigned (Spruce writes `""`). */
  assign_entity_id: optionalEntityId,
});
export type UpdateAssignmentEventData = z.infer<typeof UpdateAssignmentEventData>;

/** `data` of a DELETE event or of an event the document does not list: any JSON object. */
export const OtherEventData = z.record(z.string(), z.unknown(), { error: 'expected a JSON object' });

/** The schema of `data` for each event that has a required shape. */
export const EVENT_DATA = {
  ARCHIVE: ArchiveEventData,
  UPDATE_MEMBERS: UpdateMembersEventData,
  UPDATE_ASSIGNMENT: UpdateAssignmentEventData,
} as const;
