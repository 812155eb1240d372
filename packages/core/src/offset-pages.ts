import { integer, optionalInteger } from './checks.js';
import { SdkError } from './errors.js';
import type { SdkLog } from './logger.js';
import { withResponse, type ResponseMeta } from './response-meta.js';
import { PagedIterable, type Page } from './paged-iterable.js';
import { anySignal } from './signals.js';

/** A page of an offset-paged export. */
export interface OffsetPage<T> extends Page<T> {
  /** Position of the first row of this page in the whole result. */
  offset: number;
  /** Total rows in the result, as the first page reported it. */
  count: number;
  /** Status and request id of the response the page came in (not enumerable). */
  readonly response: ResponseMeta;
}

/** What a page fetcher returns: the rows, the total count, and the response's metadata. */
export interface OffsetPageResult<T> {
  data: T[];
  count: number;
  response: ResponseMeta;
}

/** Paging defaults a client states in its own options' TSDoc. */
export const PAGING_DEFAULTS = { concurrency: 4 } as const;

/** What a strategy asks the client's page fetcher for. */
export interface OffsetPageRequest {
  offset: number;
  limit: number;
  signal: AbortSignal;
}

/** Options of {@link paginateByOffset}. */
export interface OffsetPagingOptions<T> {
  /** Fetches one page: its rows, and `count`, the total number of matching rows. */
  fetchPage: (request: OffsetPageRequest) => Promise<OffsetPageResult<T>>;
  /** Rows asked for per page. */
  pageSize: number;
  /**
   * Pages in flight at once after the first.
   * @default 4
   */
  concurrency?: number | undefined;
  /** Start here instead of at 0. */
  offset?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Logs each page read (its number and row count) at `debug`. */
  log?: SdkLog | undefined;
}

/**
 * Offset paging: the first page gives the total count, the rest are fetched `concurrency` at a
 * time and yielded in order, with at most `concurrency` pages held. If the server returns fewer
 * rows than asked on the first page (its own cap on `limit`), that size is used from then on.
 * A count that changes, or a short page before the end, means the result moved under the
 * offsets and rows could be skipped or repeated: that is an `SdkError`, not a quiet gap.
 *
 * @example
 * ```ts
 * const rows = paginateByOffset({ pageSize: 100, fetchPage: ({ offset, limit, signal }) => search(offset, limit, signal) });
 * ```
 */
export function paginateByOffset<T>(options: OffsetPagingOptions<T>): PagedIterable<T, OffsetPage<T>> {
  integer(options.pageSize, 'pageSize', 1);
  const concurrency = optionalInteger(options.concurrency, 'concurrency', 1) ?? PAGING_DEFAULTS.concurrency;
  return new PagedIterable<T, OffsetPage<T>>(() => offsetPages(options, concurrency), { signal: options.signal });
}

async function* offsetPages<T>(options: OffsetPagingOptions<T>, concurrency: number): AsyncGenerator<OffsetPage<T>, void, undefined> {
  const stop = new AbortController();
  const signal = anySignal(options.signal, stop.signal);
  const start = options.offset ?? 0;
  try {
    const first = await options.fetchPage({ offset: start, limit: options.pageSize, signal });
    const count = checkCount(first.count);
    if (start + first.data.length < count && first.data.length === 0) {
      throw inconsistent(`the page at offset ${start} is empty but the count is ${count}`);
    }
    // The server may cap `limit` below what was asked: its first page tells the real size.
    const size = Math.min(options.pageSize, Math.max(first.data.length, 1));
    const inFlight: { offset: number; page: Promise<OffsetPageResult<T>> }[] = [];
    let nextOffset = start + first.data.length;
    const launch = () => {
      const page = options.fetchPage({ offset: nextOffset, limit: size, signal });
      page.catch(() => undefined);
      inFlight.push({ offset: nextOffset, page });
      nextOffset += size;
    };
    while (inFlight.length < concurrency && nextOffset < count) launch();
    yield pageOf(first, start, count, size, options.log);
    while (inFlight.length > 0) {
      const { offset, page } = inFlight.shift()!;
      const result = await page;
      const { data, count: pageCount } = result;
      if (pageCount !== count) throw inconsistent(`the count changed from ${count} to ${pageCount} while paging`);
      const expected = Math.min(size, count - offset);
      if (data.length !== expected) throw inconsistent(`the page at offset ${offset} has ${data.length} rows where ${expected} were expected`);
      if (nextOffset < count) launch();
      yield pageOf(result, offset, count, size, options.log);
    }
  } finally {
    stop.abort();
  }
}

function pageOf<T>(result: OffsetPageResult<T>, offset: number, count: number, size: number, log: SdkLog | undefined): OffsetPage<T> {
  log?.debug('page read', { page: Math.floor(offset / size) + 1, rows: result.data.length });
  return withResponse({ data: result.data, offset, count }, result.response);
}

function checkCount(count: number): number {
  if (!Number.isInteger(count) || count < 0) throw new SdkError('The first page did not report a valid total count');
  return count;
}

function inconsistent(detail: string): SdkError {
  return new SdkError(`The result changed during paging (${detail}); narrow the date range or run the export again`);
}
