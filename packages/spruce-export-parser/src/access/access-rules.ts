import type { ConversationViewer, ViewerReason } from './access-types.js';
import type { ResolvedEndpoint } from './endpoints-file.js';
import type { TeamRoster } from './team-memberships.js';

/** An `UPDATE_MEMBERS` event of a restricted conversation. */
export interface MembersChange {
  at: Date;
  add: readonly string[];
  remove: readonly string[];
}

/** What the rules need to know about the entities at `at`. */
export interface EntityDirectory {
  isTeammate(id: string): boolean;
  isTeam(id: string): boolean;
}

const RANK: Record<ViewerReason, number> = { 'endpoint-owner': 0, 'endpoint-member': 1, 'conversation-member': 2, organisation: 3 };

type Access = Pick<ConversationViewer, 'reason' | 'via_team' | 'since'>;

/**
 * The visibility rules of seeds 001 and 003 for one restricted conversation: its endpoint's owner
 * and members (teams expanded with the membership in force at the time asked), plus the teammates
 * added to the conversation and not removed since. Owners and endpoint members cannot be removed.
 */
export class RestrictedConversation {
  readonly conversationId: string;
  readonly endpoint: ResolvedEndpoint & { owner: string };
  /** Teammates who wrote while they could not see, with their first such message's time. */
  readonly authorsNotViewing = new Map<string, Date>();
  readonly #changes: MembersChange[] = [];
  #sorted = true;

  constructor(conversationId: string, endpoint: ResolvedEndpoint & { owner: string }) {
    this.conversationId = conversationId;
    this.endpoint = endpoint;
  }

  /** Records an `UPDATE_MEMBERS` event (any order; they are replayed by time). */
  record(change: MembersChange): void {
    const last = this.#changes.at(-1);
    if (last && change.at < last.at) this.#sorted = false;
    this.#changes.push(change);
  }

  /** The events recorded, oldest first (stable for events at the same instant). */
  changes(): readonly MembersChange[] {
    if (!this.#sorted) {
      this.#changes.sort((a, b) => a.at.getTime() - b.at.getTime());
      this.#sorted = true;
    }
    return this.#changes;
  }

  /** Whether the entity sees the conversation through its endpoint at `time`, and how. */
  endpointAccess(entity: string, time: Date, roster: TeamRoster): Access | undefined {
    const { owner, members } = this.endpoint;
    if (owner === entity) return { reason: 'endpoint-owner', via_team: null, since: null };
    if (members.includes(entity)) return { reason: 'endpoint-member', via_team: null, since: null };
    if (roster.isMemberAt(owner, entity, time)) return { reason: 'endpoint-owner', via_team: owner, since: null };
    const team = members.find((member) => roster.isMemberAt(member, entity, time));
    return team === undefined ? undefined : { reason: 'endpoint-member', via_team: team, since: null };
  }

  /** The conversation's own members at `time` (entity or team id, and since when), events up to `time` replayed. */
  membersAt(time: Date): Map<string, Date> {
    const members = new Map<string, Date>();
    for (const change of this.changes()) {
      if (change.at > time) break;
      for (const id of change.remove) members.delete(id);
      for (const id of change.add) if (!members.has(id)) members.set(id, change.at);
    }
    return members;
  }

  /** Whether a teammate could see the conversation at `time`. */
  canSee(entity: string, time: Date, roster: TeamRoster): boolean {
    if (this.endpointAccess(entity, time, roster)) return true;
    for (const id of this.membersAt(time).keys()) if (id === entity || roster.isMemberAt(id, entity, time)) return true;
    return false;
  }

  /** Every teammate who can see the conversation at `time`, each with the first reason that applies. */
  viewersAt(time: Date, roster: TeamRoster, directory: EntityDirectory): Map<string, Access> {
    const viewers = new Map<string, Access>();
    const grant = (entity: string, access: Access) => {
      if (!directory.isTeammate(entity)) return;
      const held = viewers.get(entity);
      if (!held || RANK[access.reason] < RANK[held.reason] || (access.reason === held.reason && held.via_team !== null && access.via_team === null)) {
        viewers.set(entity, access);
      }
    };
    const grantAll = (id: string, reason: ViewerReason, since: Date | null) => {
      if (directory.isTeam(id)) for (const member of roster.membersAt(id, time)) grant(member, { reason, via_team: id, since });
      else grant(id, { reason, via_team: null, since });
    };
    grantAll(this.endpoint.owner, 'endpoint-owner', null);
    for (const member of this.endpoint.members) grantAll(member, 'endpoint-member', null);
    for (const [id, since] of this.membersAt(time)) grantAll(id, 'conversation-member', since);
    return viewers;
  }
}
