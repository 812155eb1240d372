import { SdkError, type ToArrayOptions } from '@x/core';

/**
 * The rows of one table. Each `for await` reads the table afresh from the zip, streaming;
 * leaving the loop early (`break`, `return`, a throw) stops the read and releases the file.
 *
 * @example
 * ```ts
 * for await (const message of exp.rows('messages')) load(message);
 * const tags = await exp.rows('conversation_tags').toArray({ maxItems: 100_000 });
 * ```
 */
export class TableRows<T> implements AsyncIterable<T> {
  readonly #read: () => AsyncGenerator<T, void, undefined>;

  /** @param read starts one read of the table; called once per iteration. */
  constructor(read: () => AsyncGenerator<T, void, undefined>) {
    this.#read = read;
  }

  [Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    return this.#read();
  }

  /**
   * Collects every row into an array, for small tables. A table with more than `maxItems` rows
   * ends in an `SdkError` rather than a silently partial array.
   */
  async toArray(options: ToArrayOptions = {}): Promise<T[]> {
    const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
    const rows: T[] = [];
    for await (const row of this.#read()) {
      if (rows.length >= maxItems) throw new SdkError(`toArray: the table has more than maxItems (${maxItems}) rows; iterate it with for await instead`);
      rows.push(row);
    }
    return rows;
  }
}
