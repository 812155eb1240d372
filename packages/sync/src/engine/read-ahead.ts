/** An iterator's outcome, kept in the queue until the consumer reaches it. */
type Settled<T> = { readonly ok: true; readonly result: IteratorResult<T> } | { readonly ok: false; readonly error: unknown };

/** Options of {@link ReadAhead}. */
export interface ReadAheadOptions<T> {
  /** Whether a value counts against `ahead` (a batch of rows); other values (progress) are read freely. */
  readonly weighs: (value: T) => boolean;
  /** How many weighed values may wait in the queue while the consumer works. @default 1 */
  readonly ahead?: number;
}

/**
 * Reads an async iterator ahead of its consumer, into a bounded queue: while the consumer writes
 * batch N, batch N+1 is fetched, and no further (at most `ahead` weighed values wait). Values and
 * errors come out in the order the iterator produced them.
 *
 * @example
 * ```ts
 * const reader = new ReadAhead(unit.read({ signal })[Symbol.asyncIterator](), { weighs: (event) => event.type === 'rows' });
 * for (let next = await reader.next(); !next.done; next = await reader.next()) await write(next.value);
 * ```
 */
export class ReadAhead<T> {
  readonly #iterator: AsyncIterator<T>;
  readonly #weighs: (value: T) => boolean;
  readonly #ahead: number;
  readonly #queue: Settled<T>[] = [];
  #weighed = 0;
  #pulling: Promise<void> | undefined;
  #finished = false;

  constructor(iterator: AsyncIterator<T>, options: ReadAheadOptions<T>) {
    this.#iterator = iterator;
    this.#weighs = options.weighs;
    this.#ahead = options.ahead ?? 1;
  }

  /** The next value (or the iterator's error), and starts reading the one after it. */
  async next(): Promise<IteratorResult<T>> {
    while (this.#queue.length === 0) {
      if (this.#finished) return { done: true, value: undefined };
      await this.#pull();
    }
    const item = this.#queue.shift()!;
    if (item.ok && !item.result.done && this.#weighs(item.result.value)) this.#weighed -= 1;
    this.#fill();
    if (!item.ok) throw item.error;
    return item.result;
  }

  /** Stops reading and lets the iterator clean up (a failed unit). Never throws. */
  async close(): Promise<void> {
    this.#finished = true;
    await this.#iterator.return?.(undefined).catch(() => undefined);
  }

  #fill(): void {
    if (!this.#finished && !this.#pulling && this.#weighed < this.#ahead) void this.#pull();
  }

  #pull(): Promise<void> {
    this.#pulling ??= this.#iterator
      .next()
      .then(
        (result) => {
          if (result.done) this.#finished = true;
          else if (this.#weighs(result.value)) this.#weighed += 1;
          this.#queue.push({ ok: true, result });
        },
        (error: unknown) => {
          this.#finished = true;
          this.#queue.push({ ok: false, error });
        },
      )
      .finally(() => {
        this.#pulling = undefined;
        this.#fill();
      });
    return this.#pulling;
  }
}
