import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { analyseConversationAccess, conversationAccess, loadAccessEndpoints, openSpruceExport, parseAccessEndpoints } from '../src/index.js';
import { buildSpruceExportZip, SpruceAccessScenario } from '../src/testing.js';
import { caught } from './helpers/index.js';

const story = () => new SpruceAccessScenario().teammate('ana').team('night', ['ana']).patient('pat1').conversation('c1', { endpoint: '+14155550100' });

describe('the endpoints file', () => {
  test('is read with defaults: members default to none; organisation (either spelling) opens an endpoint', () => {
    const endpoints = parseAccessEndpoints({
      endpoints: {
        '+14155550100': { owner: 'ana' },
        ' link_billing ': { owner: 'night', members: ['organization'], label: 'billing' },
        '+14155550101': { owner: 'Organisation' },
      },
    });
    expect([...endpoints.values()]).toEqual([
      { endpoint: '+14155550100', owner: 'ana', members: [] },
      { endpoint: 'link_billing', owner: null, members: [] },
      { endpoint: '+14155550101', owner: null, members: [] },
    ]);
  });

  test.each([
    ['not JSON (a file saved half-written)', '{"endpoints": {', 'endpoints file: not valid JSON'],
    ['no endpoints object', '{"numbers": {}}', 'endpoints file: endpoints: expected an object of endpoints'],
    ['an owner missing', { endpoints: { '+14155550100': { members: [] } } }, 'endpoints file: endpoints["+14155550100"].owner: expected an entity id'],
    ['an empty owner', { endpoints: { '+14155550100': { owner: ' ' } } }, 'endpoints file: endpoints["+14155550100"].owner: expected an entity id, not an empty string'],
    ['members as one string', { endpoints: { link_a: { owner: 'ana', members: 'ben' } } }, 'endpoints file: endpoints.link_a.members: expected a list of entity ids'],
    ['a member not a string', { endpoints: { link_a: { owner: 'ana', members: [7] } } }, 'endpoints file: endpoints.link_a.members[0]: expected an entity id'],
    ['null', null, 'endpoints file: the file: '],
  ])('malformed: %s is an InvalidParamsError saying where', (_name, input, message) => {
    let error: unknown;
    try {
      parseAccessEndpoints(input);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toMatchObject({ name: 'InvalidParamsError', param: 'endpoints' });
    expect((error as Error).message.startsWith(message)).toBe(true);
  });

  test('a malformed file fails before any table of any export is read', async () => {
    const exp = await openSpruceExport(buildSpruceExportZip(story().tables()));
    const rows = vi.spyOn(exp, 'rows');
    const error = await caught(conversationAccess([exp], '{"endpoints": []}'));
    expect(error.name).toBe('InvalidParamsError');
    expect(rows).not.toHaveBeenCalled();
  });

  test('an owner or member that is neither a teammate nor a team is named, before any conversation is read', async () => {
    const conversations = vi.fn(function* () {
      yield { conversation_id: 'c1', internal_endpoint: null, created_timestamp: new Date(), deleted: false };
    });
    const tables = {
      entities: [
        { entity_id: 'ana', type: 'PROVIDER' },
        { entity_id: 'pat1', type: 'PATIENT' },
      ],
      teamMemberships: [],
      conversations: { [Symbol.iterator]: conversations },
      conversationEvents: [],
      pages: [],
      pagedEntities: [],
      messages: [],
    };
    for (const [file, message] of [
      [{ endpoints: { '+14155550100': { owner: 'pat1' } } }, 'endpoints["+14155550100"].owner is "pat1", neither a teammate (PROVIDER) nor a team (USER_GROUP) in entities'],
      [{ endpoints: { link_a: { owner: 'ana', members: ['ana', 'ent_left'] } } }, 'endpoints["link_a"].members[1] is "ent_left", neither a teammate'],
    ] as const) {
      const error = await caught(analyseConversationAccess(tables, parseAccessEndpoints(file), { at: new Date() }));
      expect(error).toMatchObject({ name: 'InvalidParamsError', param: 'endpoints' });
      expect(error.message).toContain(message);
    }
    expect(conversations).not.toHaveBeenCalled();
  });

  test('loadAccessEndpoints reads a file (a Windows editor’s byte-order mark included); a missing one tells the code, not the path', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'access-endpoints-'));
    const path = join(folder, 'endpoints.json');
    await writeFile(path, '\uFEFF{ "endpoints": { "+14155550100": { "owner": "ana" } } }');
    expect((await loadAccessEndpoints(path)).get('+14155550100')).toEqual({ endpoint: '+14155550100', owner: 'ana', members: [] });
    expect((await loadAccessEndpoints(new Blob(['{"endpoints":{}}']))).size).toBe(0);
    const error = await caught(loadAccessEndpoints(join(folder, 'patient-jane-doe.json')));
    expect(error).toMatchObject({ name: 'InvalidParamsError', param: 'endpoints' });
    // Node.js 20 says ERR_INVALID_ARG_VALUE where later versions say ENOENT.
    expect(error.message).toMatch(/^endpoints file: cannot be opened \((ENOENT|ERR_INVALID_ARG_VALUE)\)$/);
  });

  test('a file PowerShell 5 wrote (UTF-16LE with its BOM) loads; one re-saved as windows-1252 is an InvalidParamsError, not an id with a replacement character', async () => {
    const json = '{ "endpoints": { "+14155550100": { "owner": "ana", "members": ["team-é"] } } }';
    const utf16le = new Uint8Array(Buffer.from(`\uFEFF${json}`, 'utf16le'));
    expect((await loadAccessEndpoints(new Blob([utf16le]))).get('+14155550100')).toEqual({ endpoint: '+14155550100', owner: 'ana', members: ['team-é'] });
    const windows1252 = Uint8Array.from(json, (char) => char.charCodeAt(0));
    const error = await caught(loadAccessEndpoints(new Blob([windows1252])));
    expect(error).toMatchObject({ name: 'InvalidParamsError', param: 'endpoints', message: 'endpoints file: not UTF-8 or UTF-16 text (save it as UTF-8)' });
  });

  test('a missing table is an ExportFormatError naming it, before the analysis starts', async () => {
    const { pages: _pages, ...tables } = story().tables();
    const exp = await openSpruceExport(buildSpruceExportZip(tables));
    const error = await caught(conversationAccess(exp, { endpoints: {} }));
    expect(error).toMatchObject({ name: 'ExportFormatError', source: 'pages' });
  });
});
