import { describe, expect, test } from 'vitest';
import { analyseConversationAccess, conversationAccess, openSpruceExport, parseAccessEndpoints } from '../src/index.js';
import { buildSpruceExportZip, SpruceAccessScenario } from '../src/testing.js';
import { accessOf, caught, clinic, LINE_ANA, LINE_TEAM, may, viewersOf } from './helpers/index.js';

const FRONT_DESK = '+14155550199';

/** Ana has a direct line; the night team (Ben, Cy) owns another; Dee is on neither; the front desk is open. */
function practice(): SpruceAccessScenario {
  return clinic().conversation('c_desk', { endpoint: FRONT_DESK });
}

const ENDPOINTS = { endpoints: { [LINE_ANA]: { owner: 'ana' }, [LINE_TEAM]: { owner: 'night', members: ['dee'] } } };

describe('conversationAccess: who can see', () => {
  test('by default the whole organisation sees a conversation: one row, entity_id null', async () => {
    const report = await accessOf(practice(), { endpoints: { [FRONT_DESK]: { owner: 'organisation' } } });
    expect(report.viewers).toEqual([
      { conversation_id: 'c_ana', entity_id: null, reason: 'organisation', via_team: null, since: null, endpoint: LINE_ANA },
      { conversation_id: 'c_desk', entity_id: null, reason: 'organisation', via_team: null, since: null, endpoint: FRONT_DESK },
      { conversation_id: 'c_team', entity_id: null, reason: 'organisation', via_team: null, since: null, endpoint: LINE_TEAM },
    ]);
    expect(report.teammates.map((t) => [t.entity_id, t.restricted_conversations])).toEqual([
      ['ana', 0],
      ['ben', 0],
      ['cy', 0],
      ['dee', 0],
    ]);
  });

  test('an owned endpoint: only the owner, the endpoint members and the team expanded to its members', async () => {
    const report = await accessOf(practice(), ENDPOINTS);
    expect(viewersOf(report, 'c_ana')).toEqual(['ana:endpoint-owner']);
    expect(viewersOf(report, 'c_team')).toEqual(['ben:endpoint-owner:night', 'cy:endpoint-owner:night', 'dee:endpoint-member']);
    expect(viewersOf(report, 'c_desk')).toEqual(['*:organisation']);
    expect(report.teammates).toEqual([
      { entity_id: 'ana', name: 'Dr. Testy ana', restricted_conversations: 1, endpoints: [LINE_ANA] },
      { entity_id: 'ben', name: 'Dr. Testy ben', restricted_conversations: 1, endpoints: [LINE_TEAM] },
      { entity_id: 'cy', name: 'Dr. Testy cy', restricted_conversations: 1, endpoints: [LINE_TEAM] },
      { entity_id: 'dee', name: 'Dr. Testy dee', restricted_conversations: 1, endpoints: [LINE_TEAM] },
    ]);
    expect(report.teams).toEqual([{ entity_id: 'night', name: 'Fake Team night', members: ['ben', 'cy'] }]);
  });

  test('a teammate added to one conversation sees it from then, with since; removed, no longer', async () => {
    const story = practice()
      .addMembers('c_ana', ['dee'], { at: may(3, 10), by: 'ana' })
      .addMembers('c_ana', ['ben'], { at: may(4), by: 'ana' })
      .removeMembers('c_ana', ['ben'], { at: may(5), by: 'ana' });
    const report = await accessOf(story, ENDPOINTS);
    expect(report.viewers.filter((row) => row.conversation_id === 'c_ana')).toEqual([
      { conversation_id: 'c_ana', entity_id: 'ana', reason: 'endpoint-owner', via_team: null, since: null, endpoint: LINE_ANA },
      { conversation_id: 'c_ana', entity_id: 'dee', reason: 'conversation-member', via_team: null, since: may(3, 10), endpoint: LINE_ANA },
    ]);
  });

  test('a team added to a conversation gives its members access through it', async () => {
    const report = await accessOf(practice().addMembers('c_ana', ['night'], { at: may(3) }), ENDPOINTS);
    expect(viewersOf(report, 'c_ana')).toEqual(['ana:endpoint-owner', 'ben:conversation-member:night', 'cy:conversation-member:night']);
  });

  test('owners and endpoint members cannot be removed from a conversation', async () => {
    const story = practice().removeMembers('c_team', ['ben', 'dee'], { at: may(3), by: 'cy' }).removeMembers('c_ana', ['ana'], { at: may(3), by: 'ana' });
    const report = await accessOf(story, ENDPOINTS);
    expect(viewersOf(report, 'c_ana')).toEqual(['ana:endpoint-owner']);
    expect(viewersOf(report, 'c_team')).toEqual(['ben:endpoint-owner:night', 'cy:endpoint-owner:night', 'dee:endpoint-member']);
  });

  test('the first reason that applies wins: an owner also added is an owner; a direct member beats one through a team', async () => {
    const story = practice().addMembers('c_ana', ['ana'], { at: may(3) });
    const endpoints = { endpoints: { [LINE_ANA]: { owner: 'ana' }, [LINE_TEAM]: { owner: 'night', members: ['ben'] } } };
    const report = await accessOf(story, endpoints);
    expect(viewersOf(report, 'c_ana')).toEqual(['ana:endpoint-owner']);
    expect(viewersOf(report, 'c_team')).toEqual(['ben:endpoint-owner:night', 'cy:endpoint-owner:night']);
  });

  test('assignment and auto-assignment change inboxes, not who can see', async () => {
    const story = practice()
      .event('c_ana', 'UPDATE_ASSIGNMENT', { assign_entity_id: 'dee' }, { at: may(3), by: 'ana' })
      .event('c_ana', 'ARCHIVE', { archive: true }, { at: may(4), by: 'ana' });
    expect(viewersOf(await accessOf(story, ENDPOINTS), 'c_ana')).toEqual(['ana:endpoint-owner']);
  });

  test('patients, external contacts and phone devices are never viewers, even when added', async () => {
    const story = practice().entity('ext1', 'EXTERNAL').entity('phone1', 'PHONE').addMembers('c_ana', ['pat1', 'ext1', 'phone1'], { at: may(3) });
    const report = await accessOf(story, ENDPOINTS);
    expect(viewersOf(report, 'c_ana')).toEqual(['ana:endpoint-owner']);
    expect(report.teammates.map((t) => t.entity_id)).toEqual(['ana', 'ben', 'cy', 'dee']);
  });

  test('at: only events up to it are replayed; conversations created after it are left out', async () => {
    const story = practice()
      .conversation('c_later', { endpoint: LINE_ANA, created: may(20) })
      .addMembers('c_ana', ['dee'], { at: may(10) })
      .removeMembers('c_ana', ['dee'], { at: may(15) });
    expect(viewersOf(await accessOf(story, ENDPOINTS, { at: may(9) }), 'c_ana')).toEqual(['ana:endpoint-owner']);
    const mid = await accessOf(story, ENDPOINTS, { at: '2024-05-12T00:00:00Z' });
    expect(viewersOf(mid, 'c_ana')).toEqual(['ana:endpoint-owner', 'dee:conversation-member']);
    expect(mid.viewers.some((row) => row.conversation_id === 'c_later')).toBe(false);
    const end = await accessOf(story, ENDPOINTS);
    expect(end.at).toEqual(new Date('2024-06-01T00:00:00Z'));
    expect(viewersOf(end, 'c_ana')).toEqual(['ana:endpoint-owner']);
    expect(viewersOf(end, 'c_later')).toEqual(['ana:endpoint-owner']);
  });

  test('a deleted conversation has no viewers', async () => {
    const story = practice().conversation('c_gone', { endpoint: LINE_ANA, deleted: true });
    expect(viewersOf(await accessOf(story, ENDPOINTS), 'c_gone')).toEqual([]);
  });

  test('an unreadable `at` is an InvalidParamsError before anything is read', async () => {
    const error = await caught(accessOf(practice(), ENDPOINTS, { at: 'last Tuesday' }));
    expect(error).toMatchObject({ name: 'InvalidParamsError', param: 'at' });
  });

  test('an aborted signal stops the analysis with its reason', async () => {
    const reason = new Error('stop');
    expect(await caught(accessOf(practice(), ENDPOINTS, { signal: AbortSignal.abort(reason) }))).toBe(reason);
  });
});

