const DONE: IteratorReturnResult<void> = { done: true, value: undefined };

/**
 * `rows` as they come, until `signal` aborts: from then on no item is delivered, not even one
 * that had already arrived, and the next call closes `rows` (its `finally` blocks run: a file is
 * closed, a request cancelled) and then rejects with the signal's reason. The one place where a
 * row iterable or a page iterable checks its caller's signal.
 *
 * Not an async generator: a thin iterator whose `next` adds one promise reaction per item,
 * where a generator layer adds several. Without a signal, `rows` is returned as it is.
 *
 * @example
 * ```ts
 * for await (const row of untilAborted(readRows(), signal)) load(row);
 * ```
 */
export function untilAborted<T>(rows: AsyncGenerator<T, void, undefined>, signal: AbortSignal | undefined): AsyncGenerator<T, void, undefined> {
  return signal === undefined ? rows : new AbortGuard(rows, signal);
}

class AbortGuard<T> implements AsyncGenerator<T, void, undefined> {
  readonly #rows: AsyncGenerator<T, void, undefined>;
  readonly #signal: AbortSignal;
  /** Set once `rows` has failed or been closed by an abort: later calls are done, as a generator's are. */
  #ended = false;

  constructor(rows: AsyncGenerator<T, void, undefined>, signal: AbortSignal) {
    this.#rows = rows;
    this.#signal = signal;
  }

  next(): Promise<IteratorResult<T, void>> {
    if (this.#ended) return Promise.resolve(DONE);
    // Checked before the pull too, so that nothing is read for a run that has been aborted.
    if (this.#signal.aborted) return this.#stop();
    return this.#rows.next().then(this.#arrived, this.#failed);
  }

  return(): Promise<IteratorResult<T, void>> {
    this.#ended = true;
    return this.#rows.return();
  }

  throw(error: unknown): Promise<IteratorResult<T, void>> {
    this.#ended = true;
    return this.#rows.throw(error);
  }

  [Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    return this;
  }

  readonly #arrived = (result: IteratorResult<T, void>): IteratorResult<T, void> | Promise<never> =>
    result.done || !this.#signal.aborted ? result : this.#stop();

  readonly #failed = (error: unknown): never => {
    this.#ended = true;
    throw error;
  };

  async #stop(): Promise<never> {
    this.#ended = true;
    // As when a generator throws inside a loop: its source is closed, and a failure to close
    // gives way to the reason.
    await this.#rows.return().catch(() => undefined);
    throw this.#signal.reason;
  }
}
