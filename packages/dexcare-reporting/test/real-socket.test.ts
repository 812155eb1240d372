/**
 * The download over a real socket (Node's own fetch, no msw at fetch level): the testkit's
 * fault server answers with this package's fake and cuts, resets or stalls the body on the wire,
 * where a mock at fetch cannot.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { startFaultServer, type Fault, type FaultServer } from '@x/testkit';
import { ConnectionError, DexCareReportingClient, TimeoutError } from '../src/index.js';
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
