import type { RowSource } from '../analysis/rows-source.js';

/**
 * The plain rows the access engine reads ({@link analyseConversationAccess}). Each is a subset of
 * a table's columns, so rows from `exp.rows(table)` fit as they are, and so do rows read back from
 * a database.
 */
export interface AccessEntity {
  entity_id: string;
  /** `PROVIDER` (a teammate), `USER_GROUP` (a team), `PATIENT`, ... */
  type: string;
  display_name?: string | null | undefined;
  first_name?: string | null | undefined;
  last_name?: string | null | undefined;
}

/**
 * One row of the history of `user_group_members`: the member belonged to the team from
 * `valid_from` (inclusive) until `valid_to` (exclusive). `null` is unbounded.
 */
export interface TeamMembershipPeriod {
  group_entity_id: string;
  member_entity_id: string;
  valid_from: Date | null;
  valid_to: Date | null;
}

/** A conversation, merged across exports (the newest row wins). */
export interface AccessConversation {
  conversation_id: string;
  internal_endpoint: string | null;
  created_timestamp: Date;
  deleted: boolean;
  /** The patient (read only when patient names are asked for). */
  primary_entity_id?: string | null | undefined;
}

/**
 * A conversation event. Only `UPDATE_MEMBERS` is read; its `data` may be the parsed object
 * (`{ add_entity_ids, remove_entity_ids }`, a `null` list is empty) or its JSON text.
 */
export interface AccessConversationEvent {
  conversation_id: string;
  created_timestamp: Date;
  event: string;
  data: unknown;
}

/** A page (`pages.csv`): the message that holds it tells when it was posted. */
export interface AccessPage {
  page_id: string;
  conversation_id: string;
  message_id: string;
}

/** Who a page was sent to (`paged_entities.csv`). */
export interface AccessPagedEntity {
  page_id: string;
  entity_id: string;
}

/** A message: who wrote it, where and when. */
export interface AccessMessage {
  message_id: string;
  conversation_id: string;
  created_timestamp: Date;
  actor_entity_id: string | null;
  message_type: string;
}

/**
 * The tables the engine reads, each once and in this order. `entities` is the snapshot in force
 * at `at`; the incremental tables are merged across periods as the sync merges them
 * (conversations and pages: newest row wins; paged entities: the newest period's set per page).
 */
export interface AccessTables {
  entities: RowSource<AccessEntity>;
  teamMemberships: RowSource<TeamMembershipPeriod>;
  conversations: RowSource<AccessConversation>;
  conversationEvents: RowSource<AccessConversationEvent>;
  pages: RowSource<AccessPage>;
  pagedEntities: RowSource<AccessPagedEntity>;
  messages: RowSource<AccessMessage>;
}

/** Why a teammate can see a restricted conversation, the first that applies. */
export type ViewerReason = 'endpoint-owner' | 'endpoint-member' | 'conversation-member' | 'organisation';

/**
 * Who can see a conversation at `at`. A restricted conversation has one row per teammate who
 * can see it; a conversation open to the whole organisation has one row, `entity_id: null`.
 */
export interface ConversationViewer {
  conversation_id: string;
  /** The teammate; `null` for an organisation-wide conversation. */
  entity_id: string | null;
  reason: ViewerReason;
  /** The team the access came through; `null` when it was given to the teammate directly. */
  via_team: string | null;
  /** When a conversation member was added (the `UPDATE_MEMBERS` event); `null` otherwise. */
  since: Date | null;
  /** The conversation's `internal_endpoint`. */
  endpoint: string | null;
}

/** The kinds of exception, in the order the report lists them. */
export const ACCESS_EXCEPTION_KINDS = [
  'author-not-viewer',
  'paged-not-viewer',
  'temporary-access',
  'unknown-entity',
  'ineffective-removal',
  'unlisted-endpoint',
] as const;

/** A kind of {@link AccessException}. */
export type AccessExceptionKind = (typeof ACCESS_EXCEPTION_KINDS)[number];

/** Something a privacy officer should look at. Fields that do not apply are `null`. */
export interface AccessException {
  kind: AccessExceptionKind;
  conversation_id: string | null;
  entity_id: string | null;
  endpoint: string | null;
  /** When it happened: the addition, the first message, the page, the removal. */
  at: Date | null;
  /** `unlisted-endpoint` only: how many conversations use the endpoint. */
  conversations: number | null;
}

/** What one teammate can see of the restricted conversations. */
export interface TeammateAccess {
  entity_id: string;
  /** The teammate's display name (teammates only, never a patient's). */
  name: string | null;
  /** How many restricted conversations the teammate can see at `at`. */
  restricted_conversations: number;
  /** The endpoints of those conversations, sorted. */
  endpoints: string[];
}

/** A team and its members at `at`. */
export interface TeamAtTime {
  entity_id: string;
  name: string | null;
  members: string[];
}

/** The answer of {@link conversationAccess}. */
export interface ConversationAccessReport {
  /** The instant the report describes. */
  at: Date;
  viewers: ConversationViewer[];
  exceptions: AccessException[];
  teammates: TeammateAccess[];
  teams: TeamAtTime[];
  /**
   * Only with `patientNames: true`: the patient's display name per restricted conversation
   * (from `primary_entity_id`).
   */
  patient_names?: Record<string, string>;
}
