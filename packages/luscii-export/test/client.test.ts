import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ApiError, InvalidParamsError, LUSCII_BASE_URL, LusciiClient, type LusciiClientOptions } from '../src/index.js';
import { caught, clientFor, SECRET_KEY, thrown, useFake, useMockServer } from './helpers/index.js';

const server = useMockServer();

function refused(options: unknown, param: string): InvalidParamsError {
  const error = thrown(() => new LusciiClient(options as LusciiClientOptions));
  expect(error).toBeInstanceOf(InvalidParamsError);
  expect((error as InvalidParamsError).param).toBe(param);
  return error as InvalidParamsError;
}

describe('construction', () => {
  it.each([undefined, '', '   ', 42])('refuses a missing or empty apiKey (%j)', (apiKey) => {
    expect(refused({ apiKey }, 'apiKey').message).toBe('apiKey must be a non-empty string');
  });

  it('refuses options that are not an object', () => {
    refused(undefined, 'options');
  });

  it('refuses a key that cannot go in a header, without quoting it', () => {
    const error = refused({ apiKey: `${SECRET_KEY}\n` }, 'apiKey');
    expect(error.message).not.toContain(SECRET_KEY);
    refused({ apiKey: 'lsc key with spaces' }, 'apiKey');
  });

  it.each(['not a url', 'ftp://api.luscii.com', 'https://user:pw@api.luscii.com', 'https://api.luscii.com/?key=1'])('refuses baseUrl %s', (baseUrl) => {
    const error = refused({ apiKey: SECRET_KEY, baseUrl }, 'baseUrl');
    expect(error.message).not.toContain('pw');
  });

  it.each([
    [{ timeoutMs: 0 }, 'timeoutMs'],
    [{ timeoutMs: Number.POSITIVE_INFINITY }, 'timeoutMs'],
    [{ maxRetries: -1 }, 'maxRetries'],
    [{ maxRetries: 1.5 }, 'maxRetries'],
    [{ maxJsonBytes: 0 }, 'maxJsonBytes'],
    [{ fetch: 'fetch' }, 'fetch'],
  ])('refuses %j', (options, param) => {
    refused({ apiKey: SECRET_KEY, ...options }, param);
  });

  it.each([
    [{ timeoutMs: 30 * 24 * 60 * 60 * 1_000 }, 'timeoutMs'],
    [{ deadlineMs: 30 * 24 * 60 * 60 * 1_000 }, 'deadlineMs'],
    [{ backoff: { maxRetryAfterMs: 30 * 24 * 60 * 60 * 1_000 } }, 'backoff.maxRetryAfterMs'],
  ])('refuses a duration of 30 days (above 2^31 − 1 ms, which a timer fires at once): %j', (options, param) => {
    expect(refused({ apiKey: SECRET_KEY, ...options }, param).message).toMatch(/must be a number of milliseconds .* at most 2147483647 \(about 24\.8 days\)$/);
  });

  it('defaults to the Luscii API and drops a trailing slash', () => {
    expect(new LusciiClient({ apiKey: SECRET_KEY }).baseUrl).toBe(LUSCII_BASE_URL);
    expect(new LusciiClient({ apiKey: SECRET_KEY, baseUrl: 'https://luscii.test/api/' }).baseUrl).toBe('https://luscii.test/api');
  });
});

describe('requests', () => {
  it('authenticate with Authorization: Bearer <apiKey>, at the default base URL', async () => {
    const api = useFake(server);
    const seen: (string | null)[] = [];
    server.events.on('request:start', ({ request }) => void seen.push(request.headers.get('authorization')));
    await new LusciiClient({ apiKey: SECRET_KEY }).export('hcps').toArray();
    server.events.removeAllListeners();
    expect(seen).toEqual([`Bearer ${SECRET_KEY}`]);
    expect(api.requests[0]?.status).toBe(200);
  });

  it('ask for JSON', async () => {
    const api = useFake(server);
    const accept: (string | null)[] = [];
    server.events.on('request:start', ({ request }) => void accept.push(request.headers.get('accept')));
    await clientFor(api).export('hcps').toArray();
    server.events.removeAllListeners();
    expect(accept).toEqual(['application/json']);
  });

  it('go to a base URL with a path', async () => {
    const api = useFake(server, { baseUrl: 'https://proxy.clinic.test/luscii' });
    const rows = await clientFor(api).export('hcps').toArray();
    expect(rows).toHaveLength(8);
  });

  it('go through the fetch given', async () => {
    const api = useFake(server);
    const urls: string[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return globalThis.fetch(input, init);
    };
    await clientFor(api, { fetch }).export('hcps').toArray();
    expect(urls).toEqual([`${LUSCII_BASE_URL}/v1/export/hcps`]);
  });

  it('hold each page to maxJsonBytes: a larger one is an ApiError, and is not retried', async () => {
    const api = useFake(server);
    const error = await caught(clientFor(api, { maxJsonBytes: 64 }).export('hcps').toArray());
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(/^200 the body is larger than maxJsonBytes \(64 bytes\)/);
    expect(api.requests).toHaveLength(1);
  });

  it('time out after timeoutMs with a TimeoutError', async () => {
    const api = useFake(server);
    server.use(http.post(`${api.baseUrl}/v1/export/hcps`, () => new Promise<Response>(() => undefined)));
    const error = await caught(clientFor(api, { timeoutMs: 20, maxRetries: 0 }).export('hcps').toArray());
    expect((error).name).toBe('TimeoutError');
  });
});

describe('the key', () => {
  it('never shows in util.inspect or JSON.stringify of the client', () => {
    const client = new LusciiClient({ apiKey: SECRET_KEY, baseUrl: 'https://api.luscii.com' });
    const shown = [inspect(client, { depth: 10, showHidden: true }), JSON.stringify(client), String(client), inspect(Object.entries(client))];
    for (const text of shown) expect(text).not.toContain(SECRET_KEY);
    expect(JSON.parse(JSON.stringify(client))).toEqual({ baseUrl: 'https://api.luscii.com' });
  });

  it('never shows in the errors of a failed export', async () => {
    const api = useFake(server);
    server.use(http.post(`${api.baseUrl}/v1/export/hcps`, ({ request }) => HttpResponse.json({ echo: request.headers.get('authorization') }, { status: 500 })));
    const error = await caught(clientFor(api, { maxRetries: 0 }).export('hcps').toArray());
    // Even a server that echoes the header back does not put it in the message.
    expect((error).message).not.toContain(SECRET_KEY);
    expect(inspect((error as unknown as { headers: unknown }).headers)).not.toContain(SECRET_KEY);
  });
});
