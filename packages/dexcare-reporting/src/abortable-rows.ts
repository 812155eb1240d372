/**
 * Ends a stream of rows at the first row after `signal` aborts. Core's `csvRows` checks the
 * signal once per parsed batch, so without this the rest of the batch in hand (a few rows)
 * would still arrive after the caller aborted.
 */
export async function* abortableRows<T>(rows: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T, void, undefined> {
  for await (const row of rows) {
    signal.throwIfAborted();
    yield row;
  }
}
