import { InvalidParamsError, type CallOptions, type DateInput } from '@x/core';
import { CALL_OPTION_NAMES, checkCallOptions, checkRange, instant, optionalInteger, PAGING_DEFAULTS, refuseUnknownKeys, requireObject } from '@x/core/internal';

/**
 * The optional search terms of the All Providers Report. Matches are case-insensitive and
 * exact, except `providerCredentials`, which matches values that contain it (`'MD'` matches
 * `'MD DO'`). Several terms combine with AND.
 */
export interface ProviderHistoryFilters {
  /** The event's action: `'assigned'`. */
  action?: string | undefined;
  /** The visit the event belongs to (a GUID). */
  visitId?: string | undefined;
  /** The provider's id (a GUID). */
  providerId?: string | undefined;
  providerEmailAddress?: string | undefined;
  /** The provider's full name: `'Jenny Generic'`. */
  providerName?: string | undefined;
  providerFirstName?: string | undefined;
  providerLastName?: string | undefined;
  /** Matches credentials that contain this text: `'MD'` matches `'MD DO'`. */
  providerCredentials?: string | undefined;
  /** The id of who caused the event (a GUID). */
  actorId?: string | undefined;
  actorEmail?: string | undefined;
  actorFirstName?: string | undefined;
  actorLastName?: string | undefined;
}

/** The names of the optional search terms, as the wire spells them. */
export const PROVIDER_HISTORY_FILTERS = [
  'action',
  'visitId',
  'providerId',
  'providerEmailAddress',
  'providerName',
  'providerFirstName',
  'providerLastName',
  'providerCredentials',
  'actorId',
  'actorEmail',
  'actorFirstName',
  'actorLastName',
] as const satisfies readonly (keyof ProviderHistoryFilters)[];

/**
 * What `providerHistories` searches for, and how it pages.
 *
 * @example
 * ```ts
 * const params: ProviderHistoriesParams = { startDate: '2023-11-06', endDate: new Date(), providerCredentials: 'MD', pageSize: 200 };
 * ```
 */
export interface ProviderHistoriesParams extends ProviderHistoryFilters {
  /** Start of the search: a `Date`, an ISO 8601 date-time with an offset, or `YYYY-MM-DD` (midnight UTC). */
  startDate: DateInput;
  /** End of the search, in the same forms as `startDate`. */
  endDate: DateInput;
  /**
   * Records asked for per request (`limit`). A server that caps it lower is followed at its size.
   * @default 50 (DexCare's own default)
   */
  pageSize?: number | undefined;
  /**
   * Requests in flight at once after the first page.
   * @default 4
   */
  concurrency?: number | undefined;
  /**
   * Position to start at, to resume from a page's `offset`.
   * @default 0
   */
  offset?: number | undefined;
  /** Stops the paging; the loop rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Timeout per attempt of each page request, over the client's `timeoutMs`. */
  timeoutMs?: number | undefined;
  /** Retries of each page request, over the client's `maxRetries`. */
  maxRetries?: number | undefined;
  /** Extra headers for each page request, over the client's `headers`. */
  headers?: Record<string, string> | undefined;
}

/** The search terms of the request body; `limit` and `offset` are added per page. */
export type ProviderHistoriesSearch = { startDate: string; endDate: string } & Partial<Record<keyof ProviderHistoryFilters, string>>;

/** The checked parameters of a search. */
export interface ResolvedProviderHistoriesParams {
  search: ProviderHistoriesSearch;
  pageSize: number;
  concurrency: number;
  offset: number;
  signal: AbortSignal | undefined;
  /** Options of each page request. */
  call: Omit<CallOptions, 'signal'>;
}

const DEFAULTS = { pageSize: 50, concurrency: PAGING_DEFAULTS.concurrency, offset: 0 } as const;
const PAGING_KEYS = ['startDate', 'endDate', 'pageSize', 'concurrency', 'offset', ...CALL_OPTION_NAMES];

/** Checks a search before any request: both dates in order, known non-empty filters, sane paging. */
export function resolveProviderHistoriesParams(params: ProviderHistoriesParams): ResolvedProviderHistoriesParams {
  requireObject(params, 'params');
  refuseUnknownKeys(params, [...PAGING_KEYS, ...PROVIDER_HISTORY_FILTERS], 'providerHistories');
  for (const name of ['startDate', 'endDate'] as const) {
    if (params[name] === undefined) throw new InvalidParamsError(`providerHistories needs both startDate and endDate`, { param: name });
  }
  const start = instant(params.startDate, 'startDate');
  const end = instant(params.endDate, 'endDate');
  checkRange(start, end);
  const { timeoutMs, maxRetries, headers } = params;
  checkCallOptions({ signal: params.signal, timeoutMs, maxRetries, headers });
  const search: ProviderHistoriesSearch = { startDate: start.toISOString(), endDate: end.toISOString() };
  for (const name of PROVIDER_HISTORY_FILTERS) {
    const value: unknown = params[name];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.trim() === '') {
      throw new InvalidParamsError(`${name} must be a non-empty string`, { param: name });
    }
    search[name] = value;
  }
  return {
    search,
    pageSize: optionalInteger(params.pageSize, 'pageSize', 1) ?? DEFAULTS.pageSize,
    concurrency: optionalInteger(params.concurrency, 'concurrency', 1) ?? DEFAULTS.concurrency,
    offset: optionalInteger(params.offset, 'offset', 0) ?? DEFAULTS.offset,
    signal: params.signal,
    call: { timeoutMs, maxRetries, headers },
  };
}
