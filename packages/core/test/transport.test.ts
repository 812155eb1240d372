import { inspect } from 'node:util';
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import {
  ApiError,
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  RateLimitError,
  SdkError,
  TimeoutError,
} from '@x/core';
import { BASE_URL, SECRET, caught, collect, recordTimerDelays, testTransport, useMockServer } from './helpers/index.js';

const server = useMockServer();
const URL_THINGS = `${BASE_URL}/v1/things`;

/** Answers with each response in turn (the last one repeats), counting requests. */
function sequence(...responses: (() => Response | Promise<Response>)[]) {
  const seen: Request[] = [];
  const handler = async ({ request }: { request: Request }) => {
    seen.push(request.clone());
    const next = responses[Math.min(seen.length - 1, responses.length - 1)]!;
    return next();
  };
  return { seen, handler };
}

describe('requests', () => {
  test('sends the auth header, query and JSON body to the base URL', async () => {
    const { seen, handler } = sequence(() => HttpResponse.json({ ok: true }));
    server.use(http.post(URL_THINGS, handler));
    const { body } = await testTransport().json({ method: 'POST', path: '/v1/things', query: { a: '1', b: undefined }, json: { x: 1 } });
    expect(body).toEqual({ ok: true });
    const request = seen[0]!;
    expect(request.headers.get('authorization')).toBe(`Bearer ${SECRET}`);
    expect(new URL(request.url).search).toBe('?a=1');
    expect(await request.json()).toEqual({ x: 1 });
  });

  test('keeps a path below the base URL', async () => {
    server.use(http.get(`${BASE_URL}/api/8/status`, () => HttpResponse.json({ status: 'OK' })));
    const transport = testTransport({ baseUrl: `${BASE_URL}/api/` });
    expect((await transport.json({ method: 'GET', path: '8/status' })).body).toEqual({ status: 'OK' });
  });

  test('returns text exactly as sent', async () => {
    const csv = '\uFEFFa,b\r\n"x, y",2\r\n';
    server.use(http.get(URL_THINGS, () => new HttpResponse(csv, { headers: { 'content-type': 'text/csv' } })));
    expect((await testTransport().text({ method: 'GET', path: 'v1/things' })).body).toBe(csv);
  });
});

test('a runtime without AbortSignal.any (Node.js before 20.3) is told so when the client is made', () => {
  const any = Object.getOwnPropertyDescriptor(AbortSignal, 'any')!;
  Object.defineProperty(AbortSignal, 'any', { value: undefined, configurable: true });
  try {
    expect(() => testTransport()).toThrow(/Node\.js 20\.3 or later/);
  } finally {
    Object.defineProperty(AbortSignal, 'any', any);
  }
});

