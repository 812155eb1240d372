import type { SetupServer } from 'msw/node';
import { LusciiClient, type LusciiClientOptions, type LusciiReportType } from '../../src/index.js';
import { lusciiHandlers, type LusciiFakeApi, type LusciiHandlersOptions } from '../../src/testing.js';

export { useMockServer, caught, thrown, rowsUntilFailure } from '@x/testkit';

/** A key that looks real, so a leak would be plain to see in any message or dump. */
export const SECRET_KEY = 'lsc_live_9f8e7d6c5b4a_do_not_leak';

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

