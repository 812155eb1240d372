import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { TLSSocket } from 'node:tls';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { dexCareHandlers } from '@x/dexcare-reporting/testing';
import { buildSpruceExportZip, fakeSpruceExport } from '@x/spruce-export-parser/testing';
import { http, HttpResponse } from 'msw';
import { SyncConfigError } from '../src/errors/sync-errors.js';
import { sync } from '../src/sync.js';
import { serveHandlers } from '../src/testing.js';
import type { SyncEvent } from '../src/index.js';
import { runCli, syncFixture, tempDir, withDb, type SyncFixture } from './helpers/index.js';

const events = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);

describe('bad input gets a clear error and loses nothing', () => {
  let fixture: SyncFixture | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  it('a wrong Luscii key stops Luscii with exit 3 and the other sources commit', async () => {
    fixture = await syncFixture();
    const wrongKey = 'wrong-luscii-key-7f3a9c';
    const result = await runCli(['run', '--config', fixture.config, '--json'], { ...fixture.env, LUSCII_API_KEY: wrongKey });
    expect(result.code).toBe(3);
    const failed = events(result.stdout).filter((event) => event.event === 'stream-failed');
    expect(failed.map((event) => event.stream)).toContain('luscii_measurements');
    expect(failed.every((event) => String(event.stream).startsWith('luscii_') && event.error === 'AuthenticationError')).toBe(true);
    // The hint names the failing source's key, not every source's.
    expect(failed.every((event) => String(event.hint).startsWith('check LUSCII_API_KEY;') && !String(event.hint).includes('DEXCARE'))).toBe(true);
    expect(result.stdout + result.stderr).not.toContain(wrongKey);
    await withDb(fixture.db, async (query) => {
      expect(Number((await query('SELECT count(*) AS n FROM spruce_messages'))[0]!.n)).toBeGreaterThan(0);
      expect(Number((await query('SELECT count(*) AS n FROM dexcare_avr_virtual'))[0]!.n)).toBeGreaterThan(0);
      const [run] = await query(`SELECT status FROM _sync_runs`);
      expect(run!.status).toBe('partial');
    });
  });

  it('a corrupt Spruce zip (random bytes, a truncated zip) is recorded as failed, named, and skipped; the other files load', async () => {
    fixture = await syncFixture({ spruceFiles: 2 });
    const dir = join(fixture.dir, 'spruce');
    await writeFile(join(dir, 'spruce-export-garbage.zip'), new Uint8Array(4096).map((_, i) => (i * 7919) % 251));
    const whole = buildSpruceExportZip(fakeSpruceExport({ messages: 50, seed: 9, start: new Date('2024-07-01T00:00:00Z'), days: 31 }));
    await writeFile(join(dir, 'spruce-export-truncated.zip'), whole.subarray(0, Math.floor(whole.length / 2)));
    const result = await runCli(['run', '--config', fixture.config, '--json', '--source', 'spruce'], fixture.env);
    expect(result.code).toBe(3);
    const skipped = events(result.stdout).filter((event) => event.event === 'unit-skipped');
    expect(skipped.map((event) => event.unit).sort()).toEqual(['spruce-export-garbage.zip', 'spruce-export-truncated.zip']);
    expect(skipped.every((event) => event.error === 'ExportFormatError')).toBe(true);
    await withDb(fixture.db, async (query) => {
      const files = await query(`SELECT name, status FROM _sync_files ORDER BY name`);
      expect(files.map((f) => `${f.name}:${f.status}`)).toEqual([
        'spruce-export-2024-05-01.zip:loaded',
        'spruce-export-2024-06-01.zip:loaded',
        'spruce-export-garbage.zip:failed',
        'spruce-export-truncated.zip:failed',
      ]);
    });
    const again = await runCli(['run', '--config', fixture.config, '--json', '--source', 'spruce'], fixture.env);
    expect(again.code).toBe(0);
    expect(events(again.stdout).filter((event) => event.event === 'unit-started')).toEqual([]);
  });

  it('a Spruce zip with a value its model refuses (a cell edited by hand: internal = "yes") is recorded as failed and skipped like a damaged one; the later files load', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const folder = join(dir, 'sftp');
      await mkdir(folder);
      const may = fakeSpruceExport({ messages: 30, seed: 1, start: new Date('2024-05-01T00:00:00Z'), days: 31 });
      const edited = { ...may, messages: [...may.messages].map((message, i) => (i === 4 ? { ...message, internal: 'yes' } : message)) };
      await writeFile(join(folder, 'spruce-export-2024-05-01.zip'), buildSpruceExportZip(edited));
      await writeFile(join(folder, 'spruce-export-2024-06-01.zip'), buildSpruceExportZip(fakeSpruceExport({ messages: 20, seed: 2, start: new Date('2024-06-01T00:00:00Z'), days: 30 })));
      const db = join(dir, 'x.duckdb');
      const seen: SyncEvent[] = [];
      const summary = await sync({ db, sources: { spruce: { dir: folder } }, onProgress: (event) => seen.push(event) });
      expect(summary.status).toBe('partial');
      expect(seen.filter((event) => event.event === 'stream-failed')).toEqual([]);
      const skipped = seen.filter((event) => event.event === 'unit-skipped');
      expect(skipped.map((event) => [event.unit, event.error])).toEqual([['spruce-export-2024-05-01.zip', 'DataValidationError']]);
      expect(JSON.stringify(skipped)).toContain('internal');
      expect(JSON.stringify(seen)).not.toContain('"yes"');
      expect(summary.streams.spruce_messages).toMatchObject({ status: 'succeeded', rows: 20 });
      await withDb(db, async (query) => {
        expect(await query(`SELECT name, status, error FROM _sync_files ORDER BY name`)).toEqual([
          { name: 'spruce-export-2024-05-01.zip', status: 'failed', error: 'DataValidationError' },
          { name: 'spruce-export-2024-06-01.zip', status: 'loaded', error: null },
        ]);
        expect(Number((await query('SELECT count(*) AS n FROM spruce_messages'))[0]!.n)).toBe(20);
      });
    } finally {
      await cleanup();
    }
  });

  it('a DuckDB file held by another process is named in the error, exit 1', async () => {
    fixture = await syncFixture();
    const db = fixture.db;
    const holder = spawn(
      process.execPath,
      ['--input-type=module', '-e', "import { DuckDBInstance } from '@duckdb/node-api'; await DuckDBInstance.create(process.argv[1]); console.log('held'); setInterval(() => {}, 1000);", db],
      { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
      const result = await runCli(['run', '--config', fixture.config], fixture.env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(db);
      expect(result.stderr).toContain('in use by another process');
      // What to do, said once (the message and the hint each used to say it).
      expect(result.stderr.match(/wait for it to finish/g)).toEqual(['wait for it to finish']);
      expect(result.stderr).toContain('point --db elsewhere');
      expect(fixture.mocks.luscii.requests).toEqual([]);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('an AVR download a proxy answers with an HTML page fails the stream with a hint about the vendor and the proxy, not about Spruce', async () => {
    const { dir, cleanup } = await tempDir();
    const mock = dexCareHandlers();
    // A proxy (or an expired single sign-on) that answers the report's download with its own page.
    const proxyPage = http.get(`${mock.baseUrl}/api/8/reporting/allvisitsreport/:id/data`, () => HttpResponse.html('<html><body>Please sign in</body></html>'));
    const server = await serveHandlers([proxyPage, ...mock.handlers], mock.baseUrl);
    try {
      const events: SyncEvent[] = [];
      const summary = await sync({
        db: join(dir, 'x.duckdb'),
        sources: { dexcare: { baseUrl: server.url, serviceKey: mock.serviceKey, avrTypes: ['virtual'], avrWindowDays: 1000, avrPollIntervalMs: 5 } },
        streams: ['dexcare_avr_virtual'],
        since: '2024-06-24',
        onProgress: (event) => events.push(event),
      });
      expect(summary.streams.dexcare_avr_virtual).toMatchObject({ status: 'failed', error: 'ExportFormatError' });
      const failed = events.find((event) => event.event === 'stream-failed');
      expect(failed).toMatchObject({
        message: expect.stringContaining('expected the report as CSV, received an HTML page'),
        hint: "the vendor sent something other than the export (a proxy's page, a cut-off body); run again, the stream resumes where it stopped; if it repeats, check DEXCARE_BASE_URL (and DEXCARE_APR_BASE_URL, if set) and any proxy between",
      });
    } finally {
      await server.close();
      await cleanup();
    }
  });

  it('a wrong DexCare service key stops DexCare with exit 3, and the hint names DexCare\'s key', async () => {
    fixture = await syncFixture();
    const wrongKey = 'wrong-dexcare-key-0b1d2e';
    const result = await runCli(['run', '--config', fixture.config, '--json', '--source', 'dexcare', '--source', 'luscii'], { ...fixture.env, DEXCARE_SERVICE_KEY: wrongKey });
    expect(result.code).toBe(3);
    const failed = events(result.stdout).filter((event) => event.event === 'stream-failed');
    expect(failed.map((event) => event.stream).sort()).toEqual(['dexcare_avr_virtual', 'dexcare_provider_histories']);
    expect(failed.every((event) => String(event.hint).startsWith('check DEXCARE_SERVICE_KEY') && !String(event.hint).includes('LUSCII'))).toBe(true);
    expect(result.stdout + result.stderr).not.toContain(wrongKey);
    await withDb(fixture.db, async (query) => {
      expect(Number((await query('SELECT count(*) AS n FROM luscii_measurements'))[0]!.n)).toBeGreaterThan(0);
    });
  });

  it('a --db that is a CSV or Parquet file (DuckDB would open it as in-memory data and keep nothing), or an empty file, is refused, exit 2, the file untouched', async () => {
    fixture = await syncFixture();
    for (const name of ['visits.csv', 'Export.PARQUET']) {
      const file = join(fixture.dir, name);
      await writeFile(file, 'visit_id,kind\nv1,virtual\n');
      for (const args of [['run', '--config', fixture.config], ['run', '--dry-run', '--config', fixture.config], ['status']]) {
        const result = await runCli([...args, '--db', file], fixture.env);
        expect(result.code).toBe(2);
        expect(result.stderr).toBe(`x-sync: SyncConfigError: ${file} is not a DuckDB database file; point --db (or X_SYNC_DB) at a .duckdb file, which x-sync run creates\n`);
      }
      expect(await readFile(file, 'utf8')).toBe('visit_id,kind\nv1,virtual\n');
      expect(existsSync(`${file}.wal`)).toBe(false);
    }
    const empty = join(fixture.dir, 'touched.duckdb');
    await writeFile(empty, '');
    const touched = await runCli(['run', '--config', fixture.config, '--db', empty], fixture.env);
    expect(touched).toMatchObject({ code: 2, stderr: `x-sync: SyncConfigError: ${empty} is an empty file, not a DuckDB database; remove it, and x-sync run creates the database there\n` });
    expect(fixture.mocks.luscii.requests).toEqual([]);
  });

  it('status, export, spruce-access and reset on a --db that does not exist say so by path, exit 2, and create nothing; a run into a missing folder names the folder, and a folder given as --db is named too', async () => {
    fixture = await syncFixture();
    const missing = join(fixture.dir, 'elsewhere.duckdb');
    await writeFile(join(fixture.dir, 'endpoints.json'), JSON.stringify({ endpoints: {} }));
    for (const args of [['status'], ['export', '--format', 'csv', '--out', join(fixture.dir, 'out')], ['spruce-access', '--endpoints', join(fixture.dir, 'endpoints.json')]]) {
      const result = await runCli([...args, '--db', missing], fixture.env);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`no DuckDB database at ${missing}`);
    }
    // reset from another folder than the job's: it created an empty file, said "reset …" and exited 0.
    const reset = await runCli(['reset', '--db', missing, '--stream', 'luscii_patients'], fixture.env);
    expect(reset).toMatchObject({ code: 2, stdout: '' });
    expect(reset.stderr).toContain(`no DuckDB database at ${missing}: nothing to reset`);
    expect(existsSync(missing)).toBe(false);
    const folder = join(fixture.dir, 'no-such-folder');
    const run = await runCli(['run', '--config', fixture.config, '--db', join(folder, 'w.duckdb')], fixture.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`the folder ${folder} does not exist`);
    const intoFolder = await runCli(['run', '--config', fixture.config, '--db', fixture.dir], fixture.env);
    expect(intoFolder).toMatchObject({ code: 2, stderr: `x-sync: SyncConfigError: ${fixture.dir} is a folder, not a DuckDB database file\n` });
    expect(fixture.mocks.luscii.requests).toEqual([]);
  });

  it('a config file Notepad saved with a BOM, or PowerShell 5 as UTF-16LE, is read; one in windows-1252 is refused, exit 2', async () => {
    fixture = await syncFixture();
    const json = JSON.stringify({ since: '2024-06-20', streams: ['luscii_measurements'] });
    const config = join(fixture.dir, 'x-sync.json');
    for (const bytes of [Buffer.from(`\uFEFF${json}`, 'utf8'), Buffer.from(`\uFEFF${json}`, 'utf16le')]) {
      await writeFile(config, bytes);
      const result = await runCli(['run', '--dry-run', '--config', config, '--json'], fixture.env);
      expect(result.code).toBe(0);
      const planned = events(result.stdout).filter((event) => event.event === 'planned');
      expect(new Set(planned.map((event) => event.stream))).toEqual(new Set(['luscii_measurements']));
      expect(planned[0]!.unit).toMatch(/^2024-06-20\.\./);
    }
    await writeFile(config, Buffer.from(JSON.stringify({ since: '2024-06-20', streams: ['luscii_measurements'], db: 'entrepôt.duckdb' }), 'latin1'));
    const refused = await runCli(['run', '--config', config], fixture.env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`x-sync: SyncConfigError: --config ${config}: not UTF-8 or UTF-16 text (save it as UTF-8)\n`);
  });

  it('a key an env file left a space on, or a base URL without its scheme, is a usage error naming source and setting (exit 2), before anything runs', async () => {
    fixture = await syncFixture();
    const cases = [
      { env: { LUSCII_API_KEY: `${fixture.env.LUSCII_API_KEY} ` }, says: 'luscii: apiKey contains characters that cannot be sent in a header (white space or non-ASCII)' },
      { env: { DEXCARE_BASE_URL: new URL(fixture.env.DEXCARE_BASE_URL!).host }, says: 'dexcare: baseUrl must be an absolute http or https URL' },
    ];
    for (const { env, says } of cases) {
      const result = await runCli(['run', '--config', fixture.config], { ...fixture.env, ...env });
      expect(result).toMatchObject({ code: 2, stderr: `x-sync: SyncConfigError: ${says}\n` });
    }
    expect(existsSync(fixture.db)).toBe(false);
    expect(fixture.mocks.luscii.requests).toEqual([]);
  });

  it('a PostgreSQL server that is not there (a wrong port) is named as unreachable, not as a lost connection, and nothing runs (exit 1)', async () => {
    fixture = await syncFixture();
    const result = await runCli(['run', '--config', fixture.config, '--db', 'postgres://x_sync:not-shown@127.0.0.1:1/warehouse'], fixture.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'x-sync: DestinationError: PostgreSQL at postgres://x_sync@127.0.0.1:1/warehouse: connecting failed: the server could not be reached (ECONNREFUSED); ' +
        'check that it is running and that the host and port (or socket folder) in the URL are right; nothing was written\n',
    );
    expect(fixture.mocks.luscii.requests).toEqual([]);
  });

  it('a PostgreSQL server whose TLS certificate cannot be verified (self-signed, no sslrootcert) is named so, with what to give, and nothing runs (exit 1)', async () => {
    fixture = await syncFixture();
    const key = join(fixture.dir, 'server.key');
    const cert = join(fixture.dir, 'server.crt');
    await promisify(execFile)('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1']);
    // A server that answers PostgreSQL's SSLRequest with 'S' and then speaks TLS with a self-signed certificate.
    const tlsOptions = { key: await readFile(key), cert: await readFile(cert) };
    const server = createServer((socket) => {
      socket.once('data', () => {
        socket.write('S');
        new TLSSocket(socket, { isServer: true, ...tlsOptions }).on('error', () => undefined);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const result = await runCli(['run', '--config', fixture.config, '--db', `postgres://x_sync:not-shown@127.0.0.1:${port}/warehouse?sslmode=verify-full`], fixture.env);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `x-sync: DestinationError: PostgreSQL at postgres://x_sync@127.0.0.1:${port}/warehouse?sslmode=verify-full: connecting failed: the server's TLS certificate could not be verified (DEPTH_ZERO_SELF_SIGNED_CERT); ` +
          'give the certificate of the authority that signed it as sslrootcert=/path/to/ca.pem in the URL (managed services publish theirs), and check that the host name is the one in the certificate; nothing was written\n',
      );
      expect(fixture.mocks.luscii.requests).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('sync() from code refuses a source setting the config file refuses, before anything runs: a 0-day window (which planned windows without end), a 0-day look-back, a start date that is no day, a wait past Node\'s timers', async () => {
    fixture = await syncFixture();
    const luscii = { apiKey: fixture.env.LUSCII_API_KEY!, baseUrl: fixture.env.LUSCII_BASE_URL };
    const dexcare = { baseUrl: fixture.env.DEXCARE_BASE_URL!, serviceKey: fixture.env.DEXCARE_SERVICE_KEY! };
    const cases = [
      { sources: { luscii: { ...luscii, windowDays: 0 } }, says: 'luscii: windowDays: Too small: expected number to be >0' },
      { sources: { dexcare: { ...dexcare, aprWindowHours: 0.5 } }, says: 'dexcare: aprWindowHours: Invalid input: expected int, received number' },
      { sources: { luscii: { ...luscii, startDates: { luscii_measurements: '2024-02-30' } } }, says: 'luscii: startDates.luscii_measurements: expected a date, YYYY-MM-DD' },
      { sources: { spruce: { dir: join(fixture.dir, 'spruce'), batchRows: -1 } }, says: 'spruce: batchRows: Too small: expected number to be >0' },
      // A look-back of 0 never read today again: what arrived after the run that day was lost.
      {
        sources: { dexcare: { ...dexcare, avrLookbackDays: 0 } },
        says: 'dexcare: avrLookbackDays: at least 1: the last day a run reads is today, which goes on after it and is read again by the next run',
      },
      { sources: { spruce: { dir: join(fixture.dir, 'spruce'), settleMs: 2 ** 31 } }, says: 'spruce: settleMs: Too big: expected number to be <=2147483647' },
    ];
    for (const { sources, says } of cases) {
      const error = await sync({ db: fixture.db, sources }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SyncConfigError);
      expect((error as Error).message).toBe(says);
    }
    expect(existsSync(fixture.db)).toBe(false);
    expect(fixture.mocks.luscii.requests).toEqual([]);
    // The config file says the same of the same setting.
    const config = join(fixture.dir, 'zero.json');
    await writeFile(config, JSON.stringify({ luscii: { windowDays: 0 } }));
    expect(await runCli(['run', '--config', config], fixture.env)).toMatchObject({ code: 2, stderr: `x-sync: SyncConfigError: --config ${config}: luscii.windowDays: Too small: expected number to be >0; nothing was run\n` });
  });

  it('an empty --db is refused (exit 2): DuckDB would open an in-memory database, and the run would report success and keep nothing', async () => {
    fixture = await syncFixture();
    expect(await runCli(['run', '--config', fixture.config, '--db', ''], fixture.env)).toMatchObject({
      code: 2,
      stderr: 'x-sync: SyncConfigError: --db: an empty path; give the DuckDB file (or a postgres:// URL) the runs write\n',
    });
    const error = await sync({ db: ' ', sources: { spruce: { dir: join(fixture.dir, 'spruce') } } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SyncConfigError);
    // An empty X_SYNC_DB (a blank line in an env file) is no value: the run writes the default file.
    const cwd = process.cwd();
    process.chdir(fixture.dir);
    try {
      expect((await runCli(['run', '--config', fixture.config, '--source', 'spruce'], { ...fixture.env, X_SYNC_DB: '' })).code).toBe(0);
    } finally {
      process.chdir(cwd);
    }
    expect(existsSync(join(fixture.dir, 'x-sync.duckdb'))).toBe(true);
  });

  it('a config file with an unknown key is refused before anything runs (exit 2)', async () => {
    fixture = await syncFixture();
    const config = join(fixture.dir, 'bad.json');
    await writeFile(config, JSON.stringify({ since: '2024-06-01', luscii: { windowSize: 7 } }));
    const result = await runCli(['run', '--config', config], fixture.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown key luscii.windowSize');
    // A misspelt stream among the start dates or AVR keys was ignored: the stream read from the default day for good.
    for (const [settings, says] of [
      [{ luscii: { startDates: { luscii_alert: '2024-06-01' } } }, 'luscii.startDates.luscii_alert: no such luscii stream (luscii_'],
      [{ dexcare: { avrKeys: { dexcare_avr_virtaul: ['visit_id'] } } }, 'dexcare.avrKeys.dexcare_avr_virtaul: no such AVR stream (dexcare_avr_virtual, dexcare_avr_retail, dexcare_avr_provider_booking)'],
    ] as const) {
      await writeFile(config, JSON.stringify(settings));
      const typo = await runCli(['run', '--config', config], fixture.env);
      expect(typo.code).toBe(2);
      expect(typo.stderr).toContain(says);
    }
    expect(existsSync(fixture.db)).toBe(false);
    expect(fixture.mocks.luscii.requests).toEqual([]);
  });

  it('the config\'s streams narrow to the sources that run: --source luscii with a config that also lists a Spruce stream runs the Luscii one', async () => {
    fixture = await syncFixture();
    const config = join(fixture.dir, 'streams.json');
    await writeFile(config, JSON.stringify({ since: '2024-06-20', streams: ['luscii_measurements', 'spruce_messages'] }));
    const result = await runCli(['run', '--config', config, '--source', 'luscii', '--dry-run', '--json'], fixture.env);
    expect(result.code).toBe(0);
    expect(new Set(events(result.stdout).filter((event) => event.event === 'planned').map((event) => event.stream))).toEqual(new Set(['luscii_measurements']));
    // None of the config's streams is of a source that runs: nothing to do is said, not run as "every stream".
    const none = await runCli(['run', '--config', config, '--source', 'dexcare', '--dry-run'], fixture.env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("the config's streams (luscii_measurements, spruce_messages) are of no source that runs here (dexcare)");
  });

  it('an AVR key the config names that the report lacks fails the stream naming the setting and the report\'s columns, with what to do, not the database\'s own words', async () => {
    fixture = await syncFixture();
    const config = join(fixture.dir, 'keys.json');
    await writeFile(config, JSON.stringify({ since: '2024-06-01', dexcare: { avrTypes: ['virtual'], avrPollIntervalMs: 5, avrKeys: { dexcare_avr_virtual: ['visitid'] } } }));
    const result = await runCli(['run', '--config', config, '--stream', 'dexcare_avr_virtual', '--json'], fixture.env);
    expect(result.code).toBe(1);
    const [failed] = events(result.stdout).filter((event) => event.event === 'stream-failed');
    expect(failed).toMatchObject({ stream: 'dexcare_avr_virtual', error: 'SyncConfigError', hint: 'fix the setting it names; running again as it is fails the same way' });
    expect(failed!.message).toMatch(/^dexcare\.avrKeys\.dexcare_avr_virtual: the report has no column visitid \(its columns: visit_id, /);
  });

  it('usage errors exit 2: an unknown flag, an unknown stream, a source that is not configured, a --since or start date that is no day or after today', async () => {
    fixture = await syncFixture();
    expect((await runCli(['run', '--no-such-flag'], fixture.env)).code).toBe(2);
    const stream = await runCli(['run', '--stream', 'luscii_nope', '--config', fixture.config], fixture.env);
    expect(stream.code).toBe(2);
    expect(stream.stderr).toContain('luscii_nope');
    const source = await runCli(['run', '--source', 'spruce'], { ...fixture.env, SPRUCE_EXPORTS_DIR: '' });
    expect(source.code).toBe(2);
    expect(source.stderr).toContain('SPRUCE_EXPORTS_DIR');
    // No source at all: the CLI names the variables that turn each on; sync() names its option.
    const none = await runCli(['run'], {});
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no source is configured: set LUSCII_API_KEY (and LUSCII_BASE_URL for another host); or set DEXCARE_BASE_URL and DEXCARE_SERVICE_KEY; or set SPRUCE_EXPORTS_DIR');
    await expect(sync({ db: fixture.db, sources: {} })).rejects.toThrow('no source is configured: give sources the settings of luscii, dexcare or spruce, or your own Source');
    // A day that does not exist (Date.parse rolls it into March), and one after today (reads nothing).
    for (const since of ['2023-02-29', '2099-01-01']) {
      const result = await runCli(['run', '--since', since, '--config', fixture.config], fixture.env);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^x-sync: SyncConfigError: since (must be a date, YYYY-MM-DD|2099-01-01 is after today in UTC \(\d{4}-\d{2}-\d{2}\), the day every window is counted in: a dated stream would read nothing)\n$/);
    }
    const config = join(fixture.dir, 'feb-30.json');
    await writeFile(config, JSON.stringify({ luscii: { startDates: { luscii_alerts: '2024-02-30' } } }));
    const startDate = await runCli(['run', '--config', config], fixture.env);
    expect(startDate.code).toBe(2);
    expect(startDate.stderr).toContain('luscii.startDates.luscii_alerts: expected a date, YYYY-MM-DD');
    // A PostgreSQL URL that does not parse (a port past 65535) was a TypeError, exit 1.
    const url = await runCli(['status', '--db', 'postgres://x_sync:url-password-4d2c@db.internal:99999/warehouse'], fixture.env);
    expect(url.code).toBe(2);
    expect(url.stderr).toBe('x-sync: SyncConfigError: --db: the PostgreSQL URL does not parse; the form is postgres://user[:password]@host[:port]/database\n');
    // A start date after today read nothing and exited 0, the stream silently empty.
    const future = join(fixture.dir, 'future.json');
    await writeFile(future, JSON.stringify({ dexcare: { startDates: { dexcare_provider_histories: '2099-01-01' } } }));
    const futureStart = await runCli(['run', '--config', future], fixture.env);
    expect(futureStart.code).toBe(2);
    expect(futureStart.stderr).toMatch(/^x-sync: SyncConfigError: dexcare: startDates\.dexcare_provider_histories 2099-01-01 is after today in UTC \(\d{4}-\d{2}-\d{2}\)/);
    expect(existsSync(fixture.db)).toBe(false);
    expect(fixture.mocks.luscii.requests).toEqual([]);
  });
});
