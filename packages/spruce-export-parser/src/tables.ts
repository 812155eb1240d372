import type { KnownFields } from '@x/core';
import type * as z from 'zod';
import { ConversationEventColumns, type ConversationEventRow } from './models/conversation_events.js';
import { ConversationTagRow } from './models/conversation_tags.js';
import { ConversationRow } from './models/conversations.js';
import { EntityContactInfoRow } from './models/entity_contact_info.js';
import { EntityRow } from './models/entities.js';
import { InboundCallRow } from './models/inbound_calls.js';
import { MessageRow } from './models/messages.js';
import { MetadataRow } from './models/metadata.js';
import { OutboundCallRow } from './models/outbound_calls.js';
import { PagedEntityRow } from './models/paged_entities.js';
import { PageRow } from './models/pages.js';
import { PatientIdMappingRow } from './models/patient_id_mappings.js';
import { UserGroupMemberRow } from './models/user_group_members.js';
import { VoipPhoneLineRow } from './models/voip_phone_lines.js';

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

/** The model of each table's columns, as the CSV carries them. */
export const TABLE_COLUMNS = {
  metadata: MetadataRow,
  entities: EntityRow,
  entity_contact_info: EntityContactInfoRow,
  user_group_members: UserGroupMemberRow,
  patient_id_mappings: PatientIdMappingRow,
  conversations: ConversationRow,
  conversation_tags: ConversationTagRow,
  conversation_events: ConversationEventColumns,
  pages: PageRow,
  paged_entities: PagedEntityRow,
  messages: MessageRow,
  inbound_calls: InboundCallRow,
  voip_phone_lines: VoipPhoneLineRow,
  outbound_calls: OutboundCallRow,
} as const satisfies Record<TableName, z.ZodObject>;

/** The typed row of each table, as `exp.rows(table)` yields it. */
export interface SpruceTableRows {
  metadata: MetadataRow;
  entities: EntityRow;
  entity_contact_info: EntityContactInfoRow;
  user_group_members: UserGroupMemberRow;
  patient_id_mappings: PatientIdMappingRow;
  conversations: ConversationRow;
  conversation_tags: ConversationTagRow;
  conversation_events: ConversationEventRow;
  pages: PageRow;
  paged_entities: PagedEntityRow;
  messages: MessageRow;
  inbound_calls: InboundCallRow;
  voip_phone_lines: VoipPhoneLineRow;
  outbound_calls: OutboundCallRow;
}

/** The typed row of one table: `TableRow<'messages'>` is `MessageRow`. */
export type TableRow<T extends TableName> = SpruceTableRows[T];

/**
 * The columns of one table, by canonical name, as its model outputs them (known columns only;
 * `conversation_events` with `data` still text).
 */
export type TableColumns<T extends TableName> = KnownFields<z.output<(typeof TABLE_COLUMNS)[T]>>;

/**
 * A row in raw mode: every cell the untouched string, under its canonical name. Its type names
 * the known columns only, so a misspelt one does not compile; unknown columns pass through at
 * run time under their header text, read with `extraFields(row, TABLE_COLUMNS[table])`.
 */
export type RawTableRow<T extends TableName> = { [K in keyof TableColumns<T>]: string };

/** Whether a name is one of the 14 tables. */
export function isTableName(name: string): name is TableName {
  return (TABLE_NAMES as readonly string[]).includes(name);
}