describe('retries', () => {
  test.each([408, 429, 500, 502, 503, 504])('retries %i and then succeeds', async (status) => {
    const { seen, handler } = sequence(
      () => HttpResponse.json({ error: 'busy' }, { status }),
      () => HttpResponse.json({ ok: true }),
    );
    server.use(http.post(URL_THINGS, handler));
    expect((await testTransport().json({ method: 'POST', path: 'v1/things' })).body).toEqual({ ok: true });
    expect(seen).toHaveLength(2);
  });

  test('gives up after maxRetries with the mapped error', async () => {
    const { seen, handler } = sequence(() => HttpResponse.json({ error: 'Unknown error' }, { status: 500 }));
    server.use(http.get(URL_THINGS, handler));
    const error = await caught(testTransport({ maxRetries: 3 }).json({ method: 'GET', path: 'v1/things' }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 500, body: { error: 'Unknown error' }, method: 'GET' });
    expect(seen).toHaveLength(4);
  });

  test.each([400, 401, 403, 404, 422])('does not retry %i', async (status) => {
    const { seen, handler } = sequence(() => HttpResponse.json({ message: 'no' }, { status }));
    server.use(http.get(URL_THINGS, handler));
    await caught(testTransport().json({ method: 'GET', path: 'v1/things' }));
    expect(seen).toHaveLength(1);
  });

  test('a per-request maxRetries of 0 sends once', async () => {
    const { seen, handler } = sequence(() => HttpResponse.json({ error: 'x' }, { status: 503 }));
    server.use(http.post(URL_THINGS, handler));
    await caught(testTransport().json({ method: 'POST', path: 'v1/things', maxRetries: 0 }));
    expect(seen).toHaveLength(1);
  });

  test('retries a dropped connection, then reports a ConnectionError', async () => {
    const { seen, handler } = sequence(() => HttpResponse.error());
    server.use(http.get(URL_THINGS, handler));
    const error = await caught(testTransport().json({ method: 'GET', path: 'v1/things' }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(seen).toHaveLength(3);
  });

  test('waits as long as Retry-After says (seconds)', async () => {
    const { seen, handler } = sequence(
      () => HttpResponse.json({}, { status: 429, headers: { 'retry-after': '1' } }),
      () => HttpResponse.json({ ok: true }),
    );
    server.use(http.get(URL_THINGS, handler));
    const timers = recordTimerDelays();
    await testTransport().json({ method: 'GET', path: 'v1/things' });
    timers.restore();
    // The wait asked for, not the wall clock: the header's second (backoff here is 1-5 ms).
    expect(timers.delays).toContain(1_000);
    expect(seen).toHaveLength(2);
  });

  test('understands Retry-After as an HTTP date', async () => {
    const { seen, handler } = sequence(
      () => HttpResponse.json({}, { status: 503, headers: { 'retry-after': new Date(Date.now() + 1500).toUTCString() } }),
      () => HttpResponse.json({ ok: true }),
    );
    server.use(http.get(URL_THINGS, handler));
    const timers = recordTimerDelays();
    await testTransport().json({ method: 'GET', path: 'v1/things' });
    timers.restore();
    // HTTP dates have whole seconds: the wait asked for is between 0.5 s and 1.5 s.
    expect(timers.delays.some((ms) => ms >= 400 && ms <= 1_500)).toBe(true);
    expect(seen).toHaveLength(2);
  });

  test('a Retry-After beyond the cap is the caller’s decision: RateLimitError at once', async () => {
    const { seen, handler } = sequence(() => HttpResponse.json({ error: 'slow down' }, { status: 429, headers: { 'retry-after': '3600' } }));
    server.use(http.get(URL_THINGS, handler));
    const error = await caught(testTransport().json({ method: 'GET', path: 'v1/things' }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);
    expect(seen).toHaveLength(1);
  });

  test.each([
    ['ratelimit-reset', '3600'],
    ['x-ratelimit-reset', String(Math.floor(Date.now() / 1000) + 3600)],
  ])('a wait in %s is read like Retry-After: beyond the cap, RateLimitError at once', async (header, value) => {
    const { seen, handler } = sequence(() => HttpResponse.json({ error: 'slow down' }, { status: 429, headers: { [header]: value } }));
    server.use(http.get(URL_THINGS, handler));
    const error = await caught(testTransport().json({ method: 'GET', path: 'v1/things' }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(3_590_000);
    expect((error as RateLimitError).retryAfterMs).toBeLessThanOrEqual(3_600_000);
    expect(seen).toHaveLength(1);
  });

  test('a body cut off before use is retried like any dropped connection', async () => {
    const broken = () =>
      new HttpResponse(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"data":[1,2'));
            controller.error(new TypeError('terminated'));
          },
        }),
        { headers: { 'content-type': 'application/json' } },
      );
    const { seen, handler } = sequence(broken, () => HttpResponse.json({ data: [1, 2, 3] }));
    server.use(http.get(URL_THINGS, handler));
    expect((await testTransport().json({ method: 'GET', path: 'v1/things' })).body).toEqual({ data: [1, 2, 3] });
    expect(seen).toHaveLength(2);
  });
});

describe('timeouts and abort', () => {
  test('no response within timeoutMs is retried, then a TimeoutError', async () => {
    const { seen, handler } = sequence(async () => {
      await delay(1_000);
      return HttpResponse.json({ ok: true });
    });
    server.use(http.get(URL_THINGS, handler));
    const error = await caught(testTransport({ timeoutMs: 50, maxRetries: 1 }).json({ method: 'GET', path: 'v1/things' }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as TimeoutError).timeoutMs).toBe(50);
    expect(seen).toHaveLength(2);
  });

  test('a JSON body that stalls ends in a TimeoutError', async () => {
    const stalled = () =>
      new HttpResponse(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"data":'));
          },
        }),
      );
    server.use(http.get(URL_THINGS, stalled));
    const error = await caught(testTransport({ timeoutMs: 50, maxRetries: 0 }).json({ method: 'GET', path: 'v1/things' }));
    expect(error).toBeInstanceOf(TimeoutError);
  });

  test('aborting rejects with the signal’s reason and sends nothing more', async () => {
    const { seen, handler } = sequence(async () => {
      await delay(200);
      return HttpResponse.json({}, { status: 503 });
    });
    server.use(http.get(URL_THINGS, handler));
    const controller = new AbortController();
    const reason = new Error('user stopped');
    setTimeout(() => controller.abort(reason), 20);
    const error = await caught(testTransport().json({ method: 'GET', path: 'v1/things', signal: controller.signal }));
    expect(error).toBe(reason);
    await delay(300);
    expect(seen).toHaveLength(1);
  });

  test('an already aborted signal sends nothing', async () => {
    const { seen, handler } = sequence(() => HttpResponse.json({}));
    server.use(http.get(URL_THINGS, handler));
    const error = await caught(testTransport().json({ method: 'GET', path: 'v1/things', signal: AbortSignal.abort() }));
    expect((error).name).toBe('AbortError');
    expect(seen).toHaveLength(0);
  });
});

