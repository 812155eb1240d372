import { FAST_BACKOFF, fakeApiOverSocket, recordArrivals, type Arrivals, type FaultPlan, type FaultServer, type OverSocketOptions } from '@x/testkit';
import { LusciiClient, type LusciiClientOptions } from '../../src/index.js';
import { lusciiHandlers, type LusciiFakeApi, type LusciiHandlersOptions } from '../../src/testing.js';
import { decodeCursor } from '../../src/testing/cursor.js';
import { SECRET_KEY } from './index.js';

/** May 2024: with 300 measurements over the fake's period, six pages or so. */
export const MAY = { startDate: '2024-05-01', endDate: '2024-05-31' } as const;

/** The page (1-based) a request asks for, from the fake's cursor; no cursor is page 1. */
export function pageOf(request: { url: string }, perPage = 50): number {
  const cursor = new URL(request.url).searchParams.get('cursor');
  return cursor === null ? 1 : Math.floor((decodeCursor(cursor)?.id ?? 0) / perPage) + 1;
}

/** A fault plan that also notes each request's page as it arrives, for a test to await or inspect. */
export function timed(plan: FaultPlan | undefined): Arrivals<{ page: number }> {
  return recordArrivals(plan, (request) => ({ page: pageOf(request) }));
}

export interface SocketFake {
  server: FaultServer;
  api: LusciiFakeApi;
  client: LusciiClient;
}

/**
 * The package's fake Export API on a loopback socket behind the testkit's fault server, and a
 * client for it with millisecond backoff and a short timeout. `extra` handlers come first, so a
 * test can answer some requests itself and leave the rest to the fake.
 */
export async function fakeOverSocket(
  options: OverSocketOptions & { fake?: LusciiHandlersOptions; client?: Partial<LusciiClientOptions> } = {},
): Promise<SocketFake> {
  const { server, fake: api } = await fakeApiOverSocket(
    (baseUrl) => lusciiHandlers({ baseUrl, apiKey: SECRET_KEY, rows: { measurements: 300 }, ...options.fake }),
    options,
  );
  const client = new LusciiClient({ apiKey: SECRET_KEY, baseUrl: server.baseUrl, timeoutMs: 300, backoff: FAST_BACKOFF, ...options.client });
  return { server, api, client };
}
