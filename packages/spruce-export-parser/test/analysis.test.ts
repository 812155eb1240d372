import { describe, expect, test } from 'vitest';
import { countRows, inboundCallOutcomes, messagesPerDay, openSpruceExport, unresolvedPages } from '../src/index.js';
import { buildSpruceExportZip, fakeSpruceExport } from '../src/testing.js';
import { SAMPLE_ROWS, caught, exportOf, message } from './helpers/index.js';

describe('countRows', () => {
  test('counts each present table, even with bad cells', async () => {
    const exp = await exportOf({ messages: [message(1), message(2, { internal: 'bad' }), message(3)], pages: [] });
    expect(await countRows(exp)).toEqual({ metadata: 1, pages: 0, messages: 3 });
  });

  test('agrees with the generator on a fake export', async () => {
    const exp = await openSpruceExport(buildSpruceExportZip(fakeSpruceExport({ messages: 1_000, seed: 5 })));
    const counts = await countRows(exp);
    expect(counts.messages).toBe(1_000);
    expect(Object.keys(counts)).toEqual(exp.tables);
  });
});

describe('messagesPerDay', () => {
  const at = (iso: string, message_type = 'USER') => ({ created_timestamp: new Date(iso), message_type });

  test('counts by UTC day, oldest first, with a breakdown by type', async () => {
    const days = await messagesPerDay([at('2024-05-02T23:59:59Z'), at('2024-05-01T00:00:00Z', 'EVENT'), at('2024-05-02T00:00:00Z'), at('2024-05-01T12:00:00Z')]);
    expect(days).toEqual([
      { day: '2024-05-01', total: 2, byType: { EVENT: 1, USER: 1 } },
      { day: '2024-05-02', total: 2, byType: { USER: 2 } },
    ]);
  });

  test("counts by the clinic's calendar day in its time zone", async () => {
    const days = await messagesPerDay([at('2024-05-02T03:00:00Z'), at('2024-05-02T06:00:00Z')], { timeZone: 'America/Chicago' });
    expect(days.map(({ day, total }) => [day, total])).toEqual([
      ['2024-05-01', 1],
      ['2024-05-02', 1],
    ]);
  });

  test('reads rows streamed from an export; an unknown time zone is a RangeError before any row', async () => {
    const exp = await exportOf({ messages: [message(1), message(2)] });
    expect(await messagesPerDay(exp.rows('messages'))).toEqual([{ day: '2024-05-02', total: 2, byType: { USER: 2 } }]);
    await expect(messagesPerDay(exp.rows('messages'), { timeZone: 'Mars/Olympus' })).rejects.toThrow(RangeError);
  });

  test('stops on an aborted signal', async () => {
    const reason = new Error('stop');
    expect(await caught(messagesPerDay([at('2024-05-01T00:00:00Z')], { signal: AbortSignal.abort(reason) }))).toBe(reason);
  });
});

describe('unresolvedPages', () => {
  const page = (page_id: string, resolved: boolean) => ({ ...SAMPLE_ROWS.pages.output, page_id, resolved });

  test('the pages not resolved, in order, with who they were assigned to', async () => {
    const pages = [page('p1', false), page('p2', true), page('p3', false)];
    const assigned = [
      { page_id: 'p1', entity_id: 'e1' },
      { page_id: 'p2', entity_id: 'e2' },
      { page_id: 'p1', entity_id: 'e3' },
    ];
    expect(await unresolvedPages(pages, assigned)).toEqual([
      { page_id: 'p1', conversation_id: 'conv_1', message_id: 'msg_1', assigned_entity_ids: ['e1', 'e3'] },
      { page_id: 'p3', conversation_id: 'conv_1', message_id: 'msg_1', assigned_entity_ids: [] },
    ]);
    expect(await unresolvedPages(pages)).toHaveLength(2);
  });

  test('from an export with document-spelled headers', async () => {
    const exp = await exportOf(
      { pages: [{ ...SAMPLE_ROWS.pages.input, resolved: false, resolved_timestamp: null, resolved_by_entity_id: null }], paged_entities: [SAMPLE_ROWS.paged_entities.input] },
      { headerSpelling: 'document' },
    );
    expect(await unresolvedPages(exp.rows('pages'), exp.rows('paged_entities'))).toEqual([
      { page_id: 'page_1', conversation_id: 'conv_1', message_id: 'msg_1', assigned_entity_ids: ['ent_prov_2'] },
    ]);
  });
});

describe('inboundCallOutcomes', () => {
  const call = (answered: boolean | null, sent_to_voicemail: boolean, left = false) => ({
    answered,
    sent_to_voicemail,
    left_voicemail_timestamp: left ? new Date('2024-05-02T10:00:00Z') : null,
  });

  test('answered, sent to voicemail (and messages left), missed', async () => {
    const outcomes = await inboundCallOutcomes([call(true, false), call(false, true, true), call(false, true), call(null, false), call(false, false), call(true, true)]);
    expect(outcomes).toEqual({ total: 6, answered: 2, sentToVoicemail: 2, voicemailsLeft: 1, missed: 2 });
    expect(outcomes.answered + outcomes.sentToVoicemail + outcomes.missed).toBe(outcomes.total);
  });

  test('from a fake export, the parts add up', async () => {
    const exp = await openSpruceExport(buildSpruceExportZip(fakeSpruceExport({ messages: 800 })));
    const outcomes = await inboundCallOutcomes(exp.rows('inbound_calls'));
    expect(outcomes.total).toBe(100);
    expect(outcomes.answered + outcomes.sentToVoicemail + outcomes.missed).toBe(100);
    expect(outcomes.answered).toBeGreaterThan(0);
    expect(outcomes.sentToVoicemail).toBeGreaterThan(0);
  });
});
