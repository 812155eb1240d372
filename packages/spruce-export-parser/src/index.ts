// The public core (errors, row and page iterables, option and progress types), then this client's own names.
export * from '@x/core';
export { openSpruceExport } from './spruce-export.js';
export type { SpruceExport } from './spruce-export.js';
export { loadSpruceExport } from './load-export.js';
export type { LoadSpruceExportOptions, SpruceExportData } from './load-export.js';
export type { SpruceExportOptions, RowsOptions } from './options.js';
export type { SpruceExportSource } from './sources/export-source.js';
export type { BlobLike } from './sources/byte-range.js';
export { TABLE_NAMES, isTableName } from './tables.js';
export type { TableName, TableRow, TableColumns, RawTableRow } from './tables.js';
export { SPRUCE_ROW_MODELS } from './models/index.js';
export type { SpruceTableRows } from './models/index.js';

export { SpruceMetadataRow } from './models/metadata.js';
export { SpruceEntityRow, ENTITY_TYPES } from './models/entities.js';
export { SpruceEntityContactInfoRow, CONTACT_TYPES } from './models/entity-contact-info.js';
export { SpruceUserGroupMemberRow } from './models/user-group-members.js';
export { SprucePatientIdMappingRow, PATIENT_ID_SYSTEMS } from './models/patient-id-mappings.js';
export { SpruceConversationRow, CONVERSATION_TYPES } from './models/conversations.js';
export { SpruceConversationTagRow } from './models/conversation-tags.js';
export { SpruceConversationEventColumns, CONVERSATION_EVENTS, isConversationEvent } from './models/conversation-events.js';
export type {
  SpruceConversationEventRow,
  ConversationEventName,
  ConversationEventOf,
  SpruceArchiveEventRow,
  SpruceUpdateMembersEventRow,
  SpruceUpdateAssignmentEventRow,
  SpruceDeleteEventRow,
  SpruceOtherEventRow,
} from './models/conversation-events.js';
export { SpruceArchiveEventData, SpruceUpdateMembersEventData, SpruceUpdateAssignmentEventData } from './models/conversation-event-data.js';
export type { EventDetails } from './models/conversation-event-data.js';
export { SprucePageRow } from './models/pages.js';
export { SprucePagedEntityRow } from './models/paged-entities.js';
export { SpruceMessageRow, MESSAGE_TYPES, DESTINATION_TYPES } from './models/messages.js';
export type { Destination } from './models/messages.js';
export { SpruceInboundCallRow } from './models/inbound-calls.js';
export { SpruceVoipPhoneLineRow } from './models/voip-phone-lines.js';
export { SpruceOutboundCallRow } from './models/outbound-calls.js';

export { countRows } from './analysis/count-rows.js';
export { messagesPerDay } from './analysis/messages-per-day.js';
export type { DailyMessageCount, MessagesPerDayOptions } from './analysis/messages-per-day.js';
export { unresolvedPages } from './analysis/unresolved-pages.js';
export type { UnresolvedPage } from './analysis/unresolved-pages.js';
export { inboundCallOutcomes } from './analysis/inbound-call-outcomes.js';
export type { InboundCallOutcomes } from './analysis/inbound-call-outcomes.js';
export type { AnalysisOptions, RowSource } from './analysis/rows-source.js';

export { conversationAccess, ACCESS_TABLES } from './access/conversation-access.js';
export type { ConversationAccessOptions } from './access/conversation-access.js';
export { analyseConversationAccess } from './access/access-engine.js';
export type { AccessEngineOptions } from './access/access-engine.js';
export { teamMembershipHistory } from './access/team-memberships.js';
export type { TeamMembershipSnapshot } from './access/team-memberships.js';
export { AccessEndpointsFile, AccessEndpointSettings, parseAccessEndpoints, ORGANISATION } from './access/endpoints-file.js';
export type { AccessEndpoints, ResolvedEndpoint } from './access/endpoints-file.js';
export { loadAccessEndpoints } from './access/load-endpoints.js';
export type { AccessEndpointsSource } from './access/load-endpoints.js';
export { ACCESS_EXCEPTION_KINDS } from './access/access-types.js';
export type {
  AccessTables,
  AccessEntity,
  TeamMembershipPeriod,
  AccessConversation,
  AccessConversationEvent,
  AccessPage,
  AccessPagedEntity,
  AccessMessage,
  ViewerReason,
  ConversationViewer,
  AccessExceptionKind,
  AccessException,
  TeammateAccess,
  TeamAtTime,
  ConversationAccessReport,
} from './access/access-types.js';
export { renderAccessHtml, EXCEPTION_REASONS } from './access/render-html.js';
export type { AccessHtmlOptions } from './access/render-html.js';
export { accessViewersCsv, accessExceptionsCsv } from './access/render-csv.js';

// Deprecated names (renamed to `<Vendor><Thing>Row` and `SPRUCE_ROW_MODELS`); they go in the next major.
export { TABLE_COLUMNS } from './tables.js';
export { MetadataRow } from './models/metadata.js';
export { EntityRow } from './models/entities.js';
export { EntityContactInfoRow } from './models/entity-contact-info.js';
export { UserGroupMemberRow } from './models/user-group-members.js';
export { PatientIdMappingRow } from './models/patient-id-mappings.js';
export { ConversationRow } from './models/conversations.js';
export { ConversationTagRow } from './models/conversation-tags.js';
export { ConversationEventColumns } from './models/conversation-events.js';
export type { ConversationEventRow, ArchiveEventRow, UpdateMembersEventRow, UpdateAssignmentEventRow, DeleteEventRow, OtherEventRow } from './models/conversation-events.js';
export { ArchiveEventData, UpdateMembersEventData, UpdateAssignmentEventData } from './models/conversation-event-data.js';
export { PageRow } from './models/pages.js';
export { PagedEntityRow } from './models/paged-entities.js';
export { MessageRow } from './models/messages.js';
export { InboundCallRow } from './models/inbound-calls.js';
export { VoipPhoneLineRow } from './models/voip-phone-lines.js';
export { OutboundCallRow } from './models/outbound-calls.js';
