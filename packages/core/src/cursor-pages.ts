import { SdkError } from './errors.js';
import type { SdkLog } from './logger.js';
import { PagedIterable, type Page } from './paged-iterable.js';
import { prefetchOne } from './prefetch-one.js';
import { anySignal } from './signals.js';

/** A page of a cursor-paged export. */
export interface CursorPage<T> extends Page<T> {
  /** Where the next page starts; `null` on the last page. Save it to resume later. */
  nextCursor: string | null;
}

/** What a strategy asks the client's page fetcher for. */
export interface CursorPageRequest {
  /** `undefined` for the first page of a fresh export. */
  cursor: string | undefined;
  /** 1-based number of the page in this run, for error messages. */
  pageNumber: number;
  signal: AbortSignal;
}

/** Options of {@link paginateByCursor}. */
export interface CursorPagingOptions<P> {
  /** Fetches one page; its rejection ends the iteration with that error. */
  fetchPage: (request: CursorPageRequest) => Promise<P>;
  /** Resume from this cursor instead of the first page. */
  cursor?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Logs each page read (its number and row count) at `debug`. */
  log?: SdkLog | undefined;
}

/**
 * Empty pages in a row, each with a new cursor, after which the export counts as a server loop.
 * A server may send an empty page now and then; a long run of them, each naming another
 * cursor, never ends on its own.
 */
export const MAX_EMPTY_PAGES_IN_A_ROW = 100;

/**
 * Cursor paging with one page of prefetch: while the caller works on page N, page N+1 is on
 * its way, and no further. It ends on a `null` (or empty) cursor, never on an empty page: an
 * empty page with a cursor is followed. A cursor seen before means the server is looping, and
 * ends in an `SdkError` rather than an endless export; so does a run of
 * `MAX_EMPTY_PAGES_IN_A_ROW` empty pages with ever new cursors.
 *
 * @example
 * ```ts
 * const rows = paginateByCursor({ fetchPage: ({ cursor, signal }) => getPage(cursor, signal) });
 * for await (const row of rows) console.log(row);
 * ```
 */
export function paginateByCursor<T, P extends CursorPage<T>>(options: CursorPagingOptions<P>): PagedIterable<T, P> {
  return new PagedIterable<T, P>(() => cursorPages(options), { signal: options.signal });
}

function cursorPages<P extends CursorPage<unknown>>(options: CursorPagingOptions<P>): AsyncGenerator<P, void, undefined> {
  const stop = new AbortController();
  return prefetchOne(pagesInOrder(options, anySignal(options.signal, stop.signal)), { cancel: () => stop.abort() });
}

/** The pages one after the other, each checked for a loop before it is handed over. */
async function* pagesInOrder<P extends CursorPage<unknown>>(options: CursorPagingOptions<P>, signal: AbortSignal): AsyncGenerator<P, void, undefined> {
  const seen = new Set<string>();
  if (options.cursor !== undefined) seen.add(options.cursor);
  let cursor = options.cursor;
  let emptyInARow = 0;
  for (let pageNumber = 1; ; pageNumber++) {
    const page = await options.fetchPage({ cursor, pageNumber, signal });
    options.log?.debug('page read', { page: pageNumber, rows: page.data.length });
    const next = page.nextCursor;
    if (next === null || next === undefined || next === '') {
      yield page;
      return;
    }
    if (seen.has(next)) {
      throw new SdkError(`The server returned a cursor it had already sent (after page ${pageNumber}); stopping instead of looping`);
    }
    emptyInARow = page.data.length === 0 ? emptyInARow + 1 : 0;
    if (emptyInARow >= MAX_EMPTY_PAGES_IN_A_ROW) {
      throw new SdkError(`The server sent ${emptyInARow} empty pages in a row, each with a new cursor (up to page ${pageNumber}); stopping instead of looping`);
    }
    seen.add(next);
    cursor = next;
    yield page;
  }
}
