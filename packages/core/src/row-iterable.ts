import { SdkError } from './errors.js';
import { untilAborted } from './until-aborted.js';

/** Options of {@link RowIterable.toArray}. */
export interface ToArrayOptions {
  /**
   * The most rows to collect. More ends in an `SdkError` instead of a silently partial array or
   * an out-of-memory crash; iterate with `for await` for large exports.
   * @default Infinity
   */
  maxItems?: number;
}

/** Options of the {@link RowIterable} constructor. */
export interface RowIterableOptions {
  /**
   * The caller's signal. Once it aborts, no further row is delivered, not even one that had
   * already arrived: the run is closed (its file or request released) and the loop rejects with
   * the signal's reason.
   */
  signal?: AbortSignal | undefined;
}

/**
 * Rows that can be iterated more than once: each `for await` starts a fresh run (a new download,
 * a new read of the file), and leaving a loop early (`break`, `return`, a throw) cancels it.
 * Nothing is sent or read until you iterate. The iterable holds the caller's signal and checks
 * it before every row, so the code that produces rows does not.
 *
 * @example
 * ```ts
 * for await (const row of rows) load(row);
 * const all = await rows.toArray({ maxItems: 10_000 });
 * ```
 */
export class RowIterable<T> implements AsyncIterable<T> {
  readonly #run: () => AsyncGenerator<T, void, undefined>;
  readonly #signal: AbortSignal | undefined;

  /**
   * @param run starts one run over the rows; called once per iteration.
   * @param options.signal see {@link RowIterableOptions.signal}.
   */
  constructor(run: () => AsyncGenerator<T, void, undefined>, options: RowIterableOptions = {}) {
    this.#run = run;
    this.#signal = options.signal;
  }

  /** Starts a fresh run over the rows, for `for await`. */
  [Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    return untilAborted(this.#run(), this.#signal);
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
