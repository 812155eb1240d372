import { SdkError } from './errors.js';

/** One page of results. Strategies add their own fields (`nextCursor`, `offset`, `count`). */
export interface Page<T> {
  /** The rows of this page, in order. */
  data: T[];
}

/** Options of {@link PagedIterable.toArray}. */
export interface ToArrayOptions {
  /**
   * The most rows to collect. An export with more ends in an `SdkError` instead of a silently
   * partial array or an out-of-memory crash; iterate with `for await` for large exports.
   * @default Infinity
   */
  maxItems?: number;
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
export class PagedIterable<T, P extends Page<T> = Page<T>> implements AsyncIterable<T> {
  readonly #run: () => AsyncGenerator<P, void, undefined>;

  /** @param run starts one run over the pages; called once per iteration. */
  constructor(run: () => AsyncGenerator<P, void, undefined>) {
    this.#run = run;
  }

  /** Iterates whole pages, for progress reporting and for saving a cursor to resume from. */
  pages(): AsyncGenerator<P, void, undefined> {
    return this.#run();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.#run()) yield* page.data;
  }

  /** Collects every row into an array. For small exports; see {@link ToArrayOptions.maxItems}. */
  async toArray(options: ToArrayOptions = {}): Promise<T[]> {
    const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
    const rows: T[] = [];
    for await (const page of this.#run()) {
      if (rows.length + page.data.length > maxItems) {
        throw new SdkError(`toArray: the export has more than maxItems (${maxItems}) rows; iterate it with for await instead`);
      }
      rows.push(...page.data);
    }
    return rows;
  }
}
