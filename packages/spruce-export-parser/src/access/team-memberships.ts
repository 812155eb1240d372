import type { SpruceUserGroupMemberRow } from '../models/user-group-members.js';
import { eachRow, type RowSource } from '../analysis/rows-source.js';
import type { TeamMembershipPeriod } from './access-types.js';

/** One period's snapshot of `user_group_members`, for {@link teamMembershipHistory}. */
export interface TeamMembershipSnapshot {
  /** The start of the export's period (`metadata.start_timestamp`). */
  start: Date;
  rows: RowSource<Pick<SpruceUserGroupMemberRow, 'group_entity_id' | 'member_entity_id'>>;
}

/**
 * Turns the `user_group_members` snapshots of consecutive exports, oldest first, into a history:
 * a membership is valid from the start of the first period whose snapshot lists it until the
 * start of the first later period whose snapshot does not (`null`: still valid). A change made
 * during a period is thus dated to the start of that period: the export says what was true when
 * it was taken, not when it changed. Holds one row per membership (teams times members).
 *
 * @example
 * ```ts
 * const history = teamMembershipHistory(exports.map((exp) => ({ start: exp.metadata.start_timestamp, rows: exp.rows('user_group_members') })));
 * for await (const period of history) save(period); // { group_entity_id, member_entity_id, valid_from, valid_to }
 * ```
 */
export async function* teamMembershipHistory(
  snapshots: Iterable<TeamMembershipSnapshot> | AsyncIterable<TeamMembershipSnapshot>,
  options: { signal?: AbortSignal | undefined } = {},
): AsyncGenerator<TeamMembershipPeriod, void, undefined> {
  let open = new Map<string, TeamMembershipPeriod>();
  for await (const snapshot of snapshots) {
    const listed = new Map<string, TeamMembershipPeriod>();
    for await (const row of eachRow(snapshot.rows, options.signal)) {
      const key = JSON.stringify([row.group_entity_id, row.member_entity_id]);
      if (listed.has(key)) continue;
      listed.set(key, open.get(key) ?? { group_entity_id: row.group_entity_id, member_entity_id: row.member_entity_id, valid_from: snapshot.start, valid_to: null });
    }
    for (const [key, period] of open) if (!listed.has(key)) yield { ...period, valid_to: snapshot.start };
    open = listed;
  }
  yield* open.values();
}

/** Who is in which team when: answers from a {@link TeamMembershipPeriod} history. */
export class TeamRoster {
  readonly #periods = new Map<string, TeamMembershipPeriod[]>();

  add(period: TeamMembershipPeriod): void {
    let periods = this.#periods.get(period.group_entity_id);
    if (!periods) this.#periods.set(period.group_entity_id, (periods = []));
    periods.push(period);
  }

  /** The members of a team at `time`, distinct, in the order first listed. */
  membersAt(team: string, time: Date): string[] {
    const members = new Set<string>();
    for (const period of this.#periods.get(team) ?? []) if (validAt(period, time)) members.add(period.member_entity_id);
    return [...members];
  }

  /** Whether `member` belongs to `team` at `time`. */
  isMemberAt(team: string, member: string, time: Date): boolean {
    return (this.#periods.get(team) ?? []).some((period) => period.member_entity_id === member && validAt(period, time));
  }
}

function validAt(period: TeamMembershipPeriod, time: Date): boolean {
  return (period.valid_from === null || period.valid_from <= time) && (period.valid_to === null || time < period.valid_to);
}
