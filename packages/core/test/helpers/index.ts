import { Transport, type TransportOptions } from '@x/core/internal';

export { useMockServer, collect, caught, recordTimerDelays } from '@x/testkit';

export const BASE_URL = 'https://api.test.example';
export const SECRET = 'sk_live_do_not_leak_4242';

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

