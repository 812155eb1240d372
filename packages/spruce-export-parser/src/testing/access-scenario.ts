import type { SpruceExportTables, SpruceTableInput } from './build-export-zip.js';

/** Options of {@link SpruceAccessScenario}. */
export interface AccessScenarioOptions {
  /**
   * Start of the first period (`metadata.start_timestamp`).
   * @default 2024-05-01T00:00:00Z
   */
  start?: Date;
  /**
   * End of the last period.
   * @default 2024-06-01T00:00:00Z
   */
  end?: Date;
}

/** When something happens, and who did it. */
export interface ScenarioAction {
  at: Date;
  /** The actor (`actor_entity_id`). @default the first teammate */
  by?: string;
}

interface Entity {
  id: string;
  type: string;
  name: string;
}
interface Conversation {
  id: string;
  endpoint: string | null;
  patient: string | null;
  created: Date;
  deleted: boolean;
}
interface Message {
  id: string;
  conversation: string;
  at: Date;
  by: string | null;
  type: string;
  internal: boolean;
}

/** A period of the export: `[start, end)`. */
interface Period {
  start: Date;
  end: Date;
}

/**
 * Writes the tables of one or several Spruce exports from a story told in calls: teammates,
 * patients, teams and their members over time, conversations on endpoints, members added to and
 * removed from a conversation (`UPDATE_MEMBERS`), messages and \@pages. For tests of conversation
 * access (and of your own code); ids are yours, names obviously fake, no message text but a fixed one.
 *
 * @example
 * ```ts
 * const story = new SpruceAccessScenario()
 *   .teammate('ana').teammate('ben').team('night', ['ben'])
 *   .conversation('c1', { endpoint: '+14155550100' })
 *   .addMembers('c1', ['ben'], { at: new Date('2024-05-03T10:00:00Z') })
 *   .message('c1', { by: 'ben', at: new Date('2024-05-04T09:00:00Z') });
 * const exp = await openSpruceExport(buildSpruceExportZip(story.tables()));
 * const [may, june] = story.exports([new Date('2024-06-01T00:00:00Z')]); // two periods
 * ```
 */
export class SpruceAccessScenario {
  readonly #start: Date;
  readonly #end: Date;
  readonly #entities: Entity[] = [];
  readonly #teamChanges: { team: string; members: readonly string[]; from: Date }[] = [];
  readonly #conversations = new Map<string, Conversation>();
  readonly #events: SpruceTableInput<'conversation_events'>[] = [];
  readonly #messages: Message[] = [];
  readonly #pages: { id: string; conversation: string; message: string; paged: readonly string[] }[] = [];

  constructor(options: AccessScenarioOptions = {}) {
    this.#start = options.start ?? new Date('2024-05-01T00:00:00Z');
    this.#end = options.end ?? new Date('2024-06-01T00:00:00Z');
  }

  /** A teammate: an entity of type `PROVIDER`. */
  teammate(id: string, options: { name?: string } = {}): this {
    return this.entity(id, 'PROVIDER', options.name ?? `Dr. Testy ${id}`);
  }

  /** A patient: an entity of type `PATIENT`. */
  patient(id: string, options: { name?: string } = {}): this {
    return this.entity(id, 'PATIENT', options.name ?? `Fakey Patient ${id}`);
  }

  /** Any entity (`EXTERNAL`, `PHONE`, ...). */
  entity(id: string, type: string, name = `Example ${id}`): this {
    this.#entities.push({ id, type, name });
    return this;
  }

