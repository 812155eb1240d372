import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { matchesProviderHistorySearch, type FakeProviderHistorySearch } from './fake-provider-histories.js';
import { errorAnswer, serve, trimBase, type FakeEndpoint } from './fake-server.js';

/** Options of the fake All Providers Report. */
export interface FakeAprOptions {
  /**
   * Generated records (see `fakeProviderHistories`), or the records to serve.
   * @default 120
   */
  records?: number | readonly Readonly<Record<string, unknown>>[] | undefined;
  /**
   * The largest `limit` the fake serves; a request for more gets this many, as a DexCare
   * server with its own cap would answer.
   * @default no cap
   */
  maxLimit?: number | undefined;
  /**
   * `limit` for a request without one ("configurable by DexCare").
   * @default 50
   */
  defaultLimit?: number | undefined;
  /**
   * Delay before each answer, in milliseconds, so that requests overlap and concurrency shows.
   * @default 0
   */
  latencyMs?: number | undefined;
}

/** Searches in flight, for asserting on concurrency. */
export interface FakeAprLoad {
  inFlight: number;
  maxInFlight: number;
}

const PAGING = new Set(['limit', 'offset']);

/** The All Providers Report search: filters, `count`, offset and limit. */
export function aprHandlers(
  endpoint: FakeEndpoint,
  options: FakeAprOptions,
  records: readonly Readonly<Record<string, unknown>>[],
  load: FakeAprLoad,
): HttpHandler[] {
  return [
    http.post(`${trimBase(endpoint.baseUrl)}/v1/reporting/providerhistories`, async ({ request }) => {
      load.inFlight += 1;
      load.maxInFlight = Math.max(load.maxInFlight, load.inFlight);
      try {
        if (options.latencyMs) await delay(options.latencyMs);
        return await serve(endpoint, request, (body) => answer(body, options, records));
      } finally {
        load.inFlight -= 1;
      }
    }),
  ];
}

function answer(body: unknown, options: FakeAprOptions, records: readonly Readonly<Record<string, unknown>>[]): Response {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const { startDate, endDate } = fields;
  if (typeof startDate !== 'string' || typeof endDate !== 'string' || Number.isNaN(Date.parse(startDate)) || Number.isNaN(Date.parse(endDate))) {
    return errorAnswer({ error: "'startDate' and 'endDate' are required ISO dates" }, 400);
  }
  const search: FakeProviderHistorySearch = { startDate, endDate };
  for (const [field, value] of Object.entries(fields)) if (!PAGING.has(field)) search[field] = value;
  const matching = records.filter((record) => matchesProviderHistorySearch(record, search));
  const offset = nonNegative(fields.offset) ?? 0;
  const limit = Math.min(nonNegative(fields.limit) ?? options.defaultLimit ?? 50, options.maxLimit ?? Number.POSITIVE_INFINITY);
  return HttpResponse.json({ count: matching.length, data: matching.slice(offset, offset + limit) });
}

function nonNegative(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}
