/**
 * `retryWhen: 'unprocessed'` on real sockets: a request that creates something is sent again
 * only when the failure proves the server never acted on it. A refused connection (nothing
 * listening, a server restarting) is retried; a connection reset after the request was sent
 * (a proxy dropping it mid-answer) is not.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { ConnectionError } from '@x/core';
import { provesNotProcessed, Transport } from '@x/core/internal';
import { caught } from './helpers/index.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A port on loopback with nothing listening: bound, then closed. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function counting(): { fetch: typeof fetch; attempts: () => number } {
  let attempts = 0;
  return {
    fetch: (input, init) => {
      attempts += 1;
      return globalThis.fetch(input, init);
    },
    attempts: () => attempts,
  };
}

describe("retryWhen: 'unprocessed'", () => {
  test('connection refused before sending (nothing listening): retried up to maxRetries, provably unprocessed', async () => {
    const port = await closedPort();
    const { fetch, attempts } = counting();
    const transport = new Transport({ baseUrl: `http://127.0.0.1:${port}`, maxRetries: 2, fetch, backoff: { initialDelayMs: 1, maxDelayMs: 2 } });
    const error = await caught(transport.json({ method: 'POST', path: 'reports', json: {}, retryWhen: 'unprocessed' }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(provesNotProcessed(error)).toBe(true);
    expect(attempts()).toBe(3);
  });

  test('a reset after the request was sent: sent once, not provably unprocessed', async () => {
    let received = 0;
    server = createServer((request) => {
      received += 1;
      request.socket.destroy();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const transport = new Transport({ baseUrl: `http://127.0.0.1:${port}`, maxRetries: 2, backoff: { initialDelayMs: 1, maxDelayMs: 2 } });
    const error = await caught(transport.json({ method: 'POST', path: 'reports', json: {}, retryWhen: 'unprocessed' }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(provesNotProcessed(error)).toBe(false);
    expect(received).toBe(1);
    // The default retries the same failure.
    await caught(transport.json({ method: 'POST', path: 'reports', json: {} }));
    expect(received).toBe(4);
  });
});
