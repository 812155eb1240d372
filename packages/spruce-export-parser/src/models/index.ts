import type * as z from 'zod';
import { SpruceConversationEventColumns, type SpruceConversationEventRow } from './conversation-events.js';
import { SpruceConversationTagRow } from './conversation-tags.js';
import { SpruceConversationRow } from './conversations.js';
import { SpruceEntityContactInfoRow } from './entity-contact-info.js';
import { SpruceEntityRow } from './entities.js';
import { SpruceInboundCallRow } from './inbound-calls.js';
import { SpruceMessageRow } from './messages.js';
import { SpruceMetadataRow } from './metadata.js';
import { SpruceOutboundCallRow } from './outbound-calls.js';
import { SprucePagedEntityRow } from './paged-entities.js';
import { SprucePageRow } from './pages.js';
import { SprucePatientIdMappingRow } from './patient-id-mappings.js';
import { SpruceUserGroupMemberRow } from './user-group-members.js';
import { SpruceVoipPhoneLineRow } from './voip-phone-lines.js';
import type { TableName } from '../tables.js';

/**
 * The zod model of each table's columns, as the CSV carries them (`conversation_events` with
 * `data` still text; `exp.rows('conversation_events')` parses it by `event`). Like
 * `LUSCII_ROW_MODELS` and `DEXCARE_ROW_MODELS`. Useful to check rows stored in raw mode, or to
 * read the columns a vendor added: `extraFields(row, SPRUCE_ROW_MODELS.messages)`.
 *
 * @example
 * ```ts
 * const row = SPRUCE_ROW_MODELS.messages.parse(storedRawRow);
 * ```
 */
export const SPRUCE_ROW_MODELS = {
  metadata: SpruceMetadataRow,
  entities: SpruceEntityRow,
  entity_contact_info: SpruceEntityContactInfoRow,
  user_group_members: SpruceUserGroupMemberRow,
  patient_id_mappings: SprucePatientIdMappingRow,
  conversations: SpruceConversationRow,
  conversation_tags: SpruceConversationTagRow,
  conversation_events: SpruceConversationEventColumns,
  pages: SprucePageRow,
  paged_entities: SprucePagedEntityRow,
  messages: SpruceMessageRow,
  inbound_calls: SpruceInboundCallRow,
  voip_phone_lines: SpruceVoipPhoneLineRow,
  outbound_calls: SpruceOutboundCallRow,
} as const satisfies Record<TableName, z.ZodObject>;

/**
 * The typed row of each table, as `exp.rows(table)` yields it.
 *
 * @example
 * ```ts
 * function store<T extends TableName>(table: T, rows: SpruceTableRows[T][]) {}
 * ```
 */
export interface SpruceTableRows {
  metadata: SpruceMetadataRow;
  entities: SpruceEntityRow;
  entity_contact_info: SpruceEntityContactInfoRow;
  user_group_members: SpruceUserGroupMemberRow;
  patient_id_mappings: SprucePatientIdMappingRow;
  conversations: SpruceConversationRow;
  conversation_tags: SpruceConversationTagRow;
  conversation_events: SpruceConversationEventRow;
  pages: SprucePageRow;
  paged_entities: SprucePagedEntityRow;
  messages: SpruceMessageRow;
  inbound_calls: SpruceInboundCallRow;
  voip_phone_lines: SpruceVoipPhoneLineRow;
  outbound_calls: SpruceOutboundCallRow;
}
