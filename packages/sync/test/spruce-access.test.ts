import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { conversationAccess, openSpruceExport } from '@x/spruce-export-parser';
import { buildSpruceExportZip, SpruceAccessScenario, type SpruceExportTables } from '@x/spruce-export-parser/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, tempDir, warehouseKinds, type Warehouse } from './helpers/index.js';

const LINE_ANA = '+14155550100';
const LINE_NIGHT = '+14155550111';
const LINE_UNLISTED = '+14155550199';
const ENDPOINTS = { endpoints: { [LINE_ANA]: { owner: 'ana', members: ['eve'] }, [LINE_NIGHT]: { owner: 'night' } } };
const day = (month: number, date: number, hour = 12) => new Date(Date.UTC(2024, month - 1, date, hour));
const JUNE = day(6, 1, 0);

/**
 * Two monthly exports with every rule and exception: Dee joins the night team in June (the
 * history of user_group_members decides what she could see in May), temporary access, a deleted
 * account added, a removal of an endpoint member, a page to a teammate who cannot see, an unlisted line.
 */
function story(): SpruceAccessScenario {
  return new SpruceAccessScenario({ start: day(5, 1, 0), end: day(7, 1, 0) })
    .teammate('ana')
    .teammate('ben')
    .teammate('dee')
    .teammate('eve')
    .patient('pat_1', { name: 'Fakey Patient Unique' })
    .team('night', ['ben'])
    .teamMembers('night', ['ben', 'dee'], { from: JUNE })
    .conversation('c_ana', { endpoint: LINE_ANA, patient: 'pat_1' })
    .conversation('c_night', { endpoint: LINE_NIGHT, patient: 'pat_1' })
    .conversation('c_open', { endpoint: LINE_UNLISTED })
    .conversation('c_none', { endpoint: null, created: day(6, 3) })
    .addMembers('c_ana', ['dee'], { at: day(5, 3), by: 'ana' })
    .addMembers('c_ana', ['ghost'], { at: day(5, 4), by: 'ana' })
    .removeMembers('c_ana', ['eve'], { at: day(6, 5), by: 'ana' })
    .message('c_night', { by: 'dee', at: day(5, 10) })
    .message('c_night', { by: 'dee', at: day(6, 10) })
    .page('c_ana', ['ben'], { at: day(6, 12), by: 'ana' })
    .message('c_open', { by: 'ben', at: day(6, 20) });
}

interface Setup {
  folder: string;
  endpointsFile: string;
  env: NodeJS.ProcessEnv;
  expected: (at?: Date) => Promise<unknown>;
}

async function setUp(dir: string, exports: SpruceExportTables[] = story().exports([JUNE])): Promise<Setup> {
  const folder = join(dir, 'sftp');
  await mkdir(folder);
  const zips = exports.map((tables) => buildSpruceExportZip(tables));
  // Named against their order: the sync sorts by period.
  await writeFile(join(folder, 'b-may.zip'), zips[0]!);
  await writeFile(join(folder, 'a-june.zip'), zips[1]!);
  const endpointsFile = join(dir, 'endpoints.json');
  await writeFile(endpointsFile, JSON.stringify(ENDPOINTS));
  return {
    folder,
    endpointsFile,
    env: { SPRUCE_EXPORTS_DIR: folder },
    expected: async (at) => json(await conversationAccess(await Promise.all(zips.map((zip) => openSpruceExport(zip))), ENDPOINTS, at ? { at } : {})),
  };
}

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe.each(warehouseKinds())('x-sync spruce-access on $kind', ({ create }) => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  afterEach(async () => {
    await warehouse?.dispose();
    await cleanup?.();
  });

  async function synced(exports?: SpruceExportTables[]): Promise<Setup> {
    const temp = await tempDir();
    cleanup = temp.cleanup;
    warehouse = await create();
    const setup = await setUp(temp.dir, exports);
    const run = await runCli(['run', '--source', 'spruce', ...warehouse.cliArgs], setup.env);
    expect(run.code).toBe(0);
    return setup;
  }

  const access = (setup: Setup, ...args: string[]) => runCli(['spruce-access', '--endpoints', setup.endpointsFile, ...args, ...warehouse.cliArgs], setup.env);

  it('answers from the database exactly as conversationAccess over the same two exports (every rule and exception kind)', async () => {
    const setup = await synced();
    const result = await access(setup, '--format', 'json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { exceptions: Array<{ kind: string }>; at: string };
    expect(report).toEqual(await setup.expected());
    expect(report.at).toBe('2024-07-01T00:00:00.000Z');
    expect(new Set(report.exceptions.map((e) => e.kind))).toEqual(
      new Set(['author-not-viewer', 'paged-not-viewer', 'temporary-access', 'unknown-entity', 'ineffective-removal', 'unlisted-endpoint']),
    );
  });

  it('--at in May: the team membership in force then (from the history of user_group_members), events after it left out', async () => {
    const setup = await synced();
    const result = await access(setup, '--at', '2024-05-20T00:00:00Z');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { teams: Array<{ entity_id: string; members: string[] }> };
    expect(report).toEqual(await setup.expected(new Date('2024-05-20T00:00:00Z')));
    expect(report.teams).toEqual([expect.objectContaining({ entity_id: 'night', members: ['ben'] })]);
  });

  it('--at inside the newest period: a teammate gone from its entities and teams is gone from its start, as in conversationAccess', async () => {
    // Ben leaves in June: June's snapshots no longer list him (the sync marks him deleted at June's end).
    const [may, june] = story().exports([JUNE]);
    const withoutBen = { ...june, entities: [...june!.entities!].filter((e) => e.entity_id !== 'ben'), user_group_members: [...june!.user_group_members!].filter((m) => m.member_entity_id !== 'ben') };
    const setup = await synced([may!, withoutBen]);
    for (const at of ['2024-05-20T00:00:00.000Z', '2024-06-20T00:00:00.000Z', '2024-07-01T00:00:00.000Z']) {
      const result = await access(setup, '--at', at);
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as { teammates: Array<{ entity_id: string }> };
      expect(report, at).toEqual(await setup.expected(new Date(at)));
      expect(report.teammates.some((t) => t.entity_id === 'ben'), at).toBe(at < '2024-06');
    }
  });

  it('a second run (a re-sent delivery) keeps one history row per export and membership: exactly once', async () => {
    const setup = await synced();
    const count = async () => Number((await warehouse.query('SELECT count(*) AS n FROM spruce_user_group_members_history'))[0]!.n);
    // May: ben; June: ben and dee.
    expect(await count()).toBe(3);
    await writeFile(join(setup.folder, 'c-june-resent.zip'), await readFile(join(setup.folder, 'a-june.zip')));
    expect((await runCli(['run', '--source', 'spruce', ...warehouse.cliArgs], setup.env)).code).toBe(0);
    expect(await count()).toBe(3);
    expect((await access(setup)).stdout).toBe(`${JSON.stringify(await setup.expected(), null, 2)}\n`);
  });
});

