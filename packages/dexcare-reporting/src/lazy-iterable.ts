/**
 * An async iterable that runs `run` afresh for each loop, and not before: a method that
 * returns one sends nothing until it is iterated, and a second loop is a second run rather
 * than an empty, already-spent generator.
 */
export function lazyIterable<T>(run: () => AsyncGenerator<T, void, undefined>): AsyncIterable<T> {
  return { [Symbol.asyncIterator]: run };
}
