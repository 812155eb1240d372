/**
 * Resilience over real sockets: the testkit's loopback server answers with this package's fake
 * Export API and injects faults on the wire (resets, clean closes and stalls part-way through a
 * page, hangups, 429s, 5xx runs, HTML on a 200). Every case ends in one of two outcomes: every
 * row exactly once, or a typed `SdkError` after a clean prefix of whole pages. Never a hang,
 * never a short success.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { faultWhen, startFaultServer, type Fault, type FaultPlan, type FaultServer } from '@x/testkit';
import type { SdkError } from '../src/index.js';
import { ApiError, ConnectionError, LusciiClient, RateLimitError, TimeoutError } from '../src/index.js';
import { lusciiHandlers, type LusciiFakeApi, type LusciiFault } from '../src/testing.js';
import { decodeCursor } from '../src/testing/cursor.js';
import { SECRET_KEY, rowsUntilFailure } from './helpers/index.js';

const ROWS = 300; // spread over the fake's period; May holds three pages or more
const MAY = { startDate: '2024-05-01', endDate: '2024-05-31' } as const;
const TIMEOUT_MS = 300;

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The page (1-based) a request asks for, from the fake's cursor; no cursor is page 1. */
function pageOf(request: Request, perPage: number): number {
  const cursor = new URL(request.url).searchParams.get('cursor');
  return cursor === null ? 1 : Math.floor((decodeCursor(cursor)?.id ?? 0) / perPage) + 1;
}

/** The fake over a real socket, with `fault` on the first `times` requests for `page`. */
async function serve(options: { page?: number; fault?: Fault; times?: number; fakeFaults?: LusciiFault[] } = {}) {
  let api: LusciiFakeApi | undefined;
  const plan: FaultPlan | undefined = options.fault
    ? faultWhen((request) => pageOf(request, 50) === (options.page ?? 3), options.fault, options.times ?? 1)
    : undefined;
  server = await startFaultServer((baseUrl) => {
    api = lusciiHandlers({ baseUrl, apiKey: SECRET_KEY, rows: { measurements: ROWS }, faults: options.fakeFaults });
    return api.handlers;
  }, plan);
  const client = new LusciiClient({
    apiKey: SECRET_KEY,
    baseUrl: server.baseUrl,
    timeoutMs: TIMEOUT_MS,
    backoff: { initialDelayMs: 1, maxDelayMs: 5 },
  });
  const expected = api!.rowsFor('measurements', MAY);
  return { client, expected, server };
}

const TRANSIENT: [string, Fault][] = [
  ['a 429 with Retry-After', { kind: 'status', status: 429, headers: { 'retry-after': '0' }, body: '{"errors":[]}' }],
  ['a 503', { kind: 'status', status: 503 }],
  ['a connection reset part-way through the page', { kind: 'reset', afterBytes: 2_000 }],
  ['a clean close part-way through the page', { kind: 'truncate', afterBytes: 2_000 }],
  ['a stall part-way through the page', { kind: 'stall', afterBytes: 2_000 }],
  ['a hangup before any response', { kind: 'hangup' }],
  ['a slow but complete answer', { kind: 'latency', ms: TIMEOUT_MS / 3 }],
];

describe('transient faults: every row exactly once', () => {
  test.each(TRANSIENT)('%s, twice on page 3', async (_, fault) => {
    const { client, expected, server } = await serve({ fault, times: 2 });
    expect(expected.length).toBeGreaterThan(100);
    const rows = await client.export('measurements', { ...MAY, raw: true }).toArray();
    expect(rows).toEqual(expected);
    // A slow but complete answer is used, not retried; every other fault costs a retry each time.
    expect(server.requests.filter((request) => request.fault !== undefined)).toHaveLength(fault.kind === 'latency' ? 1 : 2);
  });
});

describe('persistent faults: a typed error after whole pages, never a short success', () => {
  test.each([
    ['5xx run', { kind: 'status', status: 503 }, ApiError],
    ['429 run', { kind: 'status', status: 429, headers: { 'retry-after': '0' } }, RateLimitError],
    ['resets', { kind: 'reset', afterBytes: 2_000 }, ConnectionError],
    ['clean closes', { kind: 'truncate', afterBytes: 2_000 }, ConnectionError],
    ['stalls', { kind: 'stall', afterBytes: 2_000 }, TimeoutError],
    ['HTML on a 200', { kind: 'html' }, ApiError],
  ] as [string, Fault, typeof SdkError][])('%s on page 3', async (_, fault, errorClass) => {
    const { client, expected } = await serve({ fault, times: Number.POSITIVE_INFINITY });
    const { read: delivered, error } = await rowsUntilFailure(client.export('measurements', { ...MAY, raw: true }));
    expect(error).toBeInstanceOf(errorClass);
    // Pages 1 and 2, whole and in order, and nothing of page 3.
    expect(delivered).toEqual(expected.slice(0, 100));
  });

  test('a broken export resumes from the last finished page with every row exactly once', async () => {
    const { client, expected, server } = await serve({ fault: { kind: 'reset', afterBytes: 500 }, times: 3 });
    const delivered: unknown[] = [];
    let cursor: string | undefined;
    const failure = await rowsUntilFailure(
      (async function* () {
        for await (const page of client.export('measurements', { ...MAY, raw: true }).pages()) {
          delivered.push(...page.data);
          cursor = page.nextCursor ?? undefined;
          yield page;
        }
      })(),
    );
    expect(failure.error).toBeInstanceOf(ConnectionError);
    server.setFaults(undefined);
    delivered.push(...(await client.export('measurements', { ...MAY, cursor, raw: true }).toArray()));
    expect(delivered).toEqual(expected);
  });
});

describe('an HTML page on a 200', () => {
  test('once, on page 3: an ApiError with status 200 at once, not a SyntaxError, not a retry', async () => {
    const { client, expected, server } = await serve({ fault: { kind: 'html' }, times: 1 });
    const { read: delivered, error } = await rowsUntilFailure(client.export('measurements', { ...MAY, raw: true }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 200, message: expect.stringMatching(/expected a JSON body, received text\/html/) });
    expect(delivered).toEqual(expected.slice(0, 100));
    // A 200 will not change by asking again: the proxy page is reported, not retried.
    expect(server.requests.filter((request) => request.fault === 'html')).toHaveLength(1);
    expect(server.requests).toHaveLength(3);
  });

  test('on the first page: an ApiError before any row', async () => {
    const { client } = await serve({ page: 1, fault: { kind: 'html' }, times: 1 });
    const { read: delivered, error } = await rowsUntilFailure(client.export('measurements', { ...MAY, raw: true }));
    expect(error).toBeInstanceOf(ApiError);
    expect(delivered).toEqual([]);
  });
});

// Repeated cursors and endless empty pages: resilience-loops.test.ts.
