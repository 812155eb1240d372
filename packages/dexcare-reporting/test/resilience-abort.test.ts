/**
 * The caller's signal over a real socket ends a call at once, whatever it is waiting on: a
 * download that stalled mid-CSV, a `Retry-After` before a retried search, the delay between
 * status checks. Timeouts here are long on purpose, so an abort that did not reach the wait
 * would show as a test running into them. No abort leaves an unhandled rejection behind.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { faultWhen, type FaultServer } from '@x/testkit';
import { ALL_TIME, dexCareOverSocket, isData, isSearch, isStatusCheck, rowsUntilFailure, succeededReport, timed } from './helpers/socket.js';
import { caught } from './helpers/index.js';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * Aborts `controller` with `reason` once the server has seen the request (awaited, not polled
 * for), 50 ms later: long enough for the client to be waiting on it, far below any timeout.
 */
function abortAfterArrival(arrived: Promise<unknown>, controller: AbortController, reason: Error): void {
  void arrived.then(() => setTimeout(() => controller.abort(reason), 50));
}

describe('an abort ends the call at once, with the signal’s reason', () => {
  test('during a download stalled mid-CSV: the rows before it, then the reason', async () => {
    const { plan, arrival } = timed(faultWhen(isData, { kind: 'stall', afterBytes: 30_000 }));
    const fake = await dexCareOverSocket({ plan, client: { timeoutMs: 20_000 } });
    server = fake.server;
    const id = await succeededReport(fake.dex);
    const controller = new AbortController();
    const reason = new Error('the job was stopped');
    abortAfterArrival(arrival(isData), controller, reason);
    const started = performance.now();
    const { read, error } = await rowsUntilFailure(fake.dex.getAvrResultRows(id, { signal: controller.signal }));
    expect(error).toBe(reason);
    expect(read.length).toBeGreaterThan(0);
    expect(read).toEqual(fake.mock.visits.slice(0, read.length));
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  test('during a Retry-After before a search is retried', async () => {
    const { plan, arrival } = timed(faultWhen(isSearch, { kind: 'status', status: 429, headers: { 'retry-after': '30' } }));
    const fake = await dexCareOverSocket({ plan, client: { timeoutMs: 20_000 } });
    server = fake.server;
    const controller = new AbortController();
    const reason = new Error('the job was stopped');
    abortAfterArrival(arrival(isSearch), controller, reason);
    const started = performance.now();
    const error = await caught(fake.dex.providerHistories({ ...ALL_TIME, signal: controller.signal }).toArray());
    expect(error).toBe(reason);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  test('during the delay between status checks', async () => {
    const { plan, arrival } = timed(undefined);
    const fake = await dexCareOverSocket({ plan, client: { timeoutMs: 20_000 } });
    server = fake.server;
    const { id } = await fake.dex.startAvrReport({ type: 'virtual' });
    const controller = new AbortController();
    const reason = new Error('the job was stopped');
    abortAfterArrival(arrival(isStatusCheck), controller, reason);
    const started = performance.now();
    const error = await caught(fake.dex.waitForAvrReport(id, { pollIntervalMs: 30_000, signal: controller.signal }));
    expect(error).toBe(reason);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