describe('error mapping', () => {
  test.each([
    [401, AuthenticationError],
    [403, AuthenticationError],
    [404, NotFoundError],
    [429, RateLimitError],
    [400, ApiError],
    [500, ApiError],
  ] as const)('%i becomes %o', async (status, klass) => {
    server.use(http.get(URL_THINGS, () => HttpResponse.json({ error: 'nope' }, { status })));
    const error = await caught(testTransport({ maxRetries: 0 }).json({ method: 'GET', path: 'v1/things' }));
    expect(error).toBeInstanceOf(klass);
    expect(error).toBeInstanceOf(SdkError);
    expect((error as ApiError).status).toBe(status);
  });

  test.each([
    [{ error: "'type' is required" }, "'type' is required"],
    [{ message: 'Authorization failed: bad service token' }, 'Authorization failed: bad service token'],
    [{ msg: 'getAvrQueryStatus bad request' }, 'getAvrQueryStatus bad request'],
    [{ errors: [{ code: 'invalid', message: 'startDate is required', attribute: 'startDate' }] }, 'startDate is required (startDate)'],
  ])('the message comes from the vendor body %j', async (body, text) => {
    server.use(http.post(URL_THINGS, () => HttpResponse.json(body, { status: 400 })));
    const error = (await caught(testTransport().json({ method: 'POST', path: 'v1/things' }))) as ApiError;
    expect(error.message).toBe(`400 ${text} (POST /v1/things)`);
    expect(error.body).toEqual(body);
  });

  test('keeps vendor error details, the request id and rate-limit headers', async () => {
    server.use(
      http.get(URL_THINGS, () =>
        HttpResponse.json(
          { errors: [{ code: 'rate', message: 'Too many', attribute: 'cursor' }] },
          { status: 429, headers: { 'x-request-id': 'req-1', 'x-ratelimit-remaining': '0', 'set-cookie': 'session=secret' } },
        ),
      ),
    );
    const error = (await caught(testTransport({ maxRetries: 0 }).json({ method: 'GET', path: 'v1/things' }))) as RateLimitError;
    expect(error.code).toBe('rate');
    expect(error.errors).toEqual([{ code: 'rate', message: 'Too many', attribute: 'cursor' }]);
    expect(error.requestId).toBe('req-1');
    expect(error.headers['x-ratelimit-remaining']).toBe('0');
    expect(error.headers['set-cookie']).toBeUndefined();
  });

  test('an HTML page on a 200 is an ApiError, not a SyntaxError', async () => {
    server.use(http.get(URL_THINGS, () => HttpResponse.html('<html>maintenance</html>')));
    const error = await caught(testTransport().json({ method: 'GET', path: 'v1/things' }));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(200);
    expect((error as ApiError).message).toContain('expected a JSON body, received text/html');
    expect((error as ApiError).message).not.toContain('maintenance');
    expect((error as ApiError).message).toContain('(GET /v1/things)');
    expect((error as ApiError).url).toBe(URL_THINGS);
  });

  test('a proxy that echoes a per-call token in a header of a 200 page that is not JSON: the token is redacted there too', async () => {
    const token = 'ptok_per_call_secret_987654321';
    server.use(
      http.get(URL_THINGS, ({ request }) =>
        HttpResponse.html('<html>Please sign in</html>', { headers: { 'x-echo-proxy-token': request.headers.get('x-proxy-token') ?? '' } }),
      ),
    );
    const error = await caught(testTransport().json({ method: 'GET', path: 'v1/things', headers: { 'x-proxy-token': token } }));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).headers['x-echo-proxy-token']).toBe('[redacted]');
    expect(`${inspect(error, { depth: 10, showHidden: true })} ${JSON.stringify(error)}`).not.toContain(token);
  });

  test('the key never reaches an error, its cause, inspect or JSON', async () => {
    server.use(http.get(URL_THINGS, () => HttpResponse.json({ error: 'bad key' }, { status: 401 })));
    const transport = testTransport({ maxRetries: 0 });
    const error = await caught(transport.json({ method: 'GET', path: 'v1/things', query: { api_key: SECRET } }));
    for (const text of [
      inspect(error, { depth: 10, showHidden: true }),
      JSON.stringify(error),
      String(error),
      inspect(transport, { depth: 10, showHidden: true }),
      JSON.stringify(transport),
    ]) {
      expect(text).not.toContain(SECRET);
    }
    expect((error as ApiError).url).toBe(`${URL_THINGS}?api_key=%5Bredacted%5D`);
  });

  test('a network failure keeps no request headers in its chain', async () => {
    server.use(http.get(URL_THINGS, () => HttpResponse.error()));
    const error = await caught(testTransport({ maxRetries: 0 }).json({ method: 'GET', path: 'v1/things' }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(SECRET);
  });
});

