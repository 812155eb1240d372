import { conversationAccess, openSpruceExport, type ConversationAccessOptions, type ConversationAccessReport } from '../../src/index.js';
import { buildSpruceExportZip, SpruceAccessScenario, type AccessScenarioOptions } from '../../src/testing.js';

/** Dr. Ana's direct line. */
export const LINE_ANA = '+14155550100';
/** The night team's line. */
export const LINE_TEAM = '+14155550101';

/**
 * A small practice: teammates Ana, Ben, Cy and Dee, patient pat1, the night team (Ben and Cy),
 * and a conversation on each of `LINE_ANA` (`c_ana`, with pat1) and `LINE_TEAM` (`c_team`).
 */
export function clinic(options: AccessScenarioOptions = {}): SpruceAccessScenario {
  return new SpruceAccessScenario(options)
    .teammate('ana')
    .teammate('ben')
    .teammate('cy')
    .teammate('dee')
    .patient('pat1')
    .team('night', ['ben', 'cy'])
    .conversation('c_ana', { endpoint: LINE_ANA, patient: 'pat1' })
    .conversation('c_team', { endpoint: LINE_TEAM });
}

/** A moment in May 2024 (UTC): `may(3, 10)` is 2024-05-03T10:00Z. */
export function may(day: number, hour = 0): Date {
  return new Date(Date.UTC(2024, 4, day, hour));
}

/** Writes the story as one export (or several, split at `boundaries`), opens them and analyses access. */
export async function accessOf(
  story: SpruceAccessScenario,
  endpoints: object,
  options: ConversationAccessOptions = {},
  boundaries?: readonly Date[],
): Promise<ConversationAccessReport> {
  const tables = boundaries ? story.exports(boundaries) : [story.tables()];
  const exports = await Promise.all(tables.map((t) => openSpruceExport(buildSpruceExportZip(t))));
  return conversationAccess(exports, endpoints, options);
}

/** The viewers of one conversation as `entity:reason[:team]` strings, for short assertions. */
export function viewersOf(report: ConversationAccessReport, conversation: string): string[] {
  return report.viewers
    .filter((row) => row.conversation_id === conversation)
    .map((row) => [row.entity_id ?? '*', row.reason, ...(row.via_team ? [row.via_team] : [])].join(':'));
}

/** The exceptions of one kind as `conversation:entity` strings (endpoint for unlisted ones). */
export function exceptionsOf(report: ConversationAccessReport, kind: string): string[] {
  return report.exceptions.filter((row) => row.kind === kind).map((row) => `${row.conversation_id ?? row.endpoint}:${row.entity_id ?? row.conversations}`);
}
