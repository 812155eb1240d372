/**
 * Summarises a Spruce data export zip: rows per table, messages per day, unresolved pages, and
 * inbound calls answered versus sent to voicemail; with an endpoints file, who can see the
 * restricted conversations and the access exceptions. Prints counts and ids only, never a
 * patient value.
 *
 * Run on a real export: `SPRUCE_EXPORT=/sftp/spruce/export.zip SPRUCE_TIME_ZONE=America/Chicago
 *   SPRUCE_ENDPOINTS=./endpoints.json tsx --conditions=@x/source examples/spruce-summary.ts`
 * Run on a fake one: `pnpm demo`.
 */
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  conversationAccess,
  countRows,
  loadAccessEndpoints,
  inboundCallOutcomes,
  messagesPerDay,
  openSpruceExport,
  unresolvedPages,
  type DailyMessageCount,
  type ConversationAccessReport,
  type InboundCallOutcomes,
  type TableName,
  type UnresolvedPage,
} from '@x/spruce-export-parser';
import { buildSpruceExportZip, FAKE_ACCESS_ENDPOINTS, fakeSpruceExport } from '@x/spruce-export-parser/testing';

/** What the summary needs. */
export interface SummaryOptions {
  /** The export zip: a path or `file:` URL. */
  path: string;
  /**
   * The clinic's time zone, for calendar days.
   * @default 'UTC'
   */
  timeZone?: string;
  /** An endpoints file (who owns which phone number or Spruce Link): adds the access summary. */
  endpoints?: string;
}

/** What the summary found, also printed. */
export interface ExportSummary {
  rowCounts: Partial<Record<TableName, number>>;
  messagesPerDay: DailyMessageCount[];
  unresolvedPages: UnresolvedPage[];
  inboundCalls: InboundCallOutcomes | undefined;
  access: ConversationAccessReport | undefined;
}

/** Opens the export at `options.path`, prints its summary and returns it. */
export async function main(options: SummaryOptions): Promise<ExportSummary> {
  const exp = await openSpruceExport(options.path);
  const { start_timestamp, end_timestamp } = exp.metadata;
  console.log(`Spruce export ${start_timestamp.toISOString()} to ${end_timestamp.toISOString()}: ${exp.tables.length} of 14 tables`);

  const rowCounts = await countRows(exp);
  for (const [table, count] of Object.entries(rowCounts)) console.log(`  ${table.padEnd(20)} ${String(count).padStart(8)} rows`);

  const has = (table: TableName) => exp.tables.includes(table);
  const days = has('messages') ? await messagesPerDay(exp.rows('messages'), { timeZone: options.timeZone }) : [];
  console.log(`Messages per day (${options.timeZone ?? 'UTC'}):`);
  for (const { day, total, byType } of days) console.log(`  ${day} ${String(total).padStart(6)}  (${byType.USER ?? 0} from users)`);

  const pages = has('pages') ? await unresolvedPages(exp.rows('pages'), has('paged_entities') ? exp.rows('paged_entities') : undefined) : [];
  console.log(`Unresolved pages: ${pages.length}`);
  for (const page of pages.slice(0, 5)) console.log(`  ${page.page_id} in ${page.conversation_id}, assigned to ${page.assigned_entity_ids.join(', ') || 'nobody'}`);
  if (pages.length > 5) console.log(`  ... and ${pages.length - 5} more`);

  const calls = has('inbound_calls') ? await inboundCallOutcomes(exp.rows('inbound_calls')) : undefined;
  if (calls) {
    console.log(
      `Inbound calls: ${calls.total}; answered ${calls.answered}, sent to voicemail ${calls.sentToVoicemail} ` +
        `(${calls.voicemailsLeft} left a message), missed ${calls.missed}`,
    );
  }
  const access = options.endpoints ? await conversationAccess(exp, await loadAccessEndpoints(options.endpoints)) : undefined;
  if (access) {
    console.log(`Conversation access at ${access.at.toISOString()} (who could see, not who looked):`);
    for (const t of access.teammates) console.log(`  ${t.entity_id.padEnd(12)} ${String(t.restricted_conversations).padStart(5)} restricted conversations via ${t.endpoints.join(', ') || 'none'}`);
    const kinds = new Map<string, number>();
    for (const { kind } of access.exceptions) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    console.log(`  exceptions: ${[...kinds].map(([kind, count]) => `${kind} ${count}`).join(', ') || 'none'}`);
  }
  return { rowCounts, messagesPerDay: days, unresolvedPages: pages, inboundCalls: calls, access };
}

/** Builds a fake export with the package's testing builder, writes it to a temp folder and summarises it. */
export async function demo(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'spruce-demo-'));
  const path = join(folder, 'spruce-export.zip');
  try {
    await writeFile(path, buildSpruceExportZip(fakeSpruceExport({ messages: 2_000, seed: 42, days: 7 }), { junk: true }));
    const endpoints = join(folder, 'endpoints.json');
    await writeFile(endpoints, JSON.stringify(FAKE_ACCESS_ENDPOINTS));
    await main({ path, timeZone: 'America/Chicago', endpoints });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Reads the options from `SPRUCE_EXPORT`, `SPRUCE_TIME_ZONE` and `SPRUCE_ENDPOINTS`. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): SummaryOptions {
  const path = env.SPRUCE_EXPORT;
  if (!path) throw new Error('Set SPRUCE_EXPORT to the path of a Spruce export zip');
  return { path, ...(env.SPRUCE_TIME_ZONE ? { timeZone: env.SPRUCE_TIME_ZONE } : {}), ...(env.SPRUCE_ENDPOINTS ? { endpoints: env.SPRUCE_ENDPOINTS } : {}) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(optionsFromEnv());
