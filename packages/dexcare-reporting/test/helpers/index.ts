import type { SetupServer } from 'msw/node';
import { DexCareReportingClient, type DexCareReportingClientOptions } from '../../src/index.js';
import { dexCareHandlers, type DexCareHandlersOptions, type DexCareFakeApi } from '../../src/testing.js';

export { useMockServer, collect, caught, rowsUntilFailure } from '@x/testkit';

/** A key that must never show up anywhere: errors, inspect, JSON, logs. */
export const SECRET_KEY = 'dc_live_SECRET_do_not_leak_7f3a9c';

/** Waits that cost milliseconds: the statuses move per request. */
export const FAST_WAIT = { pollIntervalMs: 1, maxPollIntervalMs: 4 } as const;

/** Installs the package's fake DexCare on `server` and a client for it, with fast retries. */
export function fakeDexCare(
  server: SetupServer,
  options: DexCareHandlersOptions = {},
  clientOptions: Partial<DexCareReportingClientOptions> = {},
): { mock: DexCareFakeApi; dex: DexCareReportingClient } {
  const mock = dexCareHandlers({ serviceKey: SECRET_KEY, ...options });
  server.use(...mock.handlers);
  const dex = new DexCareReportingClient({
    baseUrl: mock.baseUrl,
    serviceKey: mock.serviceKey,
    backoff: { initialDelayMs: 1, maxDelayMs: 5 },
    ...clientOptions,
  });
  return { mock, dex };
}

/** Every string an error shows a user or a log: message, stack, causes, own properties, JSON. */
export function everythingPrinted(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error, depth = 0; current !== undefined && depth < 5; depth++) {
    parts.push(String(current), (current as Error).stack ?? '', JSON.stringify(current) ?? '');
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join('\n');
}

/** A report started on the fake and waited for until it succeeded. */
export async function succeededReport(
  server: SetupServer,
  options: DexCareHandlersOptions = {},
  clientOptions: Partial<DexCareReportingClientOptions> = {},
): Promise<{ mock: DexCareFakeApi; dex: DexCareReportingClient; id: string }> {
  const { dex, mock } = fakeDexCare(server, options, clientOptions);
  const { id } = await dex.startAvrReport({ type: 'virtual' });
  await dex.waitForAvrReport(id, FAST_WAIT);
  return { dex, mock, id };
}

/** Lets pending stream reads, pulls and cancellations settle. */
export function pause(ms = 20): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

