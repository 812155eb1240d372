import { ACCESS_EXCEPTION_KINDS, type AccessException, type ConversationAccessReport, type ConversationViewer, type TeammateAccess } from './access-types.js';
import type { EntityDirectory, RestrictedConversation } from './access-rules.js';
import type { TeamRoster } from './team-memberships.js';

/** A conversation as the engine holds it: an id, an endpoint, and the restriction if any. */
export interface AnalysedConversation {
  id: string;
  endpoint: string | null;
  /** Whether the endpoints file lists its endpoint. */
  listed: boolean;
  created: Date;
  deleted: boolean;
  restricted: RestrictedConversation | undefined;
  patient: string | null;
}

interface ReportParts {
  at: Date;
  conversations: ReadonlyMap<string, AnalysedConversation>;
  roster: TeamRoster;
  directory: EntityDirectory;
  names: ReadonlyMap<string, string | null>;
  exceptions: AccessException[];
  patientNames: ReadonlyMap<string, string> | undefined;
}

const REASON_ORDER = ['endpoint-owner', 'endpoint-member', 'conversation-member', 'organisation'];

/**
 * The viewers at `at` of every conversation that existed then (created by `at`, not deleted), the
 * exceptions they imply (temporary access, unlisted endpoints), the summary per teammate, and a
 * stable order for all rows so two runs over the same data compare equal.
 */
export function assembleReport(parts: ReportParts): ConversationAccessReport {
  const { at, roster, directory } = parts;
  const viewers: ConversationViewer[] = [];
  const exceptions = [...parts.exceptions];
  const unlisted = new Map<string, number>();
  const seen = new Map<string, { conversations: number; endpoints: Set<string> }>();
  const patientNames: Record<string, string> = {};

  for (const conversation of parts.conversations.values()) {
    if (conversation.created > at || conversation.deleted) continue;
    const { id: conversation_id, endpoint, restricted } = conversation;
    if (endpoint !== null && !conversation.listed) unlisted.set(endpoint, (unlisted.get(endpoint) ?? 0) + 1);
    if (!restricted) {
      viewers.push({ conversation_id, entity_id: null, reason: 'organisation', via_team: null, since: null, endpoint });
      continue;
    }
    if (parts.patientNames && conversation.patient !== null) {
      const name = parts.patientNames.get(conversation.patient);
      if (name !== undefined) patientNames[conversation_id] = name;
    }
    for (const [entity_id, access] of restricted.viewersAt(at, roster, directory)) {
      viewers.push({ conversation_id, entity_id, ...access, endpoint });
      if (access.reason === 'conversation-member') {
        exceptions.push({ kind: 'temporary-access', conversation_id, entity_id, endpoint, at: access.since, conversations: null });
      }
      let summary = seen.get(entity_id);
      if (!summary) seen.set(entity_id, (summary = { conversations: 0, endpoints: new Set() }));
      summary.conversations += 1;
      summary.endpoints.add(restricted.endpoint.endpoint);
    }
  }
  for (const [endpoint, count] of unlisted) {
    exceptions.push({ kind: 'unlisted-endpoint', conversation_id: null, entity_id: null, endpoint, at: null, conversations: count });
  }

  const teammates: TeammateAccess[] = [];
  const teams: ConversationAccessReport['teams'] = [];
  for (const [entity_id, name] of parts.names) {
    if (directory.isTeammate(entity_id)) {
      const summary = seen.get(entity_id);
      teammates.push({ entity_id, name, restricted_conversations: summary?.conversations ?? 0, endpoints: [...(summary?.endpoints ?? [])].sort(compare) });
    } else if (directory.isTeam(entity_id)) {
      teams.push({ entity_id, name, members: roster.membersAt(entity_id, at).filter(directory.isTeammate).sort(compare) });
    }
  }

  viewers.sort(
    (a, b) =>
      compare(a.conversation_id, b.conversation_id) || REASON_ORDER.indexOf(a.reason) - REASON_ORDER.indexOf(b.reason) || compare(a.entity_id, b.entity_id),
  );
  exceptions.sort(
    (a, b) =>
      ACCESS_EXCEPTION_KINDS.indexOf(a.kind) - ACCESS_EXCEPTION_KINDS.indexOf(b.kind) ||
      compare(a.conversation_id, b.conversation_id) ||
      compare(a.endpoint, b.endpoint) ||
      compare(a.entity_id, b.entity_id) ||
      (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0),
  );
  teammates.sort((a, b) => compare(a.entity_id, b.entity_id));
  teams.sort((a, b) => compare(a.entity_id, b.entity_id));
  return { at, viewers, exceptions, teammates, teams, ...(parts.patientNames ? { patient_names: patientNames } : {}) };
}

/** Code-unit order, `null` first: the same in every locale and in SQL's `COLLATE "C"`. */
function compare(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}
