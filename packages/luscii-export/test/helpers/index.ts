import { setupServer, type SetupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { LusciiClient, type LusciiClientOptions, type LusciiReportType } from '../../src/index.js';
import { lusciiHandlers, type LusciiFakeApi, type LusciiHandlersOptions } from '../../src/testing.js';

/** A key that looks real, so a leak would be plain to see in any message or dump. */
export const SECRET_KEY = 'lsc_live_9f8e7d6c5b4a_do_not_leak';

/** An msw server for one test file: fails on any request nobody handles, handlers reset after each test. */
export function useMockServer(): SetupServer {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** A fresh fake organisation on the server, accepting {@link SECRET_KEY}. */
export function useFake(server: SetupServer, options: LusciiHandlersOptions = {}): LusciiFakeApi {
  const api = lusciiHandlers({ apiKey: SECRET_KEY, ...options });
  server.use(...api.handlers);
  return api;
}

/** A client for the fake, with backoff in milliseconds so retries cost nothing in tests. */
export function clientFor(api: LusciiFakeApi, options: Partial<LusciiClientOptions> = {}): LusciiClient {
  return new LusciiClient({ apiKey: api.apiKey, baseUrl: api.baseUrl, backoff: { initialDelayMs: 1, maxDelayMs: 5 }, ...options });
}

/** Dates that cover the fake's whole period, for report types that take dates; none for the rest. */
export function wholePeriod(reportType: LusciiReportType, api: LusciiFakeApi): { startDate?: string; endDate?: string } {
  if (['patients', 'hcps', 'patientsMutations', 'starRatings'].includes(reportType)) return {};
  return { startDate: api.organisation.period.from, endDate: api.organisation.period.to };
}

/** What a promise rejected with; fails the test if it resolved. */
export async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/** What a function threw; fails the test if it returned. */
export function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

/** Iterates until the export fails: the rows delivered before the failure, and the error. */
export async function rowsBeforeError<T>(rows: AsyncIterable<T>): Promise<{ delivered: T[]; error: unknown }> {
  const delivered: T[] = [];
  const error = await caught(
    (async () => {
      for await (const row of rows) delivered.push(row);
    })(),
  );
  return { delivered, error };
}