describe('x-sync spruce-access output and bad input', () => {
  let warehouse: Warehouse;
  let cleanup: () => Promise<void>;
  afterEach(async () => {
    await warehouse?.dispose();
    await cleanup?.();
  });

  async function synced(): Promise<Setup & { dir: string }> {
    const temp = await tempDir();
    cleanup = temp.cleanup;
    warehouse = await warehouseKinds()[0]!.create();
    const setup = await setUp(temp.dir);
    expect((await runCli(['run', '--source', 'spruce', ...warehouse.cliArgs], setup.env)).code).toBe(0);
    return { ...setup, dir: temp.dir };
  }

  const access = (setup: Setup, endpoints: string, ...args: string[]) => runCli(['spruce-access', '--endpoints', endpoints, ...args, ...warehouse.cliArgs], setup.env);

  it('html to --out: patient names only with --patient-names; csv viewers and exceptions', async () => {
    const setup = await synced();
    const out = join(setup.dir, 'access.html');
    expect((await access(setup, setup.endpointsFile, '--format', 'html', '--out', out)).code).toBe(0);
    const plain = await readFile(out, 'utf8');
    expect(plain).toContain('<!doctype html>'.slice(0, 2));
    expect(plain).not.toContain('Fakey Patient Unique');
    expect((await access(setup, setup.endpointsFile, '--format', 'html', '--patient-names', '--out', out)).code).toBe(0);
    expect(await readFile(out, 'utf8')).toContain('Fakey Patient Unique');
    // Written whole under its name, as export's tables are: no .partial left beside it.
    expect(existsSync(`${out}.partial`)).toBe(false);

    const viewers = await access(setup, setup.endpointsFile, '--format', 'csv');
    expect(viewers.stdout.split('\n')[0]).toBe('conversation_id,entity_id,reason,via_team,since,endpoint');
    expect(viewers.stdout).not.toContain('Fakey Patient Unique');
    const exceptions = await access(setup, setup.endpointsFile, '--format', 'csv', '--rows', 'exceptions');
    expect(exceptions.stdout.split('\n')[0]).toBe('kind,conversation_id,entity_id,endpoint,at,conversations');
  });

  it.each([
    ['a missing endpoints file', (dir: string) => join(dir, 'nope.json'), null, /endpoints file: cannot be opened/],
    ['a malformed endpoints file (an owner typed as a number)', (dir: string) => join(dir, 'bad.json'), `{"endpoints": {"${LINE_ANA}": {"owner": 42}}}`, /endpoints\["\+14155550100"\]\.owner/],
    ['an endpoints file cut short by a failed upload', (dir: string) => join(dir, 'cut.json'), `{"endpoints": {"${LINE_ANA}": {"own`, /endpoints file/],
    ['an owner that is no teammate nor team (the patient\'s id)', (dir: string) => join(dir, 'patient-owner.json'), JSON.stringify({ endpoints: { [LINE_ANA]: { owner: 'pat_1' } } }), /pat_1.*neither a teammate/],
  ])('%s: exit 2, a clear message, no patient value', async (_name, path, content, message) => {
    const setup = await synced();
    const file = path(setup.dir);
    if (content !== null) await writeFile(file, content);
    const result = await access(setup, file);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toContain('Fakey Patient Unique');
  });

  it('a warehouse synced before the history table existed: exit 2 saying to run the Spruce source, which then fills it from the files already loaded', async () => {
    const temp = await tempDir();
    cleanup = temp.cleanup;
    warehouse = await warehouseKinds()[0]!.create();
    const setup = await setUp(temp.dir);
    const older = ['entities', 'user_group_members', 'conversations', 'conversation_events', 'pages', 'paged_entities', 'messages'].flatMap((table) => ['--stream', `spruce_${table}`]);
    expect((await runCli(['run', ...older, ...warehouse.cliArgs], setup.env)).code).toBe(0);
    const before = await access(setup, setup.endpointsFile);
    expect(before.code).toBe(2);
    expect(before.stderr).toContain('no spruce_user_group_members_history table; run `x-sync run --source spruce` first');
    expect((await runCli(['run', '--source', 'spruce', ...warehouse.cliArgs], setup.env)).code).toBe(0);
    const after = await access(setup, setup.endpointsFile);
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout)).toEqual(await setup.expected());
  });

  it('an unreadable --at is exit 2', async () => {
    const setup = await synced();
    const result = await access(setup, setup.endpointsFile, '--at', 'next tuesday');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--at');
  });
});
