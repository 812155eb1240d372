import * as z from 'zod';
import { DataValidationError, type DataLocation } from '@x/core';
import { toValidationError } from '@x/core/internal';
import { SpruceArchiveEventData, SpruceUpdateAssignmentEventData, SpruceUpdateMembersEventData } from './models/conversation-event-data.js';
import type { SpruceConversationEventColumns, SpruceConversationEventRow } from './models/conversation-events.js';

// Wrapped in `{ data }` so that issues carry the path `data.<key>` and errors name that field.
// A Map, not an object: an event name is file content, and `valueOf` or `constructor` must not
// find an object's inherited properties.
const DATA_BY_EVENT = new Map<string, z.ZodType>([
  ['ARCHIVE', z.object({ data: SpruceArchiveEventData })],
  ['UPDATE_MEMBERS', z.object({ data: SpruceUpdateMembersEventData })],
  ['UPDATE_ASSIGNMENT', z.object({ data: SpruceUpdateAssignmentEventData })],
]);

/**
 * Parses `data` by `event` (ARCHIVE, UPDATE_MEMBERS and UPDATE_ASSIGNMENT into their shapes,
 * DELETE and other events into the object). A bad blob is a `DataValidationError` on the field
 * `data` that never quotes it; in lenient mode the row is delivered with `data` as its text.
 */
export function withEventData(
  row: SpruceConversationEventColumns,
  location: DataLocation,
  onInvalidRow: ((error: DataValidationError) => void) | undefined,
): SpruceConversationEventRow {
  const text = row.data;
  const parsed = text === null ? { ok: true as const, value: null } : parseJson(text);
  if (!parsed.ok) return report(new DataValidationError({ ...location, field: 'data' }, { reason: 'expected a JSON object', value: text, row }));
  const schema = DATA_BY_EVENT.get(row.event);
  if (schema === undefined) {
    // Other events keep JSON.parse's object as it is: copying it through a zod record would
    // assign a key named `__proto__` instead of keeping it as data.
    if (isJsonObjectOrNull(parsed.value)) return { ...row, data: parsed.value };
    return report(new DataValidationError({ ...location, field: 'data' }, { reason: 'expected a JSON object', value: text, row }));
  }
  const candidate = { ...row, data: parsed.value };
  const result = schema.safeParse(candidate);
  if (result.success) return { ...row, data: (result.data as { data: unknown }).data } as SpruceConversationEventRow;
  return report(toValidationError(result.error, candidate, location));

  function report(error: DataValidationError): SpruceConversationEventRow {
    if (!onInvalidRow) throw error;
    onInvalidRow(error);
    return row as SpruceConversationEventRow;
  }
}

function isJsonObjectOrNull(value: unknown): value is Record<string, unknown> | null {
  return value === null || (typeof value === 'object' && !Array.isArray(value));
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    // JSON.parse's message quotes the text, which may hold patient data: it is dropped.
    return { ok: false };
  }
}
