import { teamMembershipHistory, type AccessTables, type TeamMembershipPeriod } from '@x/spruce-export-parser';
import type { Destination } from '../destinations/destination.js';
import { SyncConfigError } from '../errors/sync-errors.js';
import { PERIOD_START_COLUMN, TEAM_HISTORY_STREAM } from '../sources/spruce/spruce-streams.js';

/** The warehouse tables the conversation access analysis reads. */
export const ACCESS_WAREHOUSE_TABLES = [
  'spruce_entities',
  TEAM_HISTORY_STREAM.table,
  'spruce_conversations',
  'spruce_conversation_events',
  'spruce_pages',
  'spruce_paged_entities',
  'spruce_messages',
] as const;

/**
 * Checks that the Spruce tables the analysis needs are in the warehouse, and returns the end of
 * the newest loaded export (the default `at`). A `SyncConfigError` (exit 2) names a missing table
 * and says how to fill it: a run of the Spruce source (files loaded before the history table
 * existed are read again for it).
 */
export async function checkAccessWarehouse(db: Destination): Promise<Date> {
  const tables = new Set(await db.listTables());
  const missing = ACCESS_WAREHOUSE_TABLES.find((table) => !tables.has(table));
  if (missing) throw new SyncConfigError(`spruce-access: the database has no ${missing} table; run \`x-sync run --source spruce\` first`);
  let newest: Date | undefined;
  for await (const row of db.readRows(`SELECT max(period_end) AS period_end FROM _sync_files WHERE status = 'loaded'`)) {
    if (row.period_end instanceof Date) newest = row.period_end;
  }
  if (!newest) throw new SyncConfigError('spruce-access: no Spruce export is loaded in the database; run `x-sync run --source spruce` first');
  return newest;
}

/**
 * The engine's tables ({@link AccessTables}) read back from the warehouse, each a streamed query
 * run when the engine reaches it. `entities` is the newest snapshot plus the rows that left it
 * after `at`, a row leaving at the start of the first period whose snapshot lacks it, as in
 * `conversationAccess` (the warehouse keeps one snapshot of entities, not each export's); team membership
 * comes from `spruce_user_group_members_history`, one snapshot per export period, through the same
 * `teamMembershipHistory` the export adapter uses.
 *
 * @example
 * ```ts
 * const report = await analyseConversationAccess(accessTablesFrom(db, at), endpoints, { at });
 * ```
 */
export function accessTablesFrom(db: Destination, at: Date): AccessTables {
  const rows = <T>(sql: string, params: readonly (string | null)[] = []) => db.readRows(sql, params) as AsyncIterable<T>;
  return {
    // A row gone from a period's snapshot is marked deleted at that period's end, but the exports
    // put the snapshot in force from the period's start: it left the entities then.
    entities: rows(
      `SELECT entity_id, type, display_name, first_name, last_name FROM spruce_entities AS e WHERE e._sync_deleted_at IS NULL
        OR coalesce((SELECT min(f.period_start) FROM _sync_files AS f WHERE f.status = 'loaded' AND f.period_end = e._sync_deleted_at), e._sync_deleted_at) > ?`,
      [at.toISOString()],
    ),
    teamMemberships: membershipPeriods(db),
    conversations: rows('SELECT conversation_id, internal_endpoint, created_timestamp, coalesce(deleted, false) AS deleted, primary_entity_id FROM spruce_conversations'),
    // Appended rows have no file order in a table: replayed by time (the engine sorts them stably too).
    conversationEvents: rows(`SELECT conversation_id, created_timestamp, event, data FROM spruce_conversation_events WHERE event = 'UPDATE_MEMBERS' ORDER BY created_timestamp`),
    pages: rows('SELECT page_id, conversation_id, message_id FROM spruce_pages'),
    pagedEntities: rows('SELECT page_id, entity_id FROM spruce_paged_entities'),
    messages: rows('SELECT message_id, conversation_id, created_timestamp, actor_entity_id, message_type FROM spruce_messages'),
  };
}

async function* membershipPeriods(db: Destination): AsyncGenerator<TeamMembershipPeriod, void, undefined> {
  const table = TEAM_HISTORY_STREAM.table;
  const starts: Date[] = [];
  for await (const row of db.readRows(`SELECT DISTINCT ${PERIOD_START_COLUMN} AS period_start FROM ${table} ORDER BY 1`)) starts.push(row.period_start as Date);
  yield* teamMembershipHistory(
    starts.map((start) => ({
      start,
      rows: db.readRows(`SELECT group_entity_id, member_entity_id FROM ${table} WHERE ${PERIOD_START_COLUMN} = ?`, [start.toISOString()]) as AsyncIterable<{
        group_entity_id: string;
        member_entity_id: string;
      }>,
    })),
  );
}
