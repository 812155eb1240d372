import { SdkError } from './errors.js';

/** Options of {@link RowIterable.toArray}. */
export interface ToArrayOptions {
  /**
   * The most rows to collect. More ends in an `SdkError` instead of a silently partial array or
   * an out-of-memory crash; iterate with `for await` for large exports.
   * @default Infinity
   */
  maxItems?: number;
}

/**
 * Rows that can be iterated more than once: each `for await` starts a fresh run (a new download,
 * a new read of the file), and leaving a loop early (`break`, `return`, a throw) cancels it.
 * Nothing is sent or read until you iterate.
 *
 * @example
 * ```ts
 * for await (const row of rows) load(row);
 * const all = await rows.toArray({ maxItems: 10_000 });
 * ```
 */
export class RowIterable<T> implements AsyncIterable<T> {
  readonly #run: () => AsyncGenerator<T, void, undefined>;

  /** @param run starts one run over the rows; called once per iteration. */
  constructor(run: () => AsyncGenerator<T, void, undefined>) {
    this.#run = run;
  }

  /** Starts a fresh run over the rows, for `for await`. */
  [Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    return this.#run();
  }

  /** Collects every row into an array. For small results; see {@link ToArrayOptions.maxItems}. */
  async toArray(options: ToArrayOptions = {}): Promise<T[]> {
    const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
    const rows: T[] = [];
    for await (const row of this) {
      if (rows.length >= maxItems) {
        throw new SdkError(`toArray: there are more than maxItems (${maxItems}) rows; iterate with for await instead`);
      }
      rows.push(row);
    }
    return rows;
  }
}
