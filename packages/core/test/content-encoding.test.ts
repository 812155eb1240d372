/**
 * Bodies are asked for uncompressed (`Accept-Encoding: identity`): fetch inflates a compressed
 * body leniently, so a gzip stream cut before its end would read as a whole, shorter body. Over
 * a real socket with Node's own fetch (undici), which does that inflating.
 */
import { gzipSync } from 'node:zlib';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, test } from 'vitest';
import { ConnectionError } from '@x/core';
import { Transport } from '@x/core/internal';
import { captureLog, faultsAt, startFaultServer, type FaultPlan, type FaultServer } from '@x/testkit';
import { caught, collect } from './helpers/index.js';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const csv = ['visit_id,patient_name', ...Array.from({ length: 2_000 }, (_, i) => `${i + 1},Patient ${i + 1}`)].join('\n') + '\n';
const page = JSON.stringify({ data: Array.from({ length: 50 }, (_, id) => ({ id, name: `Patient ${id}` })), meta: { nextCursor: null } });
const gzipped = () => new HttpResponse(gzipSync(csv), { headers: { 'content-type': 'text/csv', 'content-encoding': 'gzip' } });

/** A server on loopback answering `/report` with `report` and `/page` with the JSON page, faults per `plan`; and the `Accept-Encoding` of each request. */
async function serve(plan?: FaultPlan, report: () => Response = () => new HttpResponse(csv, { headers: { 'content-type': 'text/csv' } })) {
  const asked: (string | null)[] = [];
  server = await startFaultServer(
    (baseUrl) => [http.get(`${baseUrl}/report`, report), http.post(`${baseUrl}/page`, () => new HttpResponse(page, { headers: { 'content-type': 'application/json' } }))],
    (request, index) => {
      asked.push(request.headers.get('accept-encoding'));
      return plan?.(request, index);
    },
  );
  return { baseUrl: server.baseUrl, asked };
}

function transport(baseUrl: string, logger?: ReturnType<typeof captureLog>['logger']) {
  return new Transport({ baseUrl, maxRetries: 2, backoff: { initialDelayMs: 1, maxDelayMs: 5 }, ...(logger ? { logger, logLevel: 'warn' as const } : {}) });
}

describe('compressed bodies', () => {
  test('a compressing proxy that ends a cut-off gzip report cleanly: the download is a ConnectionError, never a shorter report', async () => {
    const { baseUrl, asked } = await serve(faultsAt({ 0: { kind: 'compressed-cut', afterBytes: csv.indexOf('\n1201,') + 1 } }));
    const { body } = await transport(baseUrl).stream({ method: 'GET', path: 'report' });
    expect(await caught(collect(body))).toBeInstanceOf(ConnectionError);
    expect(asked).toEqual(['identity']);
  });

  test('a compressing proxy that cuts a gzip page: the page is retried like any interrupted one', async () => {
    const { baseUrl, asked } = await serve(faultsAt({ 0: { kind: 'compressed-cut', afterBytes: page.length / 2 } }));
    expect((await transport(baseUrl).json({ method: 'POST', path: 'page', json: {} })).body).toEqual(JSON.parse(page));
    expect(asked).toEqual(['identity', 'identity']);
  });

  test('a server that compresses though asked not to: its bodies are read, with one warning', async () => {
    const log = captureLog();
    const { baseUrl } = await serve(undefined, gzipped);
    const client = transport(baseUrl, log.logger);
    for (let i = 0; i < 2; i++) {
      const { body } = await client.stream({ method: 'GET', path: 'report' });
      expect(Buffer.concat(await collect(body)).toString()).toBe(csv);
    }
    expect(log.lines).toEqual([
      ['warn', '[x-sdk] response compressed though the SDK asked for none: a body cut short would not be noticed', { method: 'GET', path: '/report' }],
    ]);
  });

  test('a caller that asks for compression in its headers gets it', async () => {
    const { baseUrl, asked } = await serve(undefined, gzipped);
    expect((await transport(baseUrl).text({ method: 'GET', path: 'report', headers: { 'accept-encoding': 'gzip' } })).body).toBe(csv);
    expect(asked).toEqual(['gzip']);
  });
});
