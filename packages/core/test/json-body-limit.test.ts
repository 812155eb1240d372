/**
 * A JSON body is read whole into memory before it is parsed, so it is held to `maxJsonBytes`:
 * a proxy or a server bug that streams a page without end must not take all the memory before
 * the per-attempt deadline stops it. Over a real socket, so the download is seen to stop.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, describe, expect, test } from 'vitest';
import { ApiError } from '@x/core';
import { Transport } from '@x/core/internal';
import { caught, SECRET } from './helpers/index.js';

let closeServer: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closeServer?.();
  closeServer = undefined;
});

/** A server answering every request with `handler`, counting requests. */
async function serve(handler: (response: ServerResponse) => void): Promise<{ baseUrl: string; requests: () => number }> {
  let requests = 0;
  const server = createServer((_, response) => {
    requests += 1;
    handler(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closeServer = () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  };
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests };
}

function transport(baseUrl: string, maxJsonBytes?: number) {
  return new Transport({
    baseUrl,
    headers: { authorization: `Bearer ${SECRET}` },
    maxRetries: 2,
    backoff: { initialDelayMs: 1, maxDelayMs: 5 },
    // Without the limit the test would end here, in a TimeoutError, rather than hang.
    deadlineMs: 5_000,
    ...(maxJsonBytes === undefined ? {} : { maxJsonBytes }),
  });
}

const KIB = 1024;

describe('maxJsonBytes', () => {
  test('a proxy that streams a JSON body without end: an ApiError once past the limit, not retried, and the download stops', async () => {
    let closed: () => void = () => undefined;
    const downloadStopped = new Promise<void>((resolve) => (closed = resolve));
    const { baseUrl, requests } = await serve((response) => {
      response.on('close', closed);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"data":[');
      // Whitespace is valid JSON between tokens: the body stays a page that is not over yet.
      const timer = setInterval(() => response.write(' '.repeat(16 * KIB)), 1);
      response.on('close', () => clearInterval(timer));
    });
    const error = await caught(transport(baseUrl, 256 * KIB).json({ method: 'POST', path: 'v1/export/patients', json: {} }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 200, body: undefined, method: 'POST' });
    expect((error as ApiError).message).toBe('200 the body is larger than maxJsonBytes (262144 bytes) (POST /v1/export/patients)');
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(SECRET);
    expect(requests()).toBe(1);
    await downloadStopped;
  });

  test('a page whose Content-Length is over the limit is refused', async () => {
    const page = JSON.stringify({ data: Array.from({ length: 2_000 }, (_, id) => ({ id, name: `row ${id}` })) });
    const { baseUrl, requests } = await serve((response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(page)) });
      response.end(page);
    });
    expect(Buffer.byteLength(page)).toBeGreaterThan(16 * KIB);
    const error = await caught(transport(baseUrl, 16 * KIB).json({ method: 'GET', path: 'v1/things' }));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(/larger than maxJsonBytes \(16384 bytes\)/);
    expect(requests()).toBe(1);
  });

  test('a page under the limit, or any page with the limit lifted, is read whole', async () => {
    const page = JSON.stringify({ data: Array.from({ length: 2_000 }, (_, id) => ({ id })) });
    const { baseUrl } = await serve((response) => response.end(page));
    expect((await transport(baseUrl).json({ method: 'GET', path: 'v1/things' })).body).toEqual(JSON.parse(page));
    expect((await transport(baseUrl, Number.POSITIVE_INFINITY).json({ method: 'GET', path: 'v1/things' })).body).toEqual(JSON.parse(page));
  });

  test('text bodies (a report read whole by its caller) are not bounded by it', async () => {
    const csv = 'id\n'.padEnd(64 * KIB, '1\n');
    const { baseUrl } = await serve((response) => response.end(csv));
    expect((await transport(baseUrl, 16 * KIB).text({ method: 'GET', path: 'report' })).body).toBe(csv);
  });
});