describe('streamed bodies', () => {
  test('streams the body chunk by chunk', async () => {
    server.use(http.get(URL_THINGS, () => new HttpResponse('abc'.repeat(10_000))));
    const { body } = await testTransport().stream({ method: 'GET', path: 'v1/things' });
    const text = new TextDecoder().decode(Buffer.concat(await collect(body)));
    expect(text).toBe('abc'.repeat(10_000));
  });

  test('a body cut off after bytes flowed is a ConnectionError and is not restarted', async () => {
    const { seen, handler } = sequence(
      () =>
        new HttpResponse(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('a,b\n1,2\n'));
              setTimeout(() => controller.error(new TypeError('terminated')), 10);
            },
          }),
        ),
    );
    server.use(http.get(URL_THINGS, handler));
    const { body } = await testTransport().stream({ method: 'GET', path: 'v1/things' });
    const error = await caught(collect(body));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error).message).toMatch(/after 8 bytes/);
    expect(seen).toHaveLength(1);
  });

  test('a stalled stream is a TimeoutError', async () => {
    server.use(
      http.get(
        URL_THINGS,
        () =>
          new HttpResponse(
            new ReadableStream({
              start(controller) {
                controller.enqueue(new TextEncoder().encode('a,b\n'));
              },
            }),
          ),
      ),
    );
    const { body } = await testTransport({ timeoutMs: 50 }).stream({ method: 'GET', path: 'v1/things' });
    expect(await caught(collect(body))).toBeInstanceOf(TimeoutError);
  });

  test('errors before the first byte are retried for streams too', async () => {
    const { seen, handler } = sequence(
      () => HttpResponse.json({}, { status: 502 }),
      () => new HttpResponse('ok'),
    );
    server.use(http.get(URL_THINGS, handler));
    const { body } = await testTransport().stream({ method: 'GET', path: 'v1/things' });
    expect(new TextDecoder().decode((await collect(body))[0])).toBe('ok');
    expect(seen).toHaveLength(2);
  });
});

describe('bodies held to their declared length', () => {
  /** A fetch double that, like a proxy agent or polyfill might, does not check Content-Length itself. */
  function lyingFetch(body: string, declared: number): typeof fetch {
    return async () =>
      new Response(body, { headers: { 'content-length': String(declared), 'content-type': 'text/csv' } });
  }

  test('a streamed body that ends short of its Content-Length is a ConnectionError', async () => {
    const transport = testTransport({ fetch: lyingFetch('a,b\n1,2\n', 100) });
    const { body } = await transport.stream({ method: 'GET', path: 'v1/report' });
    const error = await caught(collect(body));
    expect(error).toBeInstanceOf(ConnectionError);
    // The double's Response has no url; the request path still names it.
    expect((error).message).toBe('GET /v1/report: the body ended after 8 of its 100 bytes');
  });

  test('a streamed body longer than its Content-Length is a ConnectionError too', async () => {
    const { body } = await testTransport({ fetch: lyingFetch('a,b\n1,2\n', 4) }).stream({ method: 'GET', path: 'r' });
    expect(await caught(collect(body))).toBeInstanceOf(ConnectionError);
  });

  test('a buffered body short of its length is retried, then a ConnectionError', async () => {
    let calls = 0;
    const fetchShort: typeof fetch = async (...args) => {
      calls += 1;
      return lyingFetch('{"ok":', 50)(...args);
    };
    const error = await caught(testTransport({ fetch: fetchShort }).json({ method: 'GET', path: 'r' }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(calls).toBe(3);
  });

  test('a compressed body is not held to its Content-Length', async () => {
    const fetchEncoded: typeof fetch = async () => new Response('abc', { headers: { 'content-length': '2', 'content-encoding': 'gzip' } });
    const { body } = await testTransport({ fetch: fetchEncoded }).stream({ method: 'GET', path: 'r' });
    expect(await collect(body)).toHaveLength(1);
  });
});

