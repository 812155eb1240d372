import { InvalidParamsError } from '@x/core';
import { parseOrThrow } from '@x/core/internal';
import { SpruceUpdateMembersEventData } from '../models/conversation-event-data.js';
import { eachRow } from '../analysis/rows-source.js';
import { RestrictedConversation, type EntityDirectory } from './access-rules.js';
import type { AccessConversation, AccessEntity, AccessException, AccessTables, ConversationAccessReport } from './access-types.js';
import type { AccessEndpoints, ResolvedEndpoint } from './endpoints-file.js';
import { assembleReport, type AnalysedConversation } from './access-report.js';
import { TeamRoster } from './team-memberships.js';

/** Options of {@link analyseConversationAccess}. */
export interface AccessEngineOptions {
  /** The instant to answer for: events and messages after it are left out. */
  at: Date;
  /**
   * Adds `patient_names` (each restricted conversation's patient) to the report, for a report
   * the user asked to show names in. Off, no patient name is read into the report.
   * @default false
   */
  patientNames?: boolean | undefined;
  /** Stops the analysis: it rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

interface PageInfo {
  conversationId: string;
  messageId: string;
  entities: string[];
  postedAt: Date | undefined;
}

/**
 * The access engine: who can see which conversation at `at`, and the exceptions, from the rows
 * of the tables it needs, each read once in the order of {@link AccessTables}. Memory grows with
 * the conversations (an id and an endpoint each) and the restricted ones' events and pages, never
 * with messages. `conversationAccess` runs it over opened exports; the sync runs it over its
 * database, so both answer alike.
 *
 * Throws `InvalidParamsError` naming the endpoint when an owner or member in the file is neither a
 * teammate (`PROVIDER`) nor a team (`USER_GROUP`) of `entities`, before any conversation is read.
 *
 * @example
 * ```ts
 * const report = await analyseConversationAccess(
 *   { entities, teamMemberships, conversations, conversationEvents, pages, pagedEntities, messages },
 *   parseAccessEndpoints(json),
 *   { at: new Date('2024-07-01T00:00:00Z') },
 * );
 * ```
 */
export async function analyseConversationAccess(
  tables: AccessTables,
  endpoints: AccessEndpoints,
  options: AccessEngineOptions,
): Promise<ConversationAccessReport> {
  const { at, signal } = options;
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new InvalidParamsError('at must be a valid Date', { param: 'at' });
  signal?.throwIfAborted();
  const atTime = at.getTime();

  const known = new Set<string>();
  // Small sets: a message's author is looked up in these, not in every entity.
  const teammates = new Set<string>();
  const teams = new Set<string>();
  const names = new Map<string, string | null>();
  const patientNames = new Map<string, string>();
  for await (const entity of eachRow(tables.entities, signal)) {
    known.add(entity.entity_id);
    if (entity.type === 'PROVIDER') teammates.add(entity.entity_id);
    else if (entity.type === 'USER_GROUP') teams.add(entity.entity_id);
    if (entity.type === 'PROVIDER' || entity.type === 'USER_GROUP') names.set(entity.entity_id, nameOf(entity));
    else if (options.patientNames && entity.type === 'PATIENT') patientNames.set(entity.entity_id, nameOf(entity) ?? entity.entity_id);
  }
  const directory: EntityDirectory = { isTeammate: (id) => teammates.has(id), isTeam: (id) => teams.has(id) };
  checkEndpointsAgainst(endpoints, directory);

  const roster = new TeamRoster();
  for await (const period of eachRow(tables.teamMemberships, signal)) roster.add(period);

  const conversations = new Map<string, AnalysedConversation>();
  for await (const row of eachRow(tables.conversations, signal)) conversations.set(row.conversation_id, analysed(row, endpoints, options.patientNames === true));
  const restrictedOf = (id: string) => conversations.get(id)?.restricted;

  const exceptions = new Exceptions();
  for await (const event of eachRow(tables.conversationEvents, signal)) {
    if (event.event !== 'UPDATE_MEMBERS' || event.created_timestamp > at) continue;
    const data = parseOrThrow(SpruceUpdateMembersEventData, typeof event.data === 'string' ? parseJson(event.data) : event.data, { source: 'conversation_events', field: 'data' });
    const conversation = conversations.get(event.conversation_id);
    for (const id of data.add_entity_ids) {
      if (!known.has(id)) exceptions.add({ kind: 'unknown-entity', conversation_id: event.conversation_id, entity_id: id, endpoint: conversation?.endpoint ?? null, at: event.created_timestamp });
    }
    conversation?.restricted?.record({ at: event.created_timestamp, add: data.add_entity_ids, remove: data.remove_entity_ids });
  }
  for (const { restricted } of conversations.values()) {
    if (!restricted) continue;
    for (const change of restricted.changes()) {
      for (const id of change.remove) {
        if (restricted.endpointAccess(id, change.at, roster)) exceptions.add(exceptionIn(restricted, 'ineffective-removal', id, change.at));
      }
    }
  }

  const pages = new Map<string, PageInfo>();
  const pagesByMessage = new Map<string, PageInfo[]>();
  for await (const page of eachRow(tables.pages, signal)) {
    if (!restrictedOf(page.conversation_id)) continue;
    const info: PageInfo = { conversationId: page.conversation_id, messageId: page.message_id, entities: [], postedAt: undefined };
    pages.set(page.page_id, info);
    let onMessage = pagesByMessage.get(page.message_id);
    if (!onMessage) pagesByMessage.set(page.message_id, (onMessage = []));
    onMessage.push(info);
  }
  for await (const paged of eachRow(tables.pagedEntities, signal)) pages.get(paged.page_id)?.entities.push(paged.entity_id);

  // The largest table: iterated without eachRow's extra async generator, the signal checked here.
  for await (const message of tables.messages) {
    signal?.throwIfAborted();
    // A page's time is its message's, even after `at` (then the page is left out, not checked at `at`).
    const paging = pagesByMessage.size > 0 ? pagesByMessage.get(message.message_id) : undefined;
    if (paging) for (const page of paging) page.postedAt = message.created_timestamp;
    const author = message.actor_entity_id;
    if (message.message_type !== 'USER' || author === null || !teammates.has(author) || message.created_timestamp.getTime() > atTime) continue;
    const restricted = restrictedOf(message.conversation_id);
    if (!restricted) continue;
    // Only the first message counts: a later one by an author already caught needs no check.
    const caught = restricted.authorsNotViewing.get(author);
    if (caught !== undefined && caught <= message.created_timestamp) continue;
    if (!restricted.canSee(author, message.created_timestamp, roster)) restricted.authorsNotViewing.set(author, message.created_timestamp);
  }

  for (const { restricted } of conversations.values()) {
    for (const [author, time] of restricted?.authorsNotViewing ?? []) exceptions.add(exceptionIn(restricted!, 'author-not-viewer', author, time));
  }

  for (const page of pages.values()) {
    const restricted = restrictedOf(page.conversationId)!;
    // A page whose message is in no export given is checked at `at`; one posted after `at` is left out.
    const time = page.postedAt ?? at;
    if (time > at) continue;
    for (const id of page.entities) {
      const paged = directory.isTeam(id) ? roster.membersAt(id, time) : [id];
      for (const teammate of paged) {
        if (directory.isTeammate(teammate) && !restricted.canSee(teammate, time, roster)) {
          exceptions.add(exceptionIn(restricted, 'paged-not-viewer', teammate, page.postedAt ?? null));
        }
      }
    }
  }

  return assembleReport({ at, conversations, roster, directory, names, exceptions: exceptions.list(), patientNames: options.patientNames ? patientNames : undefined });
}

function analysed(row: AccessConversation, endpoints: AccessEndpoints, keepPatient: boolean): AnalysedConversation {
  const endpoint = row.internal_endpoint === null ? undefined : endpoints.get(row.internal_endpoint);
  const owned = endpoint && endpoint.owner !== null ? (endpoint as ResolvedEndpoint & { owner: string }) : undefined;
  return {
    id: row.conversation_id,
    endpoint: row.internal_endpoint,
    listed: endpoint !== undefined,
    created: row.created_timestamp,
    deleted: row.deleted,
    restricted: owned ? new RestrictedConversation(row.conversation_id, owned) : undefined,
    patient: keepPatient ? (row.primary_entity_id ?? null) : null,
  };
}

function exceptionIn(conversation: RestrictedConversation, kind: AccessException['kind'], entity: string, at: Date | null): Omit<AccessException, 'conversations'> {
  return { kind, conversation_id: conversation.conversationId, entity_id: entity, endpoint: conversation.endpoint.endpoint, at };
}

/** Exceptions, once per kind, conversation and entity (the earliest kept), or per removal event. */
class Exceptions {
  readonly #byKey = new Map<string, AccessException>();

