/** Rows to analyse: `exp.rows(table)`, an array from `loadSpruceExport`, or any (async) iterable. */
export type RowSource<T> = AsyncIterable<T> | Iterable<T>;

/** Options every analysis helper takes. */
export interface AnalysisOptions {
  /** Stops the analysis: it rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/** Iterates a {@link RowSource}, checking the signal between rows. */
export async function* eachRow<T>(rows: RowSource<T>, signal: AbortSignal | undefined): AsyncGenerator<T, void, undefined> {
  for await (const row of rows) {
    signal?.throwIfAborted();
    yield row;
  }
}
