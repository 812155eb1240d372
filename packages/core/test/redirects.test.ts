/**
 * Redirects over real loopback sockets: two servers on two ports are two origins. A redirect
 * to another origin is an ApiError naming status and origin, and that origin never sees the
 * request; a same-origin 307 or 308 is followed with method and body.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, describe, expect, test } from 'vitest';
import { ApiError } from '@x/core';
import { Transport } from '@x/core/internal';
import { SECRET, caught, collect } from './helpers/index.js';

interface Seen {
  method: string;
  url: string;
  body: string;
}

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: Handler): Promise<{ origin: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      seen.push({ method: request.method ?? '', url: request.url ?? '', body });
      handler(request, response, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({ close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) });
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const redirect = (status: number, location: string): Handler => (_request, response) => {
  response.writeHead(status, { location, 'content-type': 'application/json' }).end(JSON.stringify({ message: 'moved' }));
};

const json = (body: unknown): Handler => (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

function transportFor(origin: string) {
  return new Transport({ baseUrl: origin, headers: { authorization: `Bearer ${SECRET}` }, maxRetries: 1, backoff: { initialDelayMs: 1, maxDelayMs: 2 } });
}

describe('a redirect to another origin (a misrouted proxy, a hijacked DNS name)', () => {
  test.each([301, 302, 303, 307, 308])('%i on a POST is an ApiError naming status and origin; the other host gets nothing', async (status) => {
    const other = await serve(json({ data: ['rows from the wrong host'] }));
    const api = await serve(redirect(status, `${other.origin}/v1/export/patients?signature=s3cr3t-sig&cursor=abc`));
    const error = await caught(transportFor(api.origin).json({ method: 'POST', path: 'v1/export/patients', json: { a: 1 } }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status, method: 'POST' });
    expect((error).message).toBe(`${status} redirected to another origin (${other.origin}); not followed (POST /v1/export/patients)`);
    expect(other.seen).toHaveLength(0);
    expect(api.seen).toHaveLength(1);
    const printed = `${String(error)}\n${JSON.stringify(error)}\n${inspect(error, { depth: 5, showHidden: true })}`;
    expect(printed).not.toContain('s3cr3t-sig');
    expect(printed).not.toContain('cursor=abc');
    expect(printed).not.toContain(SECRET);
  });

  test('a streamed download redirected to another host is refused before any byte is read', async () => {
    const other = await serve((_request, response) => response.writeHead(200, { 'content-type': 'text/csv' }).end('a,b\n1,2\n'));
    const api = await serve(redirect(302, `${other.origin}/file.csv`));
    const error = await caught(transportFor(api.origin).stream({ method: 'GET', path: 'data' }).then(({ body }) => collect(body)));
    expect(error).toBeInstanceOf(ApiError);
    expect((error).message).toContain(`another origin (${other.origin})`);
    expect(other.seen).toHaveLength(0);
  });
});

describe('a redirect within the same origin', () => {
  test.each([307, 308])('%i is followed with method and body', async (status) => {
    let origin = '';
    const api = await serve((request, response, body) => {
      if (request.url === '/v1/old') redirect(status, `${origin}/v1/new`)(request, response, body);
      else json({ moved: true, body: JSON.parse(body) as unknown })(request, response, body);
    });
    origin = api.origin;
    const { body } = await transportFor(api.origin).json({ method: 'POST', path: 'v1/old', json: { page: 2 } });
    expect(body).toEqual({ moved: true, body: { page: 2 } });
    expect(api.seen.map(({ method, url }) => `${method} ${url}`)).toEqual(['POST /v1/old', 'POST /v1/new']);
  });

  test('a relative Location is followed too', async () => {
    const api = await serve((request, response, body) => {
      if (request.url === '/a') redirect(307, '/b')(request, response, body);
      else json({ ok: true })(request, response, body);
    });
    expect((await transportFor(api.origin).json({ method: 'GET', path: 'a' })).body).toEqual({ ok: true });
  });

  test.each([301, 302, 303])('%i is an ApiError: it would turn a POST into a GET', async (status) => {
    const api = await serve((request, response, body) => {
      if (request.url === '/a') redirect(status, '/b')(request, response, body);
      else json({ ok: true })(request, response, body);
    });
    const error = await caught(transportFor(api.origin).json({ method: 'POST', path: 'a' }));
    expect(error).toBeInstanceOf(ApiError);
    expect((error).message).toContain('only 307 and 308 are followed');
    expect(api.seen).toHaveLength(1);
  });

  test('a loop of redirects ends in an ApiError', async () => {
    const api = await serve(redirect(307, '/again'));
    const error = await caught(transportFor(api.origin).json({ method: 'GET', path: 'start' }));
    expect(error).toBeInstanceOf(ApiError);
    expect((error).message).toContain('redirected more than 5 times');
    expect(api.seen).toHaveLength(6);
  });
});
