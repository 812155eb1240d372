import { RowIterable, type RowIterableOptions } from './row-iterable.js';
import { untilAborted } from './until-aborted.js';

/** One page of results. Strategies add their own fields (`nextCursor`, `offset`, `count`). */
export interface Page<T> {
  /** The rows of this page, in order. */
  data: T[];
}

/**
 * Rows of a paged export: iterate rows with `for await`, pages with `pages()`, or collect with
 * `toArray()`. Each iteration starts a fresh run from the first page; leaving a loop early
 * (`break`, `return`, a throw) cancels the requests in flight.
 *
 * @example
 * ```ts
 * for await (const row of client.export('patients')) console.log(row.Patient_UUID);
 * for await (const page of client.export('patients').pages()) save(page.data, page.nextCursor);
 * const all = await client.export('hcps').toArray({ maxItems: 10_000 });
 * ```
 */
export class PagedIterable<T, P extends Page<T> = Page<T>> extends RowIterable<T> {
  readonly #pages: () => AsyncGenerator<P, void, undefined>;
  readonly #signal: AbortSignal | undefined;

  /**
   * @param pages starts one run over the pages; called once per iteration.
   * @param options.signal the caller's signal: once it aborts, no further page or row is
   * delivered, even one that had already arrived.
   */
  constructor(pages: () => AsyncGenerator<P, void, undefined>, options: RowIterableOptions = {}) {
    super(() => rowsOf(pages()), options);
    this.#pages = pages;
    this.#signal = options.signal;
  }

  /** Iterates whole pages, for progress reporting and for saving a cursor to resume from. */
  pages(): AsyncGenerator<P, void, undefined> {
    return untilAborted(this.#pages(), this.#signal);
  }
}

async function* rowsOf<T>(pages: AsyncIterable<Page<T>>): AsyncGenerator<T, void, undefined> {
  for await (const page of pages) {
    for (const row of page.data) yield row;
  }
}