  add(exception: Omit<AccessException, 'conversations'>): void {
    const once = exception.kind === 'ineffective-removal' ? `\u0000${exception.at?.getTime()}` : '';
    const key = `${exception.kind}\u0000${exception.conversation_id}\u0000${exception.entity_id}${once}`;
    const held = this.#byKey.get(key);
    if (!held || (exception.at !== null && (held.at === null || exception.at < held.at))) this.#byKey.set(key, { ...exception, conversations: null });
  }

  list(): AccessException[] {
    return [...this.#byKey.values()];
  }
}

function checkEndpointsAgainst(endpoints: AccessEndpoints, directory: EntityDirectory): void {
  for (const { endpoint, owner, members } of endpoints.values()) {
    for (const [field, id] of [['owner', owner] as const, ...members.map((member, i) => [`members[${i}]`, member] as const)]) {
      if (id === null || directory.isTeammate(id) || directory.isTeam(id)) continue;
      throw new InvalidParamsError(
        `endpoints file: endpoints[${JSON.stringify(endpoint)}].${field} is ${JSON.stringify(id)}, neither a teammate (PROVIDER) nor a team (USER_GROUP) in entities`,
        { param: 'endpoints' },
      );
    }
  }
}

function nameOf(entity: AccessEntity): string | null {
  const full = [entity.first_name, entity.last_name].filter(Boolean).join(' ');
  return entity.display_name || full || null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
