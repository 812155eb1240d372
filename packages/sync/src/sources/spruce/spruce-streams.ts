import { SPRUCE_ROW_MODELS, type TableName } from '@x/spruce-export-parser';
import type { z } from 'zod';
import { modelColumns } from '../columns.js';
import type { KeyRule, StreamDefinition } from '../source.js';

/** How a Spruce table is merged, from the document's notes on each file of a periodic export. */
export type SpruceRule =
  | { readonly kind: 'snapshot'; readonly key: readonly string[] }
  | { readonly kind: 'upsert'; readonly key: readonly string[]; readonly newerThan: string }
  | {
      readonly kind: 'replace-set';
      readonly parent: readonly string[];
      /**
       * The table of the same file whose rows name every parent the file gives a set, an empty
       * one included: a conversation of `conversations.csv` with no row in `conversation_tags.csv`
       * has no tag left.
       */
      readonly parentsFrom?: TableName;
    }
  | { readonly kind: 'append' };

/**
 * The 13 data tables (metadata goes to the ledger). Snapshot tables hold "a comprehensive list"
 * in every export; the others only the period's rows. The document says neither for
 * `patient_id_mappings`, so it is appended on its row hash and never soft-deleted.
 */
export const SPRUCE_RULES: Readonly<Record<Exclude<TableName, 'metadata'>, SpruceRule>> = {
  entities: { kind: 'snapshot', key: ['entity_id'] },
  entity_contact_info: { kind: 'snapshot', key: ['_sync_row_hash'] },
  user_group_members: { kind: 'snapshot', key: ['group_entity_id', 'member_entity_id'] },
  voip_phone_lines: { kind: 'snapshot', key: ['_sync_row_hash'] },
  patient_id_mappings: { kind: 'append' },
  conversations: { kind: 'upsert', key: ['conversation_id'], newerThan: 'last_message_timestamp' },
  messages: { kind: 'upsert', key: ['message_id'], newerThan: 'created_timestamp' },
  pages: { kind: 'upsert', key: ['page_id'], newerThan: 'resolved_timestamp' },
  conversation_tags: { kind: 'replace-set', parent: ['conversation_id'], parentsFrom: 'conversations' },
  paged_entities: { kind: 'replace-set', parent: ['page_id'] },
  conversation_events: { kind: 'append' },
  inbound_calls: { kind: 'append' },
  outbound_calls: { kind: 'append' },
};

/** The Spruce data tables, in the document's order. */
export const SPRUCE_TABLES = Object.keys(SPRUCE_RULES) as Array<keyof typeof SPRUCE_RULES>;

function keyRule(rule: SpruceRule): KeyRule {
  if (rule.kind === 'append') return { kind: 'row-hash' };
  if (rule.kind === 'replace-set') return { kind: 'columns', columns: rule.parent };
  return rule.key[0] === '_sync_row_hash' ? { kind: 'row-hash' } : { kind: 'columns', columns: rule.key };
}

function describeRule(rule: SpruceRule): string {
  switch (rule.kind) {
    case 'snapshot':
      return 'snapshot: merged only from a newer period, rows gone marked _sync_deleted_at';
    case 'upsert':
      return `incremental: upserted on ${rule.key.join(', ')}, the newer row wins`;
    case 'replace-set':
      return `incremental: the set of rows of each ${rule.parent.join(', ')} ${rule.parentsFrom ? `in ${rule.parentsFrom} ` : ''}replaced`;
    case 'append':
      return 'incremental: appended, keyed by the row hash';
  }
}

/**
 * A Spruce stream. With `history`, the stream keeps every export's snapshot of `spruceTable`
 * (the model's columns plus `period_start`, the export's `metadata.start_timestamp`), appended on
 * the row hash: the team memberships over time that the conversation access analysis needs.
 */
export type SpruceStream = StreamDefinition & { readonly spruceTable: keyof typeof SPRUCE_RULES; readonly history?: true };

/** The column of a history stream telling which export's snapshot a row comes from. */
export const PERIOD_START_COLUMN = 'period_start';

const dataStreams: SpruceStream[] = SPRUCE_TABLES.map((spruceTable) => ({
  table: `spruce_${spruceTable}`,
  source: 'spruce',
  spruceTable,
  columns: modelColumns(SPRUCE_ROW_MODELS[spruceTable] as unknown as z.ZodObject),
  softDelete: SPRUCE_RULES[spruceTable].kind === 'snapshot',
  key: keyRule(SPRUCE_RULES[spruceTable]),
  rule: describeRule(SPRUCE_RULES[spruceTable]),
}));

/** `spruce_user_group_members_history`: every export's team memberships, with the export's period start. */
export const TEAM_HISTORY_STREAM: SpruceStream = {
  table: 'spruce_user_group_members_history',
  source: 'spruce',
  spruceTable: 'user_group_members',
  history: true,
  columns: [...modelColumns(SPRUCE_ROW_MODELS.user_group_members), { wire: PERIOD_START_COLUMN, name: PERIOD_START_COLUMN, type: 'TIMESTAMPTZ' }],
  softDelete: false,
  key: { kind: 'row-hash' },
  rule: 'history: each export\'s user_group_members with the export\'s period_start, appended, keyed by the row hash',
};

/** Every Spruce stream: the 13 tables, then the history of team memberships. */
export const SPRUCE_STREAMS: readonly SpruceStream[] = [...dataStreams, TEAM_HISTORY_STREAM];
