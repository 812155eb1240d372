/**
 * Resilience over real sockets (Node's own fetch, no msw at fetch level): the testkit's fault
 * server answers with this package's fake and injects faults on the wire, where a mock at fetch
 * cannot: 429s, 5xx runs, resets, clean closes and stalls part-way through a body, hangups, HTML
 * on a 200. Every case ends with every row or record exactly once, or a typed `SdkError`;
 * never a hang, never a short success.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { faultWhen, startFaultServer, type Fault, type FaultPlan, type FaultServer } from '@x/testkit';
import type { SdkError} from '../src/index.js';
import { ApiError, ConnectionError, DexCareReportingClient, ExportFormatError, RateLimitError, TimeoutError } from '../src/index.js';
import { dexCareHandlers, type DexCareMock } from '../src/testing.js';
import { caught, collect, FAST_WAIT, SECRET_KEY } from './helpers/index.js';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A report that succeeds, served over loopback, with `fault` applied to its data download. */
async function reportOverSocket(fault: Fault | undefined, clientOptions: { timeoutMs?: number } = {}) {
  let mock: DexCareMock | undefined;
  server = await startFaultServer(
    (baseUrl) => {
      mock = dexCareHandlers({ baseUrl, serviceKey: SECRET_KEY, avr: { visits: { rows: 400 } } });
      return mock.handlers;
    },
    (request) => (new URL(request.url).pathname.endsWith('/data') ? fault : undefined),
  );
  const dex = new DexCareReportingClient({ baseUrl: server.baseUrl, serviceKey: SECRET_KEY, maxRetries: 0, ...clientOptions });
  const { id } = await dex.startAvrReport({ type: 'virtual' });
  await dex.waitForAvrReport(id, FAST_WAIT);
  return { dex, id, mock: mock! };
}

/** Rows read until the loop failed, and how. */
async function readUntilFailure(rows: AsyncIterable<Record<string, string>>) {
  const read: Record<string, string>[] = [];
  const error = await caught(
    (async () => {
      for await (const row of rows) read.push(row);
    })(),
  );
  return { read, error };
}

describe('getAvrResultRows over a real socket', () => {
  test('delivers every row', async () => {
    const { dex, id, mock } = await reportOverSocket(undefined);
    expect(await collect(dex.getAvrResultRows(id))).toEqual(mock.visits);
  });

  test.each(['reset', 'truncate'] as const)('a %s part-way is a ConnectionError after a prefix of the rows', async (kind) => {
    const { dex, id, mock } = await reportOverSocket({ kind, afterBytes: 20_000 });
    const { read, error } = await readUntilFailure(dex.getAvrResultRows(id));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(read.length).toBeGreaterThan(0);
    expect(read.length).toBeLessThan(mock.visits.length);
    expect(read).toEqual(mock.visits.slice(0, read.length));
  });

  test('a stall is a TimeoutError', async () => {
    const { dex, id } = await reportOverSocket({ kind: 'stall', afterBytes: 5_000 }, { timeoutMs: 300 });
    const { error } = await readUntilFailure(dex.getAvrResultRows(id));
    expect(error).toBeInstanceOf(TimeoutError);
  });

  test('getAvrResultCsv never returns a truncated text', async () => {
    const { dex, id } = await reportOverSocket({ kind: 'truncate', afterBytes: 20_000 });
    expect(await caught(dex.getAvrResultCsv(id))).toBeInstanceOf(ConnectionError);
  });
});

const TRANSIENT: [string, Fault][] = [
  ['a 429 with Retry-After', { kind: 'status', status: 429, headers: { 'retry-after': '0' } }],
  ['a 503', { kind: 'status', status: 503, body: '{"error":"Unknown error"}' }],
  // 10 bytes: less than the smallest body cut here (a status answer is about 19 bytes), so every
  // cut really leaves part of the body unsent; the test below checks that it did.
  ['a reset part-way through the body', { kind: 'reset', afterBytes: 10 }],
  ['a clean close part-way through the body', { kind: 'truncate', afterBytes: 10 }],
  ['a stall part-way through the body', { kind: 'stall', afterBytes: 10 }],
  ['a hangup', { kind: 'hangup' }],
];

/** The fake over a real socket with `plan`, and a client with fast backoff and a short timeout. */
async function overSocket(plan: FaultPlan | undefined, options: { records?: number; maxRetries?: number } = {}) {
  let mock: DexCareMock | undefined;
  server = await startFaultServer((baseUrl) => {
    mock = dexCareHandlers({ baseUrl, serviceKey: SECRET_KEY, avr: { visits: { rows: 300 } }, apr: { records: options.records ?? 230 } });
    return mock.handlers;
  }, plan);
  const dex = new DexCareReportingClient({
    baseUrl: server.baseUrl,
    serviceKey: SECRET_KEY,
    timeoutMs: 300,
    maxRetries: options.maxRetries ?? 2,
    backoff: { initialDelayMs: 1, maxDelayMs: 5 },
  });
  return { dex, mock: mock!, server };
}

