/**
 * What users of openai-node and stripe-node expect of a client: it names itself in the
 * User-Agent, takes extra default headers, lets one call tune its own timeout, retries and
 * headers, and tells the status and request id of every page.
 */
import { readFileSync } from 'node:fs';
import { delay, http, HttpResponse } from 'msw';
import { recordRequestHeaders } from '@x/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidParamsError, TimeoutError } from '../src/index.js';
import { caught, clientFor, SECRET_KEY, thrown, useFake, useMockServer } from './helpers/index.js';

const server = useMockServer();
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

afterEach(() => {
  server.events.removeAllListeners();
});

describe('identification', () => {
  it('sends User-Agent x-luscii-export/<package.json version> node/<runtime version>', async () => {
    const api = useFake(server);
    const seen = recordRequestHeaders(server);
    await clientFor(api).export('hcps').toArray();
    expect(seen[0]!.get('user-agent')).toBe(`x-luscii-export/${version} node/${process.versions.node}`);
  });

  it('sends the client’s extra headers with every page, and never lets them replace the key', async () => {
    const api = useFake(server, { rows: { hcps: 120 } });
    const seen = recordRequestHeaders(server);
    const luscii = clientFor(api, { headers: { 'x-proxy-token': 'proxy-1', authorization: 'Bearer not-the-key' } });
    await luscii.export('hcps').toArray();
    expect(seen).toHaveLength(3);
    for (const headers of seen) {
      expect(headers.get('x-proxy-token')).toBe('proxy-1');
      expect(headers.get('authorization')).toBe(`Bearer ${SECRET_KEY}`);
    }
  });

  it('refuses a header value that cannot be sent, without quoting it', () => {
    const api = useFake(server);
    const error = thrown(() => clientFor(api, { headers: { 'x-proxy-token': 'line\nbreak-secret' } }));
    expect(error).toBeInstanceOf(InvalidParamsError);
    expect((error as Error).message).not.toContain('break-secret');
  });
});

describe('per-call options', () => {
  it('headers apply to that export alone', async () => {
    const api = useFake(server);
    const seen = recordRequestHeaders(server);
    const luscii = clientFor(api);
    await luscii.export('hcps', { headers: { 'x-trace-id': 'trace-1' } }).toArray();
    await luscii.export('hcps').toArray();
    expect(seen.map((headers) => headers.get('x-trace-id'))).toEqual(['trace-1', null]);
  });

  it('maxRetries: 0 sends each page once', async () => {
    const api = useFake(server, { faults: [{ fault: 'serverError', status: 503 }] });
    const seen = recordRequestHeaders(server);
    await caught(clientFor(api, { maxRetries: 3 }).export('hcps', { maxRetries: 0 }).toArray());
    expect(seen).toHaveLength(1);
  });

  it('timeoutMs bounds that export’s requests', async () => {
    const api = useFake(server);
    server.use(http.post(`${api.baseUrl}/v1/export/hcps`, async () => {
      await delay(500);
      return HttpResponse.json({ data: [], meta: { nextCursor: null } });
    }));
    const error = await caught(clientFor(api).export('hcps', { timeoutMs: 20, maxRetries: 0 }).toArray());
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 20 });
  });

  it.each([
    ['timeoutMs', { timeoutMs: -1 }],
    ['timeoutMs', { timeoutMs: 30 * 24 * 60 * 60 * 1_000 }],
    ['maxRetries', { maxRetries: 1.5 }],
    ['headers', { headers: 'x' }],
  ])('a malformed %s is an InvalidParamsError when export() is called', (param, options) => {
    const api = useFake(server);
    const error = thrown(() => clientFor(api).export('hcps', options as never));
    expect(error).toBeInstanceOf(InvalidParamsError);
    expect(error).toMatchObject({ param });
  });
});

describe('response metadata', () => {
  it('every page carries the status and the vendor’s request id, out of the way of its data', async () => {
    const api = useFake(server, { rows: { hcps: 60 } });
    let n = 0;
    server.use(
      http.post(`${api.baseUrl}/v1/export/hcps`, async ({ request }) => {
        const [handler] = api.handlers;
        const result = await handler!.run({ request, requestId: crypto.randomUUID() });
        const response = result!.response!;
        return new HttpResponse(response.body, { status: response.status, headers: { 'content-type': 'application/json', 'x-request-id': `req_${++n}` } });
      }),
    );
    const pages = [];
    for await (const page of clientFor(api).export('hcps').pages()) pages.push(page);
    expect(pages.map((page) => page.response)).toEqual([
      { status: 200, requestId: 'req_1' },
      { status: 200, requestId: 'req_2' },
    ]);
    expect(Object.keys(pages[0]!)).toEqual(['data', 'nextCursor', 'prevCursor', 'perPage']);
  });
});
