/** Options of {@link prefetchOne}. */
export interface PrefetchOneOptions {
  /**
   * Called first when iteration stops, however it stops: aborts the step in flight (a page
   * fetch), since closing a generator waits for the step it is running.
   */
  cancel?: (() => void) | undefined;
}

/**
 * Iterates `source` one item ahead: the next item is asked for before the current one is handed
 * over, so the producer works while the consumer does, and no further (one more item held).
 * Cursor paging uses it (page N+1 loads while the caller works on page N), and so does
 * `decompress` (`DecompressionStream` inflates on another thread while the CSV parser works).
 * A step asked for ahead that fails after the consumer has stopped does not surface as an
 * unhandled rejection.
 *
 * @example
 * ```ts
 * for await (const page of prefetchOne(pagesInOrder(), { cancel: () => stop.abort() })) save(page);
 * ```
 */
export async function* prefetchOne<T>(source: AsyncGenerator<T, void, undefined>, options: PrefetchOneOptions = {}): AsyncGenerator<T, void, undefined> {
  let pending = source.next();
  try {
    while (true) {
      const result = await pending;
      if (result.done) return;
      pending = source.next();
      // If the consumer stops before awaiting it, its rejection must not surface as unhandled.
      pending.catch(() => undefined);
      yield result.value;
    }
  } finally {
    options.cancel?.();
    await source.return();
  }
}
