import { describe, expect, test } from 'vitest';
import { SpruceAccessScenario } from '../src/testing.js';
import { accessOf, clinic, exceptionsOf, LINE_ANA, LINE_TEAM, may } from './helpers/index.js';

const ENDPOINTS = { endpoints: { [LINE_ANA]: { owner: 'ana', members: ['eve'] }, [LINE_TEAM]: { owner: 'night' } } };

/** The clinic, and Eve, a member of Ana's line. */
function practice(): SpruceAccessScenario {
  return clinic().teammate('eve');
}

describe('conversationAccess exceptions', () => {
  test('temporary-access: a teammate added for a consultation and never removed, dated when added', async () => {
    const story = practice()
      .addMembers('c_ana', ['dee'], { at: may(3, 9), by: 'ana' })
      .addMembers('c_ana', ['ben'], { at: may(4), by: 'ana' })
      .removeMembers('c_ana', ['ben'], { at: may(6), by: 'ana' });
    const report = await accessOf(story, ENDPOINTS);
    expect(report.exceptions.filter((e) => e.kind === 'temporary-access')).toEqual([
      { kind: 'temporary-access', conversation_id: 'c_ana', entity_id: 'dee', endpoint: LINE_ANA, at: may(3, 9), conversations: null },
    ]);
  });

  test('temporary-access: removed then added again, the access dates from the second addition', async () => {
    const story = practice()
      .addMembers('c_ana', ['dee'], { at: may(3) })
      .removeMembers('c_ana', ['dee'], { at: may(4) })
      .addMembers('c_ana', ['dee'], { at: may(8) });
    const [exception] = (await accessOf(story, ENDPOINTS)).exceptions.filter((e) => e.kind === 'temporary-access');
    expect(exception?.at).toEqual(may(8));
  });

  test('author-not-viewer: a teammate who wrote before being added (the endpoints file is out of date), once, at the first message', async () => {
    const story = practice()
      .message('c_ana', { by: 'dee', at: may(5) })
      .message('c_ana', { by: 'dee', at: may(2) })
      .addMembers('c_ana', ['dee'], { at: may(6) })
      .message('c_ana', { by: 'dee', at: may(7) });
    const report = await accessOf(story, ENDPOINTS);
    expect(report.exceptions.filter((e) => e.kind === 'author-not-viewer')).toEqual([
      { kind: 'author-not-viewer', conversation_id: 'c_ana', entity_id: 'dee', endpoint: LINE_ANA, at: may(2), conversations: null },
    ]);
  });

  test('author-not-viewer: owners, endpoint members, team members, patients and automated messages are not flagged', async () => {
    const story = practice()
      .message('c_ana', { by: 'ana', at: may(2) })
      .message('c_ana', { by: 'eve', at: may(2) })
      .message('c_ana', { by: 'pat1', at: may(2) })
      .message('c_ana', { by: 'cy', at: may(2), type: 'TRIGGERED' })
      .message('c_team', { by: 'ben', at: may(2) })
      .message('c_team', { by: 'dee', at: may(3) });
    expect(exceptionsOf(await accessOf(story, ENDPOINTS), 'author-not-viewer')).toEqual(['c_team:dee']);
  });

  test('author-not-viewer: team membership is the one in force when the message was written', async () => {
    const june = new Date('2024-06-01T00:00:00Z');
    const story = new SpruceAccessScenario({ end: new Date('2024-07-01T00:00:00Z') })
      .teammate('ben')
      .teammate('dee')
      .team('night', ['ben'])
      .teamMembers('night', ['ben', 'dee'], { from: june })
      .conversation('c_team', { endpoint: LINE_TEAM })
      .message('c_team', { by: 'dee', at: may(10) })
      .message('c_team', { by: 'dee', at: new Date('2024-06-10T00:00:00Z') });
    const report = await accessOf(story, { endpoints: { [LINE_TEAM]: { owner: 'night' } } }, {}, [june]);
    expect(report.exceptions.filter((e) => e.kind === 'author-not-viewer').map((e) => [e.entity_id, e.at])).toEqual([['dee', may(10)]]);
  });

  test('paged-not-viewer: a teammate paged without being added; a page after the addition (the @page pop-up) is fine', async () => {
    const story = practice()
      .page('c_ana', ['dee'], { at: may(3), by: 'ana' })
      .addMembers('c_ana', ['ben'], { at: may(4), by: 'ana' })
      .page('c_ana', ['ben'], { at: may(4), by: 'ana' });
    const report = await accessOf(story, ENDPOINTS);
    expect(report.exceptions.filter((e) => e.kind === 'paged-not-viewer')).toEqual([
      { kind: 'paged-not-viewer', conversation_id: 'c_ana', entity_id: 'dee', endpoint: LINE_ANA, at: may(3), conversations: null },
    ]);
  });

  test('paged-not-viewer: a paged team is checked member by member', async () => {
    const story = practice().page('c_ana', ['night'], { at: may(3), by: 'ana' });
    expect(exceptionsOf(await accessOf(story, ENDPOINTS), 'paged-not-viewer')).toEqual(['c_ana:ben', 'c_ana:cy']);
  });

  test('unknown-entity: an added member absent from entities (a deleted account still listed)', async () => {
    const story = practice()
      .conversation('c_open', { endpoint: '+14155550150' })
      .addMembers('c_ana', ['ent_deleted'], { at: may(3) })
      .addMembers('c_open', ['ent_deleted'], { at: may(4) });
    const report = await accessOf(story, ENDPOINTS);
    expect(report.exceptions.filter((e) => e.kind === 'unknown-entity')).toEqual([
      { kind: 'unknown-entity', conversation_id: 'c_ana', entity_id: 'ent_deleted', endpoint: LINE_ANA, at: may(3), conversations: null },
      { kind: 'unknown-entity', conversation_id: 'c_open', entity_id: 'ent_deleted', endpoint: '+14155550150', at: may(4), conversations: null },
    ]);
    expect(report.viewers.some((row) => row.entity_id === 'ent_deleted')).toBe(false);
  });

  test('ineffective-removal: removing the owner, an endpoint member or an owning team member has no effect and is reported', async () => {
    const story = practice()
      .addMembers('c_ana', ['dee'], { at: may(2) })
      .removeMembers('c_ana', ['ana', 'eve', 'dee'], { at: may(3), by: 'ana' })
      .removeMembers('c_team', ['cy'], { at: may(4), by: 'ben' });
    const report = await accessOf(story, ENDPOINTS);
    expect(report.exceptions.filter((e) => e.kind === 'ineffective-removal').map((e) => [e.conversation_id, e.entity_id, e.at])).toEqual([
      ['c_ana', 'ana', may(3)],
      ['c_ana', 'eve', may(3)],
      ['c_team', 'cy', may(4)],
    ]);
    expect(exceptionsOf(report, 'temporary-access')).toEqual([]);
  });

  test('unlisted-endpoint: endpoints in use that the file does not list, with their conversation counts', async () => {
    const story = practice()
      .conversation('c_x1', { endpoint: '+14155550177' })
      .conversation('c_x2', { endpoint: '+14155550177' })
      .conversation('c_link', { endpoint: 'link_intake' })
      .conversation('c_listed', { endpoint: '+14155550188' })
      .conversation('c_none', { endpoint: null });
    const report = await accessOf(story, { endpoints: { ...ENDPOINTS.endpoints, '+14155550188': { owner: 'organisation' } } });
    expect(report.exceptions.filter((e) => e.kind === 'unlisted-endpoint')).toEqual([
      { kind: 'unlisted-endpoint', conversation_id: null, entity_id: null, endpoint: '+14155550177', at: null, conversations: 2 },
      { kind: 'unlisted-endpoint', conversation_id: null, entity_id: null, endpoint: 'link_intake', at: null, conversations: 1 },
    ]);
  });

  test('events and messages after `at` raise no exception', async () => {
    const story = practice().message('c_ana', { by: 'dee', at: may(20) }).addMembers('c_ana', ['ent_deleted'], { at: may(20) }).page('c_ana', ['dee'], { at: may(20) });
    expect((await accessOf(story, ENDPOINTS, { at: may(10) })).exceptions).toEqual([]);
  });

  test('exceptions come in a stable order: by kind, then conversation and entity', async () => {
    const story = practice()
      .addMembers('c_team', ['dee'], { at: may(2) })
      .addMembers('c_ana', ['dee'], { at: may(3) })
      .message('c_team', { by: 'eve', at: may(1, 5) })
      .conversation('c_x', { endpoint: '+14155550177' });
    const kinds = (await accessOf(story, ENDPOINTS)).exceptions.map((e) => `${e.kind}:${e.conversation_id ?? e.endpoint}`);
    expect(kinds).toEqual(['author-not-viewer:c_team', 'temporary-access:c_ana', 'temporary-access:c_team', 'unlisted-endpoint:+14155550177']);
  });
});
