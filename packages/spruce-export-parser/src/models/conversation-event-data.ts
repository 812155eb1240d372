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

// The `data` types are interfaces of the known fields (a misspelt one does not compile; a field
// Spruce adds later still passes at run time: `extraFields(row.data, SpruceArchiveEventData)`). A
// type test proves each equals its schema's output.

/** `data` of an ARCHIVE event. */
export const SpruceArchiveEventData = z.looseObject({ archive: flag, unassign: flag, implicit: flag });
/** `data` of an ARCHIVE event. */
export interface SpruceArchiveEventData {
  /** True if archived, false if unarchived. */
  archive: boolean;
  /** True if unassigned while archiving (only relevant when archiving). */
  unassign: boolean;
  /** True if unarchived by a message post rather than by a user. */
  implicit: boolean;
}

/** `data` of an UPDATE_MEMBERS event. */
export const SpruceUpdateMembersEventData = z.looseObject({ add_entity_ids: entityIds, remove_entity_ids: entityIds });
/** `data` of an UPDATE_MEMBERS event. */
export interface SpruceUpdateMembersEventData {
  /** Entities added (Go's `null` is read as `[]`). */
  add_entity_ids: string[];
  /** Entities removed (Go's `null` is read as `[]`). */
  remove_entity_ids: string[];
}

/** `data` of an UPDATE_ASSIGNMENT event. */
export const SpruceUpdateAssignmentEventData = z.looseObject({ assign_entity_id: optionalEntityId });
/** `data` of an UPDATE_ASSIGNMENT event. */
export interface SpruceUpdateAssignmentEventData {
  /** Who the conversation was assigned to; `null` when it was unassigned (Spruce writes `""`). */
  assign_entity_id: string | null;
}

/** `data` of a DELETE event or of an event the document does not list: any JSON object. */
export const OtherEventData = z.record(z.string(), z.unknown(), { error: 'expected a JSON object' });

/** The schema of `data` for each event that has a required shape. */
export const EVENT_DATA = {
  ARCHIVE: SpruceArchiveEventData,
  UPDATE_MEMBERS: SpruceUpdateMembersEventData,
  UPDATE_ASSIGNMENT: SpruceUpdateAssignmentEventData,
} as const;

// Deprecated names, kept so code written against them still compiles; they go in the next major.
/** @deprecated Renamed {@link SpruceArchiveEventData}: every model name starts with its vendor. This name goes in the next major. */
export const ArchiveEventData = SpruceArchiveEventData;
/** @deprecated Renamed {@link SpruceArchiveEventData}: every model name starts with its vendor. This name goes in the next major. */
export type ArchiveEventData = SpruceArchiveEventData;
/** @deprecated Renamed {@link SpruceUpdateMembersEventData}: every model name starts with its vendor. This name goes in the next major. */
export const UpdateMembersEventData = SpruceUpdateMembersEventData;
/** @deprecated Renamed {@link SpruceUpdateMembersEventData}: every model name starts with its vendor. This name goes in the next major. */
export type UpdateMembersEventData = SpruceUpdateMembersEventData;
/** @deprecated Renamed {@link SpruceUpdateAssignmentEventData}: every model name starts with its vendor. This name goes in the next major. */
export const UpdateAssignmentEventData = SpruceUpdateAssignmentEventData;
/** @deprecated Renamed {@link SpruceUpdateAssignmentEventData}: every model name starts with its vendor. This name goes in the next major. */
export type UpdateAssignmentEventData = SpruceUpdateAssignmentEventData;
