import type { KnownFields } from '@x/core';
import type * as z from 'zod';
import { SPRUCE_ROW_MODELS, type SpruceTableRows } from './models/index.js';

/** The 14 tables of a Spruce export, in the document's order; each is `<table>.csv` in the zip. */
export const TABLE_NAMES = [
  'metadata',
  'entities',
  'entity_contact_info',
  'user_group_members',
  'patient_id_mappings',
  'conversations',
  'conversation_tags',
  'conversation_events',
  'pages',
  'paged_entities',
  'messages',
  'inbound_calls',
  'voip_phone_lines',
  'outbound_calls',
] as const;

/** The name of a table: `'messages'`. */
export type TableName = (typeof TABLE_NAMES)[number];

/** The typed row of one table: `TableRow<'messages'>` is `SpruceMessageRow`. */
export type TableRow<T extends TableName> = SpruceTableRows[T];

/**
 * The columns of one table, by canonical name, as its model outputs them (known columns only;
 * `conversation_events` with `data` still text).
 */
export type TableColumns<T extends TableName> = KnownFields<z.output<(typeof SPRUCE_ROW_MODELS)[T]>>;

/**
 * A row in raw mode: every cell the untouched string, under its canonical name. Its type names
 * the known columns only, so a misspelt one does not compile; unknown columns pass through at
 * run time under their header text, read with `extraFields(row, SPRUCE_ROW_MODELS[table])`.
 */
export type RawTableRow<T extends TableName> = { [K in keyof TableColumns<T>]: string };

/** Whether a name is one of the 14 tables. */
export function isTableName(name: string): name is TableName {
  return (TABLE_NAMES as readonly string[]).includes(name);
}

/** @deprecated Renamed {@link SPRUCE_ROW_MODELS}, like `LUSCII_ROW_MODELS` and `DEXCARE_ROW_MODELS`. This name goes in the next major. */
export const TABLE_COLUMNS = SPRUCE_ROW_MODELS;
