/**
 * The caller's signal over a real socket ends an export at once, whatever it is waiting on: a
 * body that stalled, or a `Retry-After`. Client timeouts here are long on purpose, so an abort
 * that did not reach the wait would show as a test that runs into them.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { faultWhen, type Fault, type FaultServer } from '@x/testkit';
import type { LusciiClientOptions } from '../src/index.js';
import { rowsUntilFailure } from './helpers/index.js';
import { fakeOverSocket, MAY, pageOf, timed } from './helpers/socket.js';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('an abort ends the export at once, with the signal’s reason', () => {
  // Regression: an abort during the wait before a retry left the unread body of the failed
  // attempt to undici, which cancelled it with the abort reason and rethrew that as an
  // unhandled rejection (vitest reports it; a plain Node process exits on it).
  test.each([
    ['a body stalled part-way', { kind: 'stall', afterBytes: 1_000 }, {}],
    ['a wait for Retry-After (429)', { kind: 'status', status: 429, headers: { 'retry-after': '30' } }, {}],
    ['a wait for Retry-After (503)', { kind: 'status', status: 503, headers: { 'retry-after': '30' } }, {}],
    ['the backoff after a 503', { kind: 'status', status: 503 }, { maxRetries: 5, backoff: { initialDelayMs: 20_000, maxDelayMs: 20_000 } }],
    ['an answer that has not begun', { kind: 'latency', ms: 30_000 }, {}],
  ] as [string, Fault, Partial<LusciiClientOptions>][])('during %s', async (_, fault, client) => {
    const { plan, arrivals, arrival } = timed(faultWhen((request) => pageOf(request) === 3, fault, Infinity));
    const fake = await fakeOverSocket({ plan, client: { timeoutMs: 20_000, ...client } });
    server = fake.server;
    const controller = new AbortController();
    const reason = new Error('the job was stopped');
    const rows = fake.client.export('measurements', { ...MAY, raw: true, signal: controller.signal });
    // Awaited, not polled for: 50 ms after page 3 reached the server, the client is waiting on it.
    void arrival(({ page }) => page === 3).then(() => setTimeout(() => controller.abort(reason), 50));
    const { read: delivered, error } = await rowsUntilFailure(rows);
    const abortedAt = performance.now();
    expect(error).toBe(reason);
    expect(delivered).toEqual(fake.api.rowsFor('measurements', MAY).slice(0, 100));
    // Well under the 20 s timeout and the 30 s waits: the abort reached the wait itself.
    expect(abortedAt - arrivals.find((arrival) => arrival.page === 3)!.at).toBeLessThan(5_000);
  });
});
