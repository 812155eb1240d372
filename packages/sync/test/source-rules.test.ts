import { appendFileSync } from 'node:fs';
import { copyFile, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { http, type HttpHandler } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { dexCareHandlers, fakeProviderHistories } from '@x/dexcare-reporting/testing';
import { lusciiHandlers } from '@x/luscii-export/testing';
import { buildSpruceExportZip, fakeSpruceExport } from '@x/spruce-export-parser/testing';
import { ALL_STREAMS, sync, type SyncEvent } from '../src/index.js';
import { resolveDb, resolvePostgres, resolveSettings } from '../src/cli/settings.js';
import { SyncConfigError } from '../src/errors/sync-errors.js';
import { serveHandlers, type LoopbackServer } from '../src/testing.js';
import { tempDir, withDb } from './helpers/index.js';

const SPRUCE_TABLES = ALL_STREAMS.filter((stream) => stream.source === 'spruce').map((stream) => stream.table);

describe('per-source rules', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (closers.length > 0) await closers.pop()!();
  });
  async function temp() {
    const { dir, cleanup } = await tempDir();
    closers.push(cleanup);
    return dir;
  }

  /** One APR window of a year, pages of 10, into a DuckDB file of `dir`, from the DexCare fake behind `handlers`. */
  async function syncApr(dir: string, mock: ReturnType<typeof dexCareHandlers>, before: HttpHandler, onProgress?: (event: SyncEvent) => void) {
    const server: LoopbackServer = await serveHandlers([before, ...mock.handlers], mock.baseUrl);
    closers.push(() => server.close());
    return sync({
      db: join(dir, 'x.duckdb'),
      sources: { dexcare: { baseUrl: server.url, serviceKey: mock.serviceKey, aprPageSize: 10, aprWindowHours: 24 * 365, avrTypes: [] } },
      streams: ['dexcare_provider_histories'],
      since: '2023-11-01',
      now: new Date('2024-06-30T12:00:00Z'),
      onProgress,
    });
  }

  it('APR: a window whose count moves while it is read (a record arrives mid-read) is read again, and every record lands once', async () => {
    const dir = await temp();
    const records = [...fakeProviderHistories(30)] as Array<Readonly<Record<string, unknown>>>;
    const mock = dexCareHandlers({ apr: { records } });
    let requests = 0;
    // The record arrives after the first page was answered: the later pages count 31, the first said 30.
    const arrives = http.post(`${mock.aprBaseUrl}/*`, () => {
      requests += 1;
      if (requests === 2) records.push({ ...records[0]!, id: 'late-arrival-record' });
    });
    const events: SyncEvent[] = [];
    const summary = await syncApr(dir, mock, arrives, (event) => events.push(event));
    expect(summary.streams, JSON.stringify(summary.streams)).toMatchObject({ dexcare_provider_histories: { status: 'succeeded' } });
    expect(events.some((event) => event.event === 'notice' && event.code === 'unit-restarted')).toBe(true);
    await withDb(join(dir, 'x.duckdb'), async (query) => {
      const [row] = await query('SELECT count(*) AS n, count(DISTINCT id) AS ids FROM dexcare_provider_histories');
      expect(row).toEqual({ n: '31', ids: '31' });
    });
  });

  it('APR: the count of a window read whole is checked again with one request (a rate-limited API), not a page and its prefetches', async () => {
    const dir = await temp();
    const mock = dexCareHandlers({ apr: { records: [...fakeProviderHistories(30)] } });
    const asked: Array<{ offset: number; limit: number }> = [];
    const counted = http.post(`${mock.aprBaseUrl}/*`, async ({ request }) => {
      const { offset, limit } = (await request.clone().json()) as { offset: number; limit: number };
      asked.push({ offset, limit });
    });
    const summary = await syncApr(dir, mock, counted);
    expect(summary.streams.dexcare_provider_histories).toMatchObject({ status: 'succeeded', rows: 30 });
    // Three pages of 10, then the count, asked for with the last record (an offset below the count).
    expect(asked).toEqual([
      { offset: 0, limit: 10 },
      { offset: 10, limit: 10 },
      { offset: 20, limit: 10 },
      { offset: 29, limit: 1 },
    ]);
  });

  it('Spruce: files load in period order whatever their names, a gap is a notice, a re-sent copy loads once, an older period delivered late does not undo a newer one', async () => {
    const dir = await temp();
    const folder = join(dir, 'sftp');
    await mkdir(folder);
    const zip = (month: string, seed: number) => buildSpruceExportZip(fakeSpruceExport({ messages: 100, seed, start: new Date(`2024-${month}-01T00:00:00Z`), days: 30 }));
    // Named against their order; July is there, June is missing.
    await writeFile(join(folder, 'a-july.zip'), zip('07', 3));
    await writeFile(join(folder, 'b-may.zip'), zip('05', 1));
    await copyFile(join(folder, 'b-may.zip'), join(folder, 'c-may-resent.zip'));
    const db = join(dir, 'x.duckdb');
    const events: SyncEvent[] = [];
    const run = () => sync({ db, sources: { spruce: { dir: folder } }, onProgress: (event) => events.push(event) });
    expect((await run()).status).toBe('succeeded');
    const started = events.filter((event) => event.event === 'unit-started').map((event) => (event as { unit: string }).unit);
    expect(started).toEqual(['b-may.zip', 'a-july.zip']);
    expect(events.filter((event) => event.event === 'notice' && event.code === 'period-gap')).toHaveLength(1);

    const before = await withDb(db, (query) => query(`SELECT (SELECT count(*) FROM spruce_entities WHERE _sync_deleted_at IS NULL) AS entities, (SELECT min(created_timestamp) FROM spruce_messages) AS first`));
    // June arrives late: its incremental rows load, but the July snapshot stays and no July message is replaced by an older one.
    await writeFile(join(folder, 'd-june-late.zip'), zip('06', 2));
    expect((await run()).status).toBe('succeeded');
    const after = await withDb(db, (query) =>
      query(`SELECT (SELECT count(*) FROM spruce_entities WHERE _sync_deleted_at IS NULL) AS entities, (SELECT min(created_timestamp) FROM spruce_messages) AS first, (SELECT count(*) FROM _sync_files) AS files`),
    );
    expect(after[0]!.entities).toBe(before[0]!.entities);
    expect(after[0]!.first).toBe(before[0]!.first);
    expect(after[0]!.files).toBe('3');
  });

  it('Spruce: an older period delivered after a newer one leaves the newer rows as they are (a message deleted since, a conversation re-tagged) and adds only what is missing: the same tables as both files loaded in order', async () => {
    const dir = await temp();
    const may = fakeSpruceExport({ messages: 30, seed: 1, start: new Date('2024-05-01T00:00:00Z'), days: 31 });
    const june = fakeSpruceExport({ messages: 30, seed: 2, start: new Date('2024-06-01T00:00:00Z'), days: 30 });
    const mayMessages = [...may.messages];
    // June carries May's first message again (in place of its own of that id), deleted since: same
    // created_timestamp, so newer-wins on it ties.
    const deleted = { ...mayMessages[0]!, deleted: true };
    const retagged = 'conv_late_retagged';
    const files = {
      may: buildSpruceExportZip({ ...may, messages: mayMessages, conversation_tags: [...may.conversation_tags, { conversation_id: retagged, tag: 'urgent' }] }),
      june: buildSpruceExportZip({ ...june, messages: [...june.messages].map((message) => (message.message_id === deleted.message_id ? deleted : message)), conversation_tags: [...june.conversation_tags, { conversation_id: retagged, tag: 'billing' }] }),
    };
    const INCREMENTAL = ['spruce_messages', 'spruce_conversations', 'spruce_pages', 'spruce_conversation_tags', 'spruce_paged_entities', 'spruce_conversation_events'];
    const tables = (db: string) =>
      withDb(db, async (query) => Object.fromEntries(await Promise.all(INCREMENTAL.map(async (table) => [table, await query(`SELECT * EXCLUDE (_sync_run_id) FROM ${table} ORDER BY ALL`)] as const))));

    const inOrder = join(dir, 'in-order');
    await mkdir(inOrder);
    await writeFile(join(inOrder, 'may.zip'), files.may);
    await writeFile(join(inOrder, 'june.zip'), files.june);
    expect((await sync({ db: join(dir, 'in-order.duckdb'), sources: { spruce: { dir: inOrder } } })).status).toBe('succeeded');

    const late = join(dir, 'late');
    await mkdir(late);
    await writeFile(join(late, 'june.zip'), files.june);
    expect((await sync({ db: join(dir, 'late.duckdb'), sources: { spruce: { dir: late } } })).status).toBe('succeeded');
    await writeFile(join(late, 'may.zip'), files.may);
    expect((await sync({ db: join(dir, 'late.duckdb'), sources: { spruce: { dir: late } } })).status).toBe('succeeded');

    const expected = await tables(join(dir, 'in-order.duckdb'));
    expect(expected.spruce_messages!.find((row) => row.message_id === deleted.message_id)).toMatchObject({ deleted: true });
    expect(expected.spruce_conversation_tags!.filter((row) => row.conversation_id === retagged)).toMatchObject([{ tag: 'billing' }]);
    expect(await tables(join(dir, 'late.duckdb'))).toEqual(expected);
  });

  it('--full-refresh reads the dated streams again from since, to the same rows, and an older Spruce period delivered late still does not undo a newer snapshot', async () => {
    const dir = await temp();
    const folder = join(dir, 'sftp');
    await mkdir(folder);
    const zip = (month: string, seed: number) => buildSpruceExportZip(fakeSpruceExport({ messages: 50, seed, start: new Date(`2024-${month}-01T00:00:00Z`), days: 30 }));
    await writeFile(join(folder, 'july.zip'), zip('07', 3));
    const api = lusciiHandlers();
    const server = await serveHandlers(api.handlers, api.baseUrl);
    closers.push(() => server.close());
    const db = join(dir, 'x.duckdb');
    const run = (fullRefresh: boolean) =>
      sync({
        db,
        sources: { spruce: { dir: folder }, luscii: { apiKey: api.apiKey, baseUrl: server.url, windowDays: 7 } },
        streams: ['luscii_measurements', ...SPRUCE_TABLES],
        since: '2024-06-10',
        now: new Date('2024-06-22T12:00:00Z'),
        fullRefresh,
      });
    expect((await run(false)).status).toBe('succeeded');
    const contents = () => withDb(db, (query) => Promise.all(['spruce_entities', 'luscii_measurements'].map((table) => query(`SELECT * EXCLUDE (_sync_run_id) FROM ${table} ORDER BY ALL`))));
    const before = await contents();
    // June arrives late, and this night's run is a full refresh.
    await writeFile(join(folder, 'june.zip'), zip('06', 2));
    api.requests.length = 0;
    const refreshed = await run(true);
    expect(refreshed.status).toBe('succeeded');
    expect(api.requests.filter((r) => r.reportType === 'measurements' && r.cursor === null).map((r) => r.startDate)).toEqual(['2024-06-10', '2024-06-17']);
    expect(refreshed.streams.spruce_messages!.units).toBe(1);
    expect(await contents()).toEqual(before);
  });

  it('Spruce folder: a symbolic link to a zip loads as the zip; macOS\'s ._ metadata files and a folder named .zip are not exports and fail nothing', async () => {
    const dir = await temp();
    const folder = join(dir, 'sftp');
    const delivered = join(dir, 'delivered');
    await mkdir(folder);
    await mkdir(delivered);
    await writeFile(join(delivered, 'may.zip'), buildSpruceExportZip(fakeSpruceExport({ messages: 40, seed: 1, start: new Date('2024-05-01T00:00:00Z'), days: 30 })));
    // A deployment that links the deliveries in from another volume.
    await symlink(join(delivered, 'may.zip'), join(folder, 'may.zip'));
    // What a Mac copying the folder to a shared drive leaves beside it: AppleDouble metadata, not a zip.
    await writeFile(join(folder, '._may.zip'), Buffer.from([0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00]));
    await mkdir(join(folder, 'archive.zip'));
    const db = join(dir, 'x.duckdb');
    const events: SyncEvent[] = [];
    const summary = await sync({ db, sources: { spruce: { dir: folder } }, onProgress: (event) => events.push(event) });
    expect(summary.status).toBe('succeeded');
    expect(events.filter((event) => event.event === 'unit-started').map((event) => (event as { unit: string }).unit)).toEqual(['may.zip']);
    const files = await withDb(db, (query) => query(`SELECT name, status FROM _sync_files`));
    expect(files).toEqual([{ name: 'may.zip', status: 'loaded' }]);
    expect(summary.streams.spruce_messages?.rows).toBe(40);
  });

  it('Spruce folder: a zip still being copied in when the job runs (an SFTP upload that overlaps it) is left for a later run with a notice, not recorded as failed; the next run loads it', async () => {
    const dir = await temp();
    const folder = join(dir, 'sftp');
    await mkdir(folder);
    const whole = buildSpruceExportZip(fakeSpruceExport({ messages: 40, seed: 1, start: new Date('2024-05-01T00:00:00Z'), days: 30 }));
    const path = join(folder, 'spruce-export-2024-05-01.zip');
    const piece = Math.ceil(whole.length / 40);
    await writeFile(path, whole.subarray(0, piece));
    // The upload goes on while the job lists, hashes and opens the folder, as SFTP writes a file in place.
    let written = piece;
    const upload = setInterval(() => {
      if (written >= whole.length - piece) return;
      appendFileSync(path, whole.subarray(written, written + piece));
      written += piece;
    }, 20);
    const db = join(dir, 'x.duckdb');
    const events: SyncEvent[] = [];
    let summary;
    try {
      summary = await sync({ db, sources: { spruce: { dir: folder, settleMs: 300 } }, onProgress: (event) => events.push(event) });
    } finally {
      clearInterval(upload);
    }
    expect(summary.status).toBe('succeeded');
    const notices = events.filter((event) => event.event === 'notice' && event.code === 'file-incomplete');
    expect(notices.map((event) => (event as { message: string }).message)).toEqual([
      'spruce-export-2024-05-01.zip is still being copied into the folder; it is read on a later run',
    ]);
    expect(events.filter((event) => event.event === 'unit-started' || event.event === 'unit-skipped')).toEqual([]);
    expect(await withDb(db, (query) => query(`SELECT name FROM _sync_files`))).toEqual([]);

    // A file that stopped growing but is no zip is damaged, as before: recorded as failed.
    await writeFile(join(folder, 'spruce-export-stalled.zip'), whole.subarray(0, piece));
    await writeFile(path, whole);
    const next = await sync({ db, sources: { spruce: { dir: folder, settleMs: 300 } } });
    expect(next.status).toBe('partial');
    expect(next.streams.spruce_messages?.rows).toBe(40);
    const files = await withDb(db, (query) => query(`SELECT name, status FROM _sync_files ORDER BY name`));
    expect(files).toEqual([
      { name: 'spruce-export-2024-05-01.zip', status: 'loaded' },
      { name: 'spruce-export-stalled.zip', status: 'failed' },
    ]);
  });

  it('AVR: two headers of one name once snake-cased (Visit ID and visit_id, a report edited by hand) become two columns, and the report loads, once', async () => {
    const dir = await temp();
    const csv = 'Visit ID,visit_id,visit_type\r\nV-1,legacy-1,virtual\r\nV-2,legacy-2,virtual\r\n';
    const mock = dexCareHandlers({ avr: { csv } });
    const server = await serveHandlers(mock.handlers, mock.baseUrl);
    closers.push(() => server.close());
    const db = join(dir, 'x.duckdb');
    const options = {
      db,
      sources: { dexcare: { baseUrl: server.url, serviceKey: mock.serviceKey, avrTypes: ['virtual' as const], avrPollIntervalMs: 5 } },
      streams: ['dexcare_avr_virtual'],
      since: '2024-06-01',
      now: new Date('2024-06-01T12:00:00Z'),
    };
    expect((await sync(options)).streams.dexcare_avr_virtual).toMatchObject({ status: 'succeeded', inserted: 2 });
    expect((await sync(options)).streams.dexcare_avr_virtual).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0 });
    const rows = await withDb(db, (query) => query('SELECT visit_id, visit_id_, visit_type FROM dexcare_avr_virtual ORDER BY visit_id'));
    expect(rows).toEqual([
      { visit_id: 'V-1', visit_id_: 'legacy-1', visit_type: 'virtual' },
      { visit_id: 'V-2', visit_id_: 'legacy-2', visit_type: 'virtual' },
    ]);
  });

  it('Luscii: the next run re-reads the look-back and replaces those windows; a patient gone from the snapshot is marked, not deleted', async () => {
    const dir = await temp();
    const api = lusciiHandlers();
    const server = await serveHandlers(api.handlers, api.baseUrl);
    closers.push(() => server.close());
    const db = join(dir, 'x.duckdb');
    const run = (now: string) =>
      sync({
        db,
        sources: { luscii: { apiKey: api.apiKey, baseUrl: server.url, windowDays: 7, lookbackDays: 3 } },
        streams: ['luscii_measurements', 'luscii_patients'],
        since: '2024-06-10',
        now: new Date(now),
      });
    expect((await run('2024-06-20T12:00:00Z')).status).toBe('succeeded');
    expect(api.requests.filter((r) => r.reportType === 'measurements' && r.cursor === null).map((r) => `${r.startDate}..${r.endDate}`)).toEqual([
      '2024-06-10..2024-06-16',
      '2024-06-17..2024-06-20',
    ]);
    api.requests.length = 0;
    const gone = api.organisation.rows.patients.splice(0, 1)[0]!;
    const second = await run('2024-06-22T12:00:00Z');
    expect(api.requests.filter((r) => r.reportType === 'measurements' && r.cursor === null).map((r) => `${r.startDate}..${r.endDate}`)).toEqual(['2024-06-18..2024-06-22']);
    expect(second.streams.luscii_patients).toMatchObject({ deleted: 1, inserted: 0, updated: 0 });
    await withDb(db, async (query) => {
      const rows = await query(`SELECT patient_uuid, _sync_deleted_at IS NOT NULL AS gone FROM luscii_patients WHERE _sync_deleted_at IS NOT NULL`);
      expect(rows).toEqual([{ patient_uuid: gone.Patient_UUID, gone: true }]);
      const [count] = await query(`SELECT count(*) AS n FROM luscii_measurements`);
      expect(Number(count!.n)).toBe(api.rowsFor('measurements', { startDate: '2024-06-10', endDate: '2024-06-22' }).length);
    });
  });

  it('Luscii: a saved cursor the API no longer takes (422 on cursor, its format changed in a deploy) reads the window again from its start, once, instead of failing every night', async () => {
    const dir = await temp();
    const api = lusciiHandlers({ perPage: 2 });
    const server = await serveHandlers(api.handlers, api.baseUrl);
    closers.push(() => server.close());
    const db = join(dir, 'x.duckdb');
    const options = { db, sources: { luscii: { apiKey: api.apiKey, baseUrl: server.url, windowDays: 1000 } }, streams: ['luscii_measurements'], since: '2024-05-01', now: new Date('2024-06-30T12:00:00Z') };
    // The job dies on page 12, after the checkpoint of page 10 saved the cursor with its staged rows.
    const controller = new AbortController();
    const first = await sync({
      ...options,
      signal: controller.signal,
      onProgress: (event) => {
        if (event.event === 'rows' && event.total >= 24) controller.abort(new Error('the job was killed'));
      },
    });
    expect(first.streams.luscii_measurements!.status).toBe('failed');
    await withDb(db, async (query) => {
      const [saved] = await query(`SELECT CAST(state AS VARCHAR) AS state FROM _sync_state WHERE stream = 'luscii_measurements'`);
      expect(JSON.parse(String(saved!.state)).window.cursor).toEqual(expect.any(String));
    });
    // Luscii changes its cursors: the saved one is no longer one of its own.
    const instance = await DuckDBInstance.create(db);
    const connection = await instance.connect();
    await connection.run(`UPDATE _sync_state SET state = CAST(replace(CAST(state AS VARCHAR), '"cursor":"', '"cursor":"v2.') AS JSON) WHERE stream = 'luscii_measurements'`);
    connection.closeSync();
    instance.closeSync();

    const events: SyncEvent[] = [];
    const second = await sync({ ...options, onProgress: (event) => events.push(event) });
    expect(second.streams.luscii_measurements).toMatchObject({ status: 'succeeded' });
    expect(events.filter((event) => event.event === 'notice').map((event) => (event as { code: string }).code)).toEqual(['unit-restarted']);
    await withDb(db, async (query) => {
      // Every row of the window once: none of the rows staged before the kill twice.
      const [count] = await query(`SELECT count(*) AS n FROM luscii_measurements`);
      expect(Number(count!.n)).toBe(api.rowsFor('measurements', { startDate: '2024-05-01', endDate: '2024-06-30' }).length);
    });
  });

  it('a field the vendor starts sending becomes a column with a notice; a value that no longer fits its column stops the stream naming table and column, and writes nothing', async () => {
    const dir = await temp();
    const api = lusciiHandlers();
    const server = await serveHandlers(api.handlers, api.baseUrl);
    closers.push(() => server.close());
    const db = join(dir, 'x.duckdb');
    const events: SyncEvent[] = [];
    const run = () => sync({ db, sources: { luscii: { apiKey: api.apiKey, baseUrl: server.url } }, streams: ['luscii_patients'], onProgress: (event) => events.push(event) });
    expect((await run()).status).toBe('succeeded');
    const patients = api.organisation.rows.patients as Array<Record<string, unknown>>;
    for (const row of patients) row.Care_Team_Size = 3;
    const second = await run();
    expect(second.streams.luscii_patients).toMatchObject({ status: 'succeeded', updated: patients.length });
    expect(events.filter((event) => event.event === 'notice' && event.code === 'column-added').map((event) => (event as { message: string }).message)).toEqual([
      'table luscii_patients: new column care_team_size (DOUBLE) added',
    ]);
    for (const row of patients) row.Care_Team_Size = 'three, says Jane Doe';
    const third = await run();
    expect(third.streams.luscii_patients).toMatchObject({ status: 'failed', error: 'SchemaMismatchError' });
    expect(third.streams.luscii_patients!.message).toContain('column care_team_size of table luscii_patients');
    expect(third.streams.luscii_patients!.message).not.toContain('Jane');
    await withDb(db, async (query) => {
      const [row] = await query('SELECT count(*) AS n, min(care_team_size) AS size FROM luscii_patients');
      expect(row).toEqual({ n: String(patients.length), size: 3 });
    });
  });

  it('settings: flags beat the environment, which beats the config file; secrets come only from the environment', async () => {
    const dir = await temp();
    const config = join(dir, 'c.json');
    await writeFile(config, JSON.stringify({ db: 'from-config.duckdb', since: '2024-01-01', luscii: { windowDays: 3 } }));
    const env = { LUSCII_API_KEY: 'k', X_SYNC_DB: 'from-env.duckdb' };
    expect((await resolveSettings({ config }, env)).db).toBe('from-env.duckdb');
    expect((await resolveSettings({ config, db: 'from-flag.duckdb' }, env)).db).toBe('from-flag.duckdb');
    expect((await resolveSettings({ config }, { LUSCII_API_KEY: 'k' })).db).toBe('from-config.duckdb');
    const resolved = await resolveSettings({ config, since: '2024-03-01' }, env);
    expect(resolved.since).toBe('2024-03-01');
    expect(resolved.sources.luscii).toMatchObject({ apiKey: 'k', windowDays: 3 });
    expect(resolved.sources.dexcare).toBeUndefined();
    await writeFile(config, JSON.stringify({ luscii: { apiKey: 'in-a-file' } }));
    await expect(resolveSettings({ config }, env)).rejects.toThrow(/unknown key luscii\.apiKey/);
  });

  it('settings: --lock-wait and --schema beat X_SYNC_LOCK_WAIT and X_SYNC_SCHEMA, an empty variable is none; a wait that is not whole seconds is refused', () => {
    expect(resolvePostgres({}, {})).toEqual({});
    expect(resolvePostgres({}, { X_SYNC_LOCK_WAIT: '0', X_SYNC_SCHEMA: 'vendor_exports' })).toEqual({ lockWaitMs: 0, schema: 'vendor_exports' });
    expect(resolvePostgres({ lockWait: '90', schema: 'night' }, { X_SYNC_LOCK_WAIT: '0', X_SYNC_SCHEMA: 'vendor_exports' })).toEqual({ lockWaitMs: 90_000, schema: 'night' });
    // An empty variable (X_SYNC_LOCK_WAIT= in an env file) is no value, as an unset one.
    expect(resolvePostgres({}, { X_SYNC_LOCK_WAIT: '', X_SYNC_SCHEMA: '' })).toEqual({});
    expect(resolveDb(undefined, { X_SYNC_DB: '' }, { db: 'from-config.duckdb' })).toBe('from-config.duckdb');
    expect(resolveDb(undefined, { X_SYNC_DB: '' })).toBe('./x-sync.duckdb');
    for (const wait of ['1.5', '-1', 'a minute', '']) {
      expect(() => resolvePostgres({ lockWait: wait }, {}), wait).toThrow(new SyncConfigError('--lock-wait: whole seconds to wait for another run (0 to not wait)'));
    }
  });
});
