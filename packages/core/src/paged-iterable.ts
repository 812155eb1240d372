import { RowIterable } from './row-iterable.js';
import { throwIfAborted } from './signals.js';

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
  constructor(pages: () => AsyncGenerator<P, void, undefined>, options: { signal?: AbortSignal | undefined } = {}) {
    super(() => rowsOf(pages(), options.signal));
    this.#pages = pages;
    this.#signal = options.signal;
  }

  /** Iterates whole pages, for progress reporting and for saving a cursor to resume from. */
  async *pages(): AsyncGenerator<P, void, undefined> {
    for await (const page of this.#pages()) {
      throwIfAborted(this.#signal);
      yield page;
    }
  }
}

async function* rowsOf<T>(pages: AsyncIterable<Page<T>>, signal: AbortSignal | undefined): AsyncGenerator<T, void, undefined> {
  for await (const page of pages) {
    for (const row of page.data) {
      throwIfAborted(signal);
      yield row;
    }
  }
}
