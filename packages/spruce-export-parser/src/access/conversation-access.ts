import { ExportFormatError, InvalidParamsError, type DateInput } from '@x/core';
import { instant } from '@x/core/internal';
import type { SpruceExport } from '../spruce-export.js';
import type { TableName, TableRow } from '../tables.js';
import { analyseConversationAccess } from './access-engine.js';
import type { AccessPagedEntity, ConversationAccessReport } from './access-types.js';
import { parseAccessEndpoints, type AccessEndpoints } from './endpoints-file.js';
import { teamMembershipHistory } from './team-memberships.js';

/** Options of {@link conversationAccess}. */
export interface ConversationAccessOptions {
  /**
   * The instant to answer for: events, messages and pages after it are left out, and teams have
   * the members in force then.
   * @default the end of the newest export's period
   */
  at?: DateInput | undefined;
  /**
   * Adds `patient_names` (the patient of each restricted conversation, by conversation id) to
   * the report, so the HTML report can show them. Off, the report holds no patient name.
   * @default false
   */
  patientNames?: boolean | undefined;
  /** Stops the analysis: it rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/** The tables the analysis reads from every export. */
export const ACCESS_TABLES = ['entities', 'user_group_members', 'conversations', 'conversation_events', 'pages', 'paged_entities', 'messages'] as const satisfies readonly TableName[];

/**
 * Who could see which conversation at `at`, and why, from one or several Spruce exports plus the
 * endpoints file (who owns which phone number or Spruce Link). Exports are read oldest to newest
 * (by `metadata.start_timestamp`), incremental tables merged as the sync merges them, team
 * membership taken from each period's snapshot. Streams: memory grows with conversations, not
 * messages. The export has no view log: this says who *could* see, not who looked.
 *
 * The endpoints file is validated first (`InvalidParamsError`), then checked against the entities
 * in force at `at` before any conversation is read. A missing table is an `ExportFormatError`.
 *
 * @example
 * ```ts
 * const endpoints = await loadAccessEndpoints('./endpoints.json');
 * const report = await conversationAccess([await openSpruceExport(may), await openSpruceExport(june)], endpoints);
 * for (const e of report.exceptions) console.log(e.kind, e.conversation_id, e.entity_id);
 * ```
 */
export async function conversationAccess(
  exports: SpruceExport | readonly SpruceExport[],
  endpoints: AccessEndpoints | string | object,
  options: ConversationAccessOptions = {},
): Promise<ConversationAccessReport> {
  const resolved = endpoints instanceof Map ? (endpoints as AccessEndpoints) : parseAccessEndpoints(endpoints);
  const list = [...(Array.isArray(exports) ? (exports as readonly SpruceExport[]) : [exports as SpruceExport])];
  if (list.length === 0) throw new InvalidParamsError('exports: give at least one opened export', { param: 'exports' });
  const byPeriod = list
    .map((exp, index) => ({ exp, index }))
    .sort((a, b) => a.exp.metadata.start_timestamp.getTime() - b.exp.metadata.start_timestamp.getTime() || a.index - b.index)
    .map(({ exp }) => exp);
  for (const exp of byPeriod) {
    const missing = ACCESS_TABLES.find((table) => !exp.tables.includes(table));
    if (missing) {
      throw new ExportFormatError(`the export of the period from ${exp.metadata.start_timestamp.toISOString()} has no ${missing}.csv, which the access analysis needs`, { source: missing });
    }
  }
  const at = options.at === undefined ? new Date(Math.max(...byPeriod.map((exp) => exp.metadata.end_timestamp.getTime()))) : instant(options.at, 'at');
  const { signal } = options;
  const inForce = byPeriod.filter((exp) => exp.metadata.start_timestamp <= at).at(-1) ?? byPeriod[0]!;
  const chained = <T extends TableName>(table: T) => chain(byPeriod, (exp) => exp.rows(table, { signal }));

  return analyseConversationAccess(
    {
      entities: inForce.rows('entities', { signal }),
      teamMemberships: teamMembershipHistory(
        byPeriod.map((exp) => ({ start: exp.metadata.start_timestamp, rows: exp.rows('user_group_members', { signal }) })),
        { signal },
      ),
      conversations: chained('conversations'),
      conversationEvents: chained('conversation_events'),
      pages: chained('pages'),
      pagedEntities: newestSetPerPage(byPeriod, signal),
      messages: chained('messages'),
    },
    resolved,
    { at, signal, patientNames: options.patientNames },
  );
}

async function* chain<T>(exports: readonly SpruceExport[], rows: (exp: SpruceExport) => AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  for (const exp of exports) yield* rows(exp);
}

/** `paged_entities` set-replaced per page, as the sync merges it: a page's set comes from the newest period that lists it. */
async function* newestSetPerPage(exports: readonly SpruceExport[], signal: AbortSignal | undefined): AsyncGenerator<AccessPagedEntity, void, undefined> {
  const inNewer = new Set<string>();
  for (const exp of [...exports].reverse()) {
    const here = new Set<string>();
    for await (const row of exp.rows('paged_entities', { signal }) as AsyncIterable<TableRow<'paged_entities'>>) {
      if (inNewer.has(row.page_id)) continue;
      here.add(row.page_id);
      yield row;
    }
    for (const page of here) inNewer.add(page);
  }
}
