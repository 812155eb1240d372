import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';

/** Debian's Chromium; `.ci/run` installs it with apt when missing. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether browser tests can run here. CI sets `REQUIRE_BROWSER=1` so that a missing Chromium
 * fails there instead of skipping; on a developer's fresh machine the browser test is skipped
 * with a message, keeping `pnpm test` green with Node.js alone.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.REQUIRE_BROWSER === '1') throw new Error(`REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM_PATH}`);
  console.warn(`Skipping browser tests: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
  return false;
}

// Without the background-networking flags, Chromium's connections are refused by this closed
// network, many at a time; as root it needs --no-sandbox.
export const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Bundles `entry` for the browser (esbuild, `platform: 'browser'`, so the packages' `browser`
 * conditions apply and any Node built-in on the path fails the build), serves it on loopback,
 * opens it in headless Chromium and returns what the page assigns to `globalThis.__result`.
 * A page error or a `{ error }` result rejects.
 */
export async function runInChromium(entry: string, options: { timeoutMs?: number } = {}): Promise<unknown> {
  const bundle = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    conditions: ['@x/source'],
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]!.text;
  const server = createServer((request, response) => {
    if (request.url === '/app.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end(script);
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<!doctype html><meta charset="utf-8"><script type="module" src="/app.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS });
  try {
    const page = await browser.newPage();
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => (globalThis as { __result?: unknown }).__result !== undefined || document.title === 'error', null, {
      timeout: options.timeoutMs ?? 15_000,
    });
    if (pageErrors.length > 0) throw pageErrors[0];
    const result = await page.evaluate(() => (globalThis as { __result?: unknown }).__result);
    if (typeof result === 'object' && result !== null && 'error' in result) throw new Error(`in the page: ${String(result.error)}`);
    return result;
  } finally {
    await browser.close();
    server.closeAllConnections();
    server.close();
  }
}
