import { setupServer, type SetupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/**
 * The helpers every package's suite uses, written once: an msw server per test file, and ways
 * to read an outcome (the rows, the error) without a try/catch in each test.
 */

/** An msw server for one test file: fails on any request nobody handles, handlers reset after each test. */
export function useMockServer(): SetupServer {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** Collects an async iterable. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** What a promise rejected with; fails the test if it resolved. */
export async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}

/** What a function threw; fails the test if it returned. */
export function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

/** Rows read until the loop failed, and how; fails the test if the rows ended cleanly. */
export async function rowsUntilFailure<T>(rows: AsyncIterable<T>): Promise<{ read: T[]; error: unknown }> {
  const read: T[] = [];
  try {
    for await (const row of rows) read.push(row);
  } catch (error) {
    return { read, error };
  }
  throw new Error('expected the rows to fail');
}
