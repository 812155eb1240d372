/**
 * `pnpm check:packages`: the packages as npm will publish them, checked the way users meet them.
 * Needs `pnpm build` first.
 *
 * 1. publint --strict and attw --pack (every resolution: node10, node16 from CJS and ESM, bundler)
 *    on each package: exports, types for ESM and CJS, the testing subpaths (`typesVersions` for
 *    node10), files.
 * 2. Every field of every public row interface in the emitted declarations has its TSDoc.
 * 3. The browser bundle budgets of the Spruce parser (scripts/bundle-size.ts).
 * 4. The packed tarballs installed with npm into a scratch app, then used from ESM and from CJS:
 *    a client error is `instanceof` its class whichever format threw it and whichever format
 *    checks; the `testing` subpaths load and work; no client bundles its own copy of core.
 * 5. The installed `x-sync` bin, run as a user runs it: `--version` prints the installed version
 *    (set at build), a sync of the built-in mocks into a DuckDB file, then a second run that
 *    changes no row.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSizes } from './bundle-size.js';
import { undocumentedRowFields } from './row-docs.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const packages = ['core', 'luscii-export', 'dexcare-reporting', 'spruce-export-parser', 'sync'];
const failures: string[] = [];

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function check(label: string, work: () => void): void {
  try {
    work();
    console.log(`ok    ${label}`);
  } catch (error) {
    const output = (error as { stdout?: string; stderr?: string }).stdout ?? '';
    console.log(`FAIL  ${label}\n${output}${(error as { stderr?: string }).stderr ?? String(error)}`);
    failures.push(label);
  }
}

const bin = (name: string) => join(root, 'node_modules', '.bin', name);
for (const name of packages) {
  const dir = join(root, 'packages', name);
  check(`publint --strict @x/${name}`, () => run(bin('publint'), ['--strict'], dir));
  check(`attw --pack @x/${name}`, () => run(bin('attw'), ['--pack', '.', '--format', 'ascii'], dir));
  check(`every public row field of @x/${name} has TSDoc in dist/*.d.ts`, () => {
    const problems = undocumentedRowFields(join(dir, 'dist'));
    if (problems.length > 0) throw new Error(`undocumented (describe the field in its zod model, then \`pnpm run docs\`):\n  ${problems.join('\n  ')}\n`);
  });
  const distFiles = readdirSync(join(dir, 'dist'), { recursive: true, encoding: 'utf8' });
  const definesSdkError = (file: string) => /class SdkError\b|\bSdkError = class\b/.test(readFileSync(join(dir, 'dist', file), 'utf8'));
  if (name === 'core') {
    // `@x/core` and `@x/core/internal` must share one copy of the error classes in each format.
    check('@x/core has one copy of SdkError per format', () => {
      for (const format of [/\.js$/, /\.cjs$/]) {
        const copies = distFiles.filter((entry) => format.test(entry) && definesSdkError(entry));
        if (copies.length !== 1) throw new Error(`SdkError is defined in ${copies.length} files: ${copies.join(', ')}`);
      }
    });
    continue;
  }
  check(`@x/${name} does not bundle @x/core`, () => {
    for (const file of distFiles.filter((entry) => /\.(c?js)$/.test(entry))) {
      if (definesSdkError(file)) throw new Error(`dist/${file} contains core's SdkError`);
    }
  });
}

for (const { label, bytes, budget } of await bundleSizes(join(root, 'packages', 'spruce-export-parser'))) {
  check(`bundle ${label}: ${bytes} B gzip, budget ${budget} B`, () => {
    if (bytes > budget) throw new Error(`over budget by ${bytes - budget} B`);
  });
}

const app = mkdtempSync(join(tmpdir(), 'x-sdk-consumer-'));
const tarballs = packages.map((name) => {
  const output = run('pnpm', ['pack', '--pack-destination', app], join(root, 'packages', name)).trim().split('\n');
  const tarball = output.at(-1);
  if (tarball === undefined) throw new Error(`pnpm pack printed no tarball for @x/${name}`);
  return tarball;
});
writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '0.0.0' }));
check('npm installs the packed tarballs (with msw for the testing subpaths)', () =>
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs, 'msw@2'], app),
);

const shared = `
const key = 'sk_live_consumer_check';
const unauthorized = async () => new Response(JSON.stringify({ errors: [{ code: 'unauthenticated', message: 'Unauthenticated.' }] }), { status: 401, headers: { 'content-type': 'application/json' } });
async function authFailure(LusciiClient) {
  try { await new LusciiClient({ apiKey: key, fetch: unauthorized, maxRetries: 0 }).export('patients').toArray(); }
  catch (error) { return error; }
  throw new Error('expected a failure');
}
function expect(condition, what) { if (!condition) { console.error('not true: ' + what); process.exit(1); } }
`;
writeFileSync(
  join(app, 'esm.mjs'),
  `import { createRequire } from 'node:module';
import { setupServer } from 'msw/node';
import { LusciiClient, AuthenticationError, SdkError } from '@x/luscii-export';
import { lusciiHandlers } from '@x/luscii-export/testing';
import { DexCareReportingClient } from '@x/dexcare-reporting';
import { dexCareHandlers } from '@x/dexcare-reporting/testing';
import { openSpruceExport } from '@x/spruce-export-parser';
import { buildSpruceExportZip, fakeSpruceExport } from '@x/spruce-export-parser/testing';
${shared}
const cjs = createRequire(import.meta.url)('@x/luscii-export');
const fromEsm = await authFailure(LusciiClient);
const fromCjs = await authFailure(cjs.LusciiClient);
expect(fromEsm instanceof AuthenticationError && fromEsm instanceof SdkError, 'ESM error instanceof ESM classes');
expect(fromCjs instanceof AuthenticationError && fromCjs instanceof SdkError, 'CJS error instanceof ESM classes');
expect(fromEsm instanceof cjs.AuthenticationError, 'ESM error instanceof CJS class');
expect(!String(fromEsm.message).includes(key), 'no key in the message');

const luscii = lusciiHandlers();
const dex = dexCareHandlers();
const server = setupServer(...luscii.handlers, ...dex.handlers);
server.listen({ onUnhandledRequest: 'error' });
const patients = await new LusciiClient({ apiKey: luscii.apiKey }).export('patients').toArray();
expect(patients.length === luscii.rowsFor('patients').length && patients.length > 0, 'Luscii export through the testing handlers');
const client = new DexCareReportingClient({ baseUrl: dex.baseUrl, serviceKey: dex.serviceKey });
const rows = await client.runAvrReport({ type: 'virtual' }, { pollIntervalMs: 1, maxPollIntervalMs: 5 }).toArray();
expect(rows.length === dex.visits.length, 'DexCare run through the testing handlers');
server.close();

const exp = await openSpruceExport(buildSpruceExportZip(fakeSpruceExport({ messages: 500 })));
expect((await exp.rows('messages').toArray()).length === 500, 'Spruce zip built by the testing builder');
console.log('ESM consumer: ok');
`,
);
writeFileSync(
  join(app, 'cjs.cjs'),
  `const { LusciiClient, AuthenticationError, SdkError } = require('@x/luscii-export');
const core = require('@x/core');
const { openSpruceExport } = require('@x/spruce-export-parser');
const { buildSpruceExportZip, fakeSpruceExport } = require('@x/spruce-export-parser/testing');
${shared}
(async () => {
  const error = await authFailure(LusciiClient);
  const esm = await import('@x/luscii-export');
  expect(error instanceof AuthenticationError && error instanceof SdkError && error instanceof core.ApiError, 'CJS error instanceof CJS classes');
  expect(error instanceof esm.AuthenticationError, 'CJS error instanceof ESM class');
  const exp = await openSpruceExport(buildSpruceExportZip(fakeSpruceExport({ messages: 300 })));
  expect((await exp.rows('messages').toArray()).length === 300, 'Spruce from CJS');
  console.log('CJS consumer: ok');
})();
`,
);
check('ESM consumer: errors across formats, testing subpaths, a run of each client', () => run('node', ['esm.mjs'], app));
check('CJS consumer: errors across formats, testing subpaths', () => run('node', ['cjs.cjs'], app));

writeFileSync(
  join(app, 'sync.mjs'),
  `import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { startSyncMocks } from '@x/sync/testing';
${shared}
const mocks = await startSyncMocks({ spruceDir: 'spruce-sftp', spruceFiles: 1, spruceMessages: 50 });
writeFileSync('x-sync.json', JSON.stringify({ since: '2024-06-20', luscii: { windowDays: 3650 }, dexcare: { avrTypes: ['virtual'], avrWindowDays: 3650, avrPollIntervalMs: 20, aprWindowHours: 87600 } }));
const env = { ...process.env, ...mocks.env, X_SYNC_DB: 'warehouse.duckdb' };
// Asynchronous: the mocks answer from this process, so it must not block while x-sync runs.
const changes = async () => {
  const { stdout } = await promisify(execFile)('node_modules/.bin/x-sync', ['run', '--json', '--config', 'x-sync.json'], { env, encoding: 'utf8', timeout: 120_000 });
  const finished = stdout.split('\\n').filter((line) => line.includes('"run-finished"')).map((line) => JSON.parse(line))[0];
  expect(finished?.status === 'succeeded', 'x-sync run succeeded: ' + finished?.status);
  return Object.values(finished.summary.streams).reduce((sum, s) => sum + s.inserted + s.updated + s.deleted, 0);
};
try {
  const { stdout: printed } = await promisify(execFile)('node_modules/.bin/x-sync', ['--version'], { encoding: 'utf8' });
  const installed = JSON.parse(readFileSync('node_modules/@x/sync/package.json', 'utf8')).version;
  expect(printed === installed + '\\n', 'x-sync --version prints the installed version: ' + printed.trim());
  expect((await changes()) > 0, 'the first x-sync run loads rows');
  expect((await changes()) === 0, 'a second x-sync run changes no row');
} finally {
  await mocks.close();
}
console.log('x-sync consumer: ok');
`,
);
check('the installed x-sync bin prints its version, syncs the built-in mocks into DuckDB, then changes nothing', () => run('node', ['sync.mjs'], app));

if (failures.length > 0) {
  console.error(`\n${failures.length} package check(s) failed`);
  process.exit(1);
}
console.log(`\nAll package checks passed (scratch app: ${app})`);
