import type { HttpHandler } from 'msw';
import { aprHandlers, type FakeAprLoad, type FakeAprOptions } from './apr-handlers.js';
import { avrHandlers, type FakeAvrOptions, type FakeAvrReport } from './avr-handlers.js';
import { fakeProviderHistories } from './fake-provider-histories.js';
import type { DexCareFakeRequest } from './fake-server.js';
import { fakeVisitsCsv, type FakeVisit, type FakeVisitsOptions } from './fake-visits.js';

/** The fake DexCare host. `.test` never resolves, so nothing can reach a real server. */
export const FAKE_BASE_URL = 'https://dexcare.test';

/** The key the fake accepts by default. Not a real key. */
export const FAKE_SERVICE_KEY = 'dc-fake-service-key-not-a-secret';

/** Options of {@link dexCareHandlers}. */
export interface DexCareHandlersOptions {
  /** @default FAKE_BASE_URL */
  baseUrl?: string | undefined;
  /** @default baseUrl */
  aprBaseUrl?: string | undefined;
  /**
   * The key the AVR endpoints accept; any other gets the documented 403.
   * @default FAKE_SERVICE_KEY
   */
  serviceKey?: string | undefined;
  /**
   * The key the APR endpoint accepts.
   * @default serviceKey
   */
  aprKey?: string | undefined;
  /** The All Visits Report: lifecycle, faults and the result. */
  avr?: (FakeAvrOptions & FakeAvrResultOptions) | undefined;
  /** The All Providers Report: records, server cap, latency. */
  apr?: FakeAprOptions | undefined;
}

/** What every report's data holds. */
export interface FakeAvrResultOptions {
  /** The generated report (rows, duplicates, BOM); see {@link fakeVisitsCsv}. */
  visits?: FakeVisitsOptions | undefined;
  /** Or this text instead, sent exactly. */
  csv?: string | undefined;
}

/**
 * The fake DexCare API that {@link dexCareHandlers} returns: handlers for msw, plus its data and
 * state for assertions. Named like `LusciiFakeApi`: `<Vendor>FakeApi`.
 */
export interface DexCareFakeApi {
  /** Pass to msw: `setupServer(...mock.handlers)`. */
  handlers: HttpHandler[];
  baseUrl: string;
  aprBaseUrl: string;
  serviceKey: string;
  aprKey: string;
  /** Every report started, by id, with the statuses answered and its downloads. */
  reports: ReadonlyMap<string, FakeAvrReport>;
  /** The data of every report, exactly as served. */
  csv: string;
  /** The rows of the generated report, duplicates included; empty with a custom `csv`. */
  visits: readonly FakeVisit[];
  /** The records the APR search serves from, before filtering. */
  providerHistories: readonly Readonly<Record<string, unknown>>[];
  /** Every request answered, in order, without headers. */
  requests: DexCareFakeRequest[];
  /** APR searches in flight now, and the most at once. */
  aprLoad: FakeAprLoad;
}

/** @deprecated Renamed {@link DexCareFakeApi}, like `LusciiFakeApi`: a fake is `<Vendor>FakeApi`. This name goes in the next major. */
export type DexCareMock = DexCareFakeApi;

/**
 * msw handlers for the DexCare reporting API: the All Visits Report lifecycle (start, status,
 * data as CSV) and the All Providers Report search, with the documented error bodies, auth,
 * and opt-in faults (5xx while polling, failed or cancelled reports, cut or stalled downloads,
 * a server cap on `limit`). The data is deterministic and obviously fake.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { dexCareHandlers } from '@x/dexcare-reporting/testing';
 *
 * const mock = dexCareHandlers({ avr: { lifecycle: 'transient-failure', visits: { rows: 100 } } });
 * const server = setupServer(...mock.handlers);
 * server.listen({ onUnhandledRequest: 'error' });
 * const dex = new DexCareReportingClient({ baseUrl: mock.baseUrl, serviceKey: mock.serviceKey });
 * ```
 */
export function dexCareHandlers(options: DexCareHandlersOptions = {}): DexCareFakeApi {
  const baseUrl = options.baseUrl ?? FAKE_BASE_URL;
  const aprBaseUrl = options.aprBaseUrl ?? baseUrl;
  const serviceKey = options.serviceKey ?? FAKE_SERVICE_KEY;
  const aprKey = options.aprKey ?? serviceKey;
  const avr = options.avr ?? {};
  const generated = avr.csv === undefined ? fakeVisitsCsv(avr.visits) : undefined;
  const csv = avr.csv ?? generated!.csv;
  const records = typeof options.apr?.records === 'object' ? options.apr.records : fakeProviderHistories(options.apr?.records ?? 120);
  const requests: DexCareFakeRequest[] = [];
  const reports = new Map<string, FakeAvrReport>();
  const aprLoad: FakeAprLoad = { inFlight: 0, maxInFlight: 0 };
  const handlers = [
    ...avrHandlers({ baseUrl, key: serviceKey, requests }, avr, { bytes: new TextEncoder().encode(csv), recordEnds: generated?.recordEnds }, reports),
    ...aprHandlers({ baseUrl: aprBaseUrl, key: aprKey, requests }, options.apr ?? {}, records, aprLoad),
  ];
  return { handlers, baseUrl, aprBaseUrl, serviceKey, aprKey, reports, csv, visits: generated?.rows ?? [], providerHistories: records, requests, aprLoad };
}
