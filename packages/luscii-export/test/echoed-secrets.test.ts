/**
 * Servers and proxies that echo the request's headers into their answer (framework debug pages,
 * misconfigured gateways): the key must not come back to the user in any view of the error.
 */
import { http, HttpResponse } from 'msw';
import { everyView } from '@x/testkit';
import { describe, expect, it } from 'vitest';
import { ApiError, SdkError } from '../src/index.js';
import { caught, clientFor, SECRET_KEY, useFake, useMockServer } from './helpers/index.js';

const server = useMockServer();
const HEADER_VALUE = `Bearer ${SECRET_KEY}`;
const PROXY_TOKEN = 'ptok_per_call_secret_987654321';

type Echo = [string, (echoed: string) => Response];

const ECHOES: Echo[] = [
  ['a 500 text body', (echoed) => new HttpResponse(`Unknown error for ${echoed}`, { status: 500, headers: { 'content-type': 'text/plain' } })],
  ['a 401 JSON body', (echoed) => HttpResponse.json({ message: `Invalid credentials: ${echoed}`, request: { headers: { authorization: echoed } } }, { status: 401 })],
  ['a 422 JSON errors[] list', (echoed) =>
    HttpResponse.json({ errors: [{ code: 'invalid', message: `bad header ${echoed}`, attribute: echoed }] }, { status: 422 })],
  ['a 200 whose errors[] echo it', (echoed) =>
    HttpResponse.json({ data: [], meta: { perPage: 50, nextCursor: null, prevCursor: null }, errors: [{ code: 'x', message: `for ${echoed}` }] })],
  ['a 200 with errors[] from a proxy that echoes request headers', (echoed) =>
    HttpResponse.json(
      { data: [], meta: { perPage: 50, nextCursor: null, prevCursor: null }, errors: [{ code: 'export_incomplete', message: 'The export could not be completed.' }] },
      { headers: { 'x-echo-authorization': echoed } },
    )],
  ['a 200 debug page that is not JSON', (echoed) => new HttpResponse(`${echoed} was rejected by the gateway`, { status: 200, headers: { 'content-type': 'text/plain' } })],
  ['a response header and status text', (echoed) =>
    new HttpResponse('', { status: 400, statusText: `Bad ${echoed}`, headers: { 'x-debug-authorization': echoed, 'x-request-id': 'req_1' } })],
];

describe.each([
  ['the key alone', SECRET_KEY],
  ['the whole Authorization value', HEADER_VALUE],
])('a server that echoes %s', (_what, echoed) => {
  it.each(ECHOES)('in %s: the key is in no view of the error', async (_where, reply) => {
    const api = useFake(server);
    server.use(http.post(`${api.baseUrl}/v1/export/hcps`, () => reply(echoed)));
    const error = await caught(clientFor(api, { maxRetries: 0 }).export('hcps').toArray());
    expect(error).toBeInstanceOf(SdkError);
    const printed = everyView(error);
    expect(printed).not.toContain(SECRET_KEY);
    // Nor a start of it, which an engine's message quoting a few characters would leave.
    expect(printed).not.toContain(SECRET_KEY.slice(0, 10));
  });
});

it.each<Echo>([
  ['a 200 with errors[]', (echoed) =>
    HttpResponse.json({ data: [], meta: { nextCursor: null }, errors: [{ code: 'export_incomplete' }] }, { headers: { 'x-echo-proxy-token': echoed } })],
  ['a 200 page that is not JSON', (echoed) => HttpResponse.html('<html>Please sign in</html>', { headers: { 'x-echo-proxy-token': echoed } })],
])('a proxy that echoes a per-call token in a header of %s: the token is in no view of the error', async (_where, reply) => {
  const api = useFake(server);
  server.use(http.post(`${api.baseUrl}/v1/export/hcps`, ({ request }) => reply(request.headers.get('x-proxy-token') ?? '')));
  const error = await caught(clientFor(api, { maxRetries: 0 }).export('hcps', { headers: { 'x-proxy-token': PROXY_TOKEN } }).toArray());
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).headers['x-echo-proxy-token']).toBe('[redacted]');
  expect(everyView(error)).not.toContain(PROXY_TOKEN);
});

it('what is not a secret stays readable: status, vendor message, request id', async () => {
  const api = useFake(server);
  server.use(http.post(`${api.baseUrl}/v1/export/hcps`, () => HttpResponse.json({ message: `Unknown key ${SECRET_KEY}` }, { status: 401, headers: { 'x-request-id': 'req_7' } })));
  const error = (await caught(clientFor(api).export('hcps').toArray())) as ApiError;
  expect(error.message).toBe('401 Unknown key [redacted] (POST /v1/export/hcps)');
  expect(error.requestId).toBe('req_7');
});