  /** A team (`USER_GROUP`) with its members from the start, or from `from` on. */
  team(id: string, members: readonly string[], options: { name?: string; from?: Date } = {}): this {
    this.entity(id, 'USER_GROUP', options.name ?? `Fake Team ${id}`);
    return this.teamMembers(id, members, { from: options.from ?? this.#start });
  }

  /** Replaces a team's members from `from` on (a snapshot taken at a period's end shows it). */
  teamMembers(team: string, members: readonly string[], options: { from: Date }): this {
    this.#teamChanges.push({ team, members, from: options.from });
    return this;
  }

  /** A conversation on an internal endpoint (a phone number or a Spruce Link id; `null` for none). */
  conversation(id: string, options: { endpoint: string | null; patient?: string; created?: Date; deleted?: boolean }): this {
    this.#conversations.set(id, { id, endpoint: options.endpoint, patient: options.patient ?? null, created: options.created ?? this.#start, deleted: options.deleted ?? false });
    return this;
  }

  /** An `UPDATE_MEMBERS` event adding entities to a conversation. */
  addMembers(conversation: string, ids: readonly string[], action: ScenarioAction): this {
    return this.#membersEvent(conversation, action, { add_entity_ids: [...ids], remove_entity_ids: null });
  }

  /** An `UPDATE_MEMBERS` event removing entities from a conversation. */
  removeMembers(conversation: string, ids: readonly string[], action: ScenarioAction): this {
    return this.#membersEvent(conversation, action, { add_entity_ids: null, remove_entity_ids: [...ids] });
  }

  /** An event of another kind (`UPDATE_ASSIGNMENT`, `ARCHIVE`, ...), with its data. */
  event(conversation: string, event: string, data: Record<string, unknown>, action: ScenarioAction): this {
    this.#events.push({ conversation_id: conversation, created_timestamp: action.at, actor_entity_id: action.by ?? this.#firstTeammate(), event, data });
    return this;
  }

  /** A message in a conversation (`USER`, not internal, unless told). */
  message(conversation: string, options: ScenarioAction & { type?: string; internal?: boolean; id?: string }): this {
    const id = options.id ?? `msg_${this.#messages.length + 1}`;
    this.#messages.push({ id, conversation, at: options.at, by: options.by ?? null, type: options.type ?? 'USER', internal: options.internal ?? false });
    return this;
  }

  /** An \@page: an internal note by `by` at `at`, and the page sent to `paged` (teammates or teams). */
  page(conversation: string, paged: readonly string[], action: ScenarioAction): this {
    const message = `msg_${this.#messages.length + 1}`;
    this.message(conversation, { ...action, by: action.by ?? this.#firstTeammate(), internal: true, id: message });
    this.#pages.push({ id: `page_${this.#pages.length + 1}`, conversation, message, paged });
    return this;
  }

  /** The tables of one export covering the whole story, from `start` to `end`. */
  tables(): SpruceExportTables {
    return this.#period({ start: this.#start, end: this.#end });
  }

  /** The tables of consecutive exports, split at `boundaries` (between `start` and `end`), oldest first. */
  exports(boundaries: readonly Date[]): SpruceExportTables[] {
    const cuts = [this.#start, ...[...boundaries].sort((a, b) => a.getTime() - b.getTime()), this.#end];
    return cuts.slice(1).map((end, i) => this.#period({ start: cuts[i]!, end }));
  }

  #membersEvent(conversation: string, action: ScenarioAction, data: Record<string, unknown>): this {
    return this.event(conversation, 'UPDATE_MEMBERS', data, action);
  }

  #firstTeammate(): string {
    return this.#entities.find((entity) => entity.type === 'PROVIDER')?.id ?? 'ent_unknown';
  }

  #period(period: Period): SpruceExportTables {
    const inPeriod = (at: Date) => at >= period.start && at < period.end;
    const messages = this.#messages.filter((message) => inPeriod(message.at));
    const active = new Set([...messages.map((message) => message.conversation), ...this.#events.filter((e) => inPeriod(e.created_timestamp as Date)).map((e) => e.conversation_id as string)]);
    const conversations = [...this.#conversations.values()].filter((c) => active.has(c.id) || inPeriod(c.created));
    const pages = this.#pages.filter((page) => messages.some((message) => message.id === page.message));
    return {
      metadata: [{ start_timestamp: period.start, end_timestamp: period.end }],
      entities: this.#entities.map((e) => ({ entity_id: e.id, display_name: e.name, type: e.type, invite_pending: false, entity_created_timestamp: this.#start })),
      user_group_members: this.#membersAt(period.end).flatMap(([team, members]) => members.map((member) => ({ group_entity_id: team, member_entity_id: member }))),
      conversations: conversations.map((c) => {
        const own = this.#messages.filter((message) => message.conversation === c.id && message.at < period.end);
        return {
          conversation_id: c.id,
          primary_entity_id: c.patient,
          type: c.endpoint?.startsWith('+') ? 'STANDARD' : 'SECURE',
          created_timestamp: c.created,
          message_count: own.length,
          last_message_timestamp: own.at(-1)?.at ?? null,
          deleted: c.deleted,
          internal_endpoint: c.endpoint,
          external_endpoint: null,
        };
      }),
      conversation_events: this.#events.filter((e) => inPeriod(e.created_timestamp as Date)),
      pages: pages.map((page) => ({ page_id: page.id, conversation_id: page.conversation, message_id: page.message, resolved: false })),
      paged_entities: pages.flatMap((page) => page.paged.map((entity) => ({ page_id: page.id, entity_id: entity }))),
      messages: messages.map((m) => ({
        message_id: m.id,
        conversation_id: m.conversation,
        created_timestamp: m.at,
        internal: m.internal,
        destinations: [],
        actor_entity_id: m.by,
        message_body: m.internal ? 'Internal note.' : 'Fake message.',
        message_type: m.type,
        deleted: false,
      })),
    };
  }

  /** Each team's members just before `end` (a change from `end` on belongs to the next period). */
  #membersAt(end: Date): [string, readonly string[]][] {
    const teams = new Map<string, readonly string[]>();
    for (const change of [...this.#teamChanges].sort((a, b) => a.from.getTime() - b.from.getTime())) if (change.from < end) teams.set(change.team, change.members);
    return [...teams];
  }
}
