import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { Transport, type TransportOptions } from '@x/core/internal';

export const BASE_URL = 'https://api.test.example';
export const SECRET = 'sk_live_do_not_leak_4242';

/** An msw server for one test file, failing on any request nobody handles. */
export function useMockServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** A transport with fast backoff, so retries cost milliseconds in tests. */
export function testTransport(options: Partial<TransportOptions> = {}) {
  return new Transport({
    baseUrl: BASE_URL,
    headers: { authorization: `Bearer ${SECRET}` },
    backoff: { initialDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
}

/** Bytes of a UTF-8 string, split into chunks of the given size. */
export function chunksOf(text: string, size: number): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
}

/** Collects an async iterable. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** Settles a promise into a value or the error it rejected with. */
export async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}
