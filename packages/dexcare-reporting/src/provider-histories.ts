import { type OffsetPage, type PagedIterable } from '@x/core';
import { paginateByOffset, parseOrThrow, responseMeta, type Transport } from '@x/core/internal';
import { DexCareProviderHistoriesResultSet, DexCareProviderHistoryRow } from './models/provider-history.js';
import type { ResolvedProviderHistoriesParams } from './params/provider-histories.js';

/** Path of the All Providers Report search, below the client's `aprBaseUrl`. */
export const APR_PATH = 'v1/reporting/providerhistories';

/** The report as errors name it. */
export const APR_SOURCE = 'providerhistories';

/**
 * Pages through the All Providers Report with core's offset engine. The search is a POST that
 * only reads, so it is retried like a GET. Every record is checked against {@link DexCareProviderHistoryRow}.
 */
export function providerHistoryPages(
  transport: Transport,
  { search, pageSize, concurrency, offset, signal, call }: ResolvedProviderHistoriesParams,
): PagedIterable<DexCareProviderHistoryRow, OffsetPage<DexCareProviderHistoryRow>> {
  return paginateByOffset<DexCareProviderHistoryRow>({
    pageSize,
    concurrency,
    offset,
    signal,
    log: transport.log,
    fetchPage: async (request) => {
      const { startDate, endDate, ...filters } = search;
      const json = { startDate, endDate, limit: request.limit, offset: request.offset, ...filters };
      const reply = await transport.json({ method: 'POST', path: APR_PATH, json, signal: request.signal, ...call });
      const { body } = reply;
      const page = Math.floor(request.offset / request.limit) + 1;
      const resultSet = parseOrThrow(DexCareProviderHistoriesResultSet, body, { source: APR_SOURCE, page });
      const data = resultSet.data.map((record, index) => parseOrThrow(DexCareProviderHistoryRow, record, { source: APR_SOURCE, page, index }));
      return { count: resultSet.count, data, response: responseMeta(reply) };
    },
  });
}