const isStatusCheck = (request: Request) => request.method === 'GET' && /allvisitsreport\/[^/]+$/.test(new URL(request.url).pathname);
const isData = (request: Request) => new URL(request.url).pathname.endsWith('/data');

describe('the faults are real', () => {
  test('a cut leaves part of every body it is used on unsent', async () => {
    const { dex, server } = await overSocket(undefined);
    const { id } = await dex.startAvrReport({ type: 'virtual' });
    const status = await fetch(`${server.baseUrl}/api/8/reporting/allvisitsreport/${id}`, { headers: { authorization: `dc-token ${SECRET_KEY}` } });
    expect((await status.arrayBuffer()).byteLength).toBeGreaterThan(10);
  });
});

describe('waiting through faults', () => {
  test.each(TRANSIENT)('%s on status checks, more times than the transport retries: the wait still succeeds', async (_, fault) => {
    const { dex } = await overSocket(faultWhen(isStatusCheck, fault, 4));
    const { id } = await dex.startAvrReport({ type: 'virtual' });
    const final = await dex.waitForAvrReport(id, { ...FAST_WAIT, timeoutMs: 20_000 });
    expect(final.status).toBe('SUCCEEDED');
  });

  test('an HTML page on a 200 is an ApiError that ends the wait at once', async () => {
    const { dex } = await overSocket(faultWhen(isStatusCheck, { kind: 'html' }, Number.POSITIVE_INFINITY));
    const { id } = await dex.startAvrReport({ type: 'virtual' });
    const error = await caught(dex.waitForAvrReport(id, { ...FAST_WAIT, timeoutMs: 20_000 }));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(200);
  });
});

describe('downloads through faults', () => {
  test.each(TRANSIENT.filter(([, fault]) => fault.kind === 'status' || fault.kind === 'hangup'))(
    '%s before the first byte is retried: every row once',
    async (_, fault) => {
      const { dex, mock } = await overSocket(faultWhen(isData, fault, 2));
      const { id } = await dex.startAvrReport({ type: 'virtual' });
      await dex.waitForAvrReport(id, FAST_WAIT);
      expect(await collect(dex.getAvrResultRows(id))).toEqual(mock.visits);
    },
  );

  test('an HTML page on a 200 is an ExportFormatError, not rows of markup', async () => {
    const { dex } = await overSocket(faultWhen(isData, { kind: 'html' }));
    const { id } = await dex.startAvrReport({ type: 'virtual' });
    await dex.waitForAvrReport(id, FAST_WAIT);
    expect(await caught(collect(dex.getAvrResultRows(id)))).toBeInstanceOf(ExportFormatError);
  });
});

describe('All Providers Report pages through faults', () => {
  test.each(TRANSIENT)('%s on two pages: every record exactly once, in order', async (_, fault) => {
    let seen = 0;
    // Spoil the answers to the 2nd and 4th searches (whichever pages they are): retried by page.
    const plan: FaultPlan = (request) => {
      if (!new URL(request.url).pathname.endsWith('/providerhistories')) return undefined;
      seen += 1;
      return seen === 2 || seen === 4 ? fault : undefined;
    };
    const { dex, mock } = await overSocket(plan);
    const records = await dex.providerHistories({ startDate: '2023-01-01T00:00:00Z', endDate: '2030-01-01T00:00:00Z', pageSize: 25 }).toArray();
    expect(records.map((record) => record.id)).toEqual(mock.providerHistories.map((record) => record.id));
  });

  test.each([
    ['a 503 run', { kind: 'status', status: 503 }, ApiError],
    ['a 429 run', { kind: 'status', status: 429, headers: { 'retry-after': '0' } }, RateLimitError],
    ['resets', { kind: 'reset', afterBytes: 200 }, ConnectionError],
    ['stalls', { kind: 'stall', afterBytes: 200 }, TimeoutError],
    ['HTML on a 200', { kind: 'html' }, ApiError],
  ] as [string, Fault, typeof SdkError][])('%s on every search after the first: a typed error after the first page only', async (_, fault, errorClass) => {
    let seen = 0;
    const plan: FaultPlan = (request) => {
      if (!new URL(request.url).pathname.endsWith('/providerhistories')) return undefined;
      seen += 1;
      return seen > 1 ? fault : undefined;
    };
    const { dex, mock } = await overSocket(plan);
    const delivered: unknown[] = [];
    const error = await caught(
      (async () => {
        for await (const record of dex.providerHistories({ startDate: '2023-01-01T00:00:00Z', endDate: '2030-01-01T00:00:00Z', pageSize: 25 })) {
          delivered.push((record as { id: string }).id);
        }
      })(),
    );
    expect(error).toBeInstanceOf(errorClass);
    expect(delivered).toEqual(mock.providerHistories.slice(0, 25).map((record) => record.id));
  });
});
