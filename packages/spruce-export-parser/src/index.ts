export {
  SdkError,
  ApiError,
  AuthenticationError,
  NotFoundError,
  RateLimitError,
  ConnectionError,
  TimeoutError,
  InvalidParamsError,
  DataValidationError,
  ExportFormatError,
  PollTimeoutError,
  ReportFailedError,
  isSdkError,
  extraFields,
  RowIterable,
} from '@x/core';
export type { ShapedModel, ToArrayOptions } from '@x/core';

export { openSpruceExport } from './spruce-export.js';
export type { SpruceExport } from './spruce-export.js';
export { loadSpruceExport } from './load-export.js';
export type { LoadSpruceExportOptions, SpruceExportData } from './load-export.js';
export type { SpruceExportOptions, RowsOptions } from './options.js';
export type { SpruceExportSource } from './sources/export-source.js';
export type { BlobLike } from './sources/byte-range.js';
export { TABLE_NAMES, TABLE_COLUMNS, isTableName } from './tables.js';
export type { TableName, TableRow, TableColumns, RawTableRow, SpruceTableRows } from './tables.js';

export { MetadataRow } from './models/metadata.js';
export { EntityRow, ENTITY_TYPES } from './models/entities.js';
export { EntityContactInfoRow, CONTACT_TYPES } from './models/entity_contact_info.js';
export { UserGroupMemberRow } from './models/user_group_members.js';
export { PatientIdMappingRow, PATIENT_ID_SYSTEMS } from './models/patient_id_mappings.js';
export { ConversationRow, CONVERSATION_TYPES } from './models/conversations.js';
export { ConversationTagRow } from './models/conversation_tags.js';
export { ConversationEventColumns, CONVERSATION_EVENTS, isConversationEvent } from './models/conversation_events.js';
export type {
  ConversationEventRow,
  ConversationEventName,
  ConversationEventOf,
  ArchiveEventRow,
  UpdateMembersEventRow,
  UpdateAssignmentEventRow,
  DeleteEventRow,
  OtherEventRow,
} from './models/conversation_events.js';
export { ArchiveEventData, UpdateMembersEventData, UpdateAssignmentEventData } from './models/conversation_event_data.js';
export type { EventDetails } from './models/conversation_event_data.js';
export { PageRow } from './models/pages.js';
export { PagedEntityRow } from './models/paged_entities.js';
export { MessageRow, MESSAGE_TYPES, DESTINATION_TYPES } from './models/messages.js';
export type { Destination } from './models/messages.js';
export { InboundCallRow } from './models/inbound_calls.js';
export { VoipPhoneLineRow } from './models/voip_phone_lines.js';
export { OutboundCallRow } from './models/outbound_calls.js';

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
