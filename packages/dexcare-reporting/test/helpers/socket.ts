import { FAST_BACKOFF, fakeApiOverSocket, recordArrivals, type Arrivals, type FaultPlan, type FaultServer, type OverSocketOptions } from '@x/testkit';
import { DexCareReportingClient, type DexCareReportingClientOptions } from '../../src/index.js';
import { dexCareHandlers, type DexCareHandlersOptions, type DexCareFakeApi } from '../../src/testing.js';
import { FAST_WAIT, SECRET_KEY } from './index.js';

export { rowsUntilFailure } from './index.js';

/** Visits in the fake report: a little over 100 kB of CSV, several chunks on the wire. */
export const VISITS = 300;

/** Dates that cover every fake provider history record. */
export const ALL_TIME = { startDate: '2023-01-01T00:00:00Z', endDate: '2030-01-01T00:00:00Z' } as const;

/** Which endpoint a request is for. */
export const isStart = (request: { method: string; url: string }) =>
  request.method === 'POST' && new URL(request.url).pathname.endsWith('/allvisitsreport');
export const isStatusCheck = (request: { method: string; url: string }) =>
  request.method === 'GET' && /allvisitsreport\/[^/]+$/.test(new URL(request.url).pathname);
export const isData = (request: { url: string }) => new URL(request.url).pathname.endsWith('/data');
export const isSearch = (request: { url: string }) => new URL(request.url).pathname.endsWith('/providerhistories');

/** A fault plan that also notes each request as it arrives, for a test to await or inspect. */
export function timed(plan: FaultPlan | undefined): Arrivals<{ url: string; method: string }> {
  return recordArrivals(plan, (request) => ({ url: request.url, method: request.method }));
}

export interface DexCareOverSocket {
  server: FaultServer;
  mock: DexCareFakeApi;
  dex: DexCareReportingClient;
}

/**
 * The package's fake DexCare on a loopback socket behind the testkit's fault server, and a
 * client with millisecond backoff. `extra` handlers come first, so a test can answer some
 * requests itself.
 */
export async function dexCareOverSocket(
  options: OverSocketOptions & { fake?: DexCareHandlersOptions; client?: Partial<DexCareReportingClientOptions> } = {},
): Promise<DexCareOverSocket> {
  const { server, fake: mock } = await fakeApiOverSocket(
    (baseUrl) => dexCareHandlers({ baseUrl, serviceKey: SECRET_KEY, avr: { visits: { rows: VISITS } }, apr: { records: 230 }, ...options.fake }),
    options,
  );
  const dex = new DexCareReportingClient({
    baseUrl: server.baseUrl,
    serviceKey: SECRET_KEY,
    timeoutMs: 1_000,
    maxRetries: 2,
    backoff: FAST_BACKOFF,
    ...options.client,
  });
  return { server, mock, dex };
}

/** Starts a report on the fake and waits until it has succeeded: its id. */
export async function succeededReport(dex: DexCareReportingClient): Promise<string> {
  const { id } = await dex.startAvrReport({ type: 'virtual' });
  await dex.waitForAvrReport(id, FAST_WAIT);
  return id;
}