describe('conversationAccess over several exports (monthly deliveries)', () => {
  const june = new Date('2024-06-01T00:00:00Z');
  const july = new Date('2024-07-01T00:00:00Z');

  test('team membership is the one in force at `at`, from the snapshots of each period', async () => {
    // Cy leaves the night team at the end of May; Dee joins it in June.
    const story = new SpruceAccessScenario({ end: july })
      .teammate('ben')
      .teammate('cy')
      .teammate('dee')
      .team('night', ['ben', 'cy'])
      .teamMembers('night', ['ben', 'dee'], { from: june })
      .conversation('c1', { endpoint: LINE_TEAM })
      .message('c1', { by: 'ben', at: may(2) })
      .message('c1', { by: 'ben', at: new Date('2024-06-02T00:00:00Z') });
    const endpoints = { endpoints: { [LINE_TEAM]: { owner: 'night' } } };
    const inMay = await accessOf(story, endpoints, { at: may(20) }, [june]);
    expect(viewersOf(inMay, 'c1')).toEqual(['ben:endpoint-owner:night', 'cy:endpoint-owner:night']);
    const inJune = await accessOf(story, endpoints, {}, [june]);
    expect(inJune.at).toEqual(july);
    expect(viewersOf(inJune, 'c1')).toEqual(['ben:endpoint-owner:night', 'dee:endpoint-owner:night']);
  });

  test('events of every period are replayed in order; a conversation listed twice counts once', async () => {
    const story = new SpruceAccessScenario({ end: july })
      .teammate('ana')
      .teammate('dee')
      .conversation('c1', { endpoint: LINE_ANA })
      .message('c1', { by: 'ana', at: may(2) })
      .addMembers('c1', ['dee'], { at: may(10) })
      .removeMembers('c1', ['dee'], { at: new Date('2024-06-10T00:00:00Z') })
      .message('c1', { by: 'ana', at: new Date('2024-06-11T00:00:00Z') });
    const endpoints = { endpoints: { [LINE_ANA]: { owner: 'ana' } } };
    const report = await accessOf(story, endpoints, {}, [june]);
    expect(report.viewers).toEqual([{ conversation_id: 'c1', entity_id: 'ana', reason: 'endpoint-owner', via_team: null, since: null, endpoint: LINE_ANA }]);
  });

  test("a page listed again in a newer period: its paged entities are the newer period's set, as the sync merges them (exports given newest first)", async () => {
    const story = clinic({ end: july }).page('c_ana', ['dee'], { at: may(3), by: 'ana' });
    const [mayTables, juneTables] = story.exports([june]);
    const page = [...mayTables!.pages!][0]!;
    const exports = await Promise.all(
      [mayTables!, { ...juneTables!, pages: [page], paged_entities: [{ page_id: page.page_id, entity_id: 'ben' }] }].map((t) => openSpruceExport(buildSpruceExportZip(t))),
    );
    const report = await conversationAccess(exports.reverse(), ENDPOINTS);
    expect(report.exceptions.filter((e) => e.kind === 'paged-not-viewer').map((e) => [e.entity_id, e.at])).toEqual([['ben', may(3)]]);
  });

  test('the engine over plain rows (as the sync reads its database) answers exactly as the exports', async () => {
    const story = practice().addMembers('c_ana', ['dee'], { at: may(3) }).message('c_ana', { by: 'ben', at: may(4) }).page('c_ana', ['cy'], { at: may(5), by: 'ana' });
    const fromExports = await accessOf(story, ENDPOINTS);
    const t = story.tables() as Record<string, Record<string, unknown>[]>;
    const rows = <T>(table: string) => t[table]! as unknown as T[];
    const fromRows = await analyseConversationAccess(
      {
        entities: rows('entities'),
        teamMemberships: rows<{ group_entity_id: string; member_entity_id: string }>('user_group_members').map((row) => ({ ...row, valid_from: may(1), valid_to: null })),
        // The sync keeps `data` as JSON text: the engine reads either.
        conversationEvents: rows<{ data: unknown }>('conversation_events').map((row) => ({ ...row, data: JSON.stringify(row.data) })) as never,
        conversations: rows('conversations'),
        pages: rows('pages'),
        pagedEntities: rows('paged_entities'),
        messages: rows('messages'),
      },
      parseAccessEndpoints(ENDPOINTS),
      { at: new Date('2024-06-01T00:00:00Z') },
    );
    expect(fromRows).toEqual(fromExports);
    expect(fromRows.exceptions.length).toBeGreaterThan(0);
  });
});
