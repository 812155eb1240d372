import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, expect, test } from 'vitest';
import { TimeoutError } from '@x/core';
import { paginateByOffset, responseMeta, Transport } from '@x/core/internal';
import { caught } from './helpers/index.js';

// These run over a real socket with Node's own fetch (undici), where ky tees each body for its
// afterResponse hook and sends each retry as a clone of the first request.

type Handler = (request: IncomingMessage, response: ServerResponse, index: number) => void;

let closeServer: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closeServer?.();
});

async function serve(handler: Handler): Promise<string> {
  let index = 0;
  const server = createServer((request, response) => handler(request, response, index++));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closeServer = () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  };
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Sends the headers and the first half of `body`, then nothing. */
function stall(response: ServerResponse, body: string, onSent?: () => void): void {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  response.write(body.slice(0, body.length / 2), onSent);
}

function collectUnhandled() {
  const reasons: unknown[] = [];
  const record = (reason: unknown) => reasons.push(reason);
  process.on('unhandledRejection', record);
  return { reasons, stop: () => process.off('unhandledRejection', record) };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('pages stalled in flight when paging fails are aborted without unhandled rejections', async () => {
  const unhandled = collectUnhandled();
  try {
    const rows = Array.from({ length: 25 }, (_, id) => ({ id, name: `row ${id}` }));
    const baseUrl = await serve((_, response, index) => {
      const body = JSON.stringify({ count: 200, data: rows });
      if (index === 0) response.end(body);
      else stall(response, body);
    });
    const transport = new Transport({ baseUrl, timeoutMs: 200, maxRetries: 1, backoff: { initialDelayMs: 1, maxDelayMs: 5 } });
    const pages = paginateByOffset({
      pageSize: 25,
      fetchPage: async ({ offset, limit, signal }) => {
        const reply = await transport.json({ method: 'POST', path: 'search', json: { offset, limit }, signal });
        return { ...(reply.body as { count: number; data: unknown[] }), response: responseMeta(reply) };
      },
    });
    expect(await caught(pages.toArray())).toBeInstanceOf(TimeoutError);
    await settle(100);
    expect(unhandled.reasons).toEqual([]);
  } finally {
    unhandled.stop();
  }
});

test('an abort during a retried attempt ends the request at once, not at its timeout', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  let retryStalled!: () => void;
  const stalled = new Promise<void>((resolve) => (retryStalled = resolve));
  const baseUrl = await serve((_, response, index) => {
    if (index === 0) response.writeHead(503).end();
    else stall(response, JSON.stringify({ data: 'x'.repeat(1000) }), retryStalled);
  });
  const transport = new Transport({ baseUrl, timeoutMs: 60_000, maxRetries: 1, backoff: { initialDelayMs: 1, maxDelayMs: 5 } });
  const controller = new AbortController();
  const request = transport.json({ method: 'GET', path: 'report', signal: controller.signal }).then(
    () => 'resolved',
    (error: unknown) => (error as Error).name,
  );
  await stalled;
  // undici's clone of the request follows the original's signal through a weak reference.
  gc();
  controller.abort();
  expect(await Promise.race([request, settle(5_000).then(() => 'still waiting')])).toBe('AbortError');
});
