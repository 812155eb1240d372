/**
 * `prefetchOne`, the one look-ahead that cursor paging and `decompress` share: the next item is
 * asked for before the current one is handed over, and no further.
 */
import { describe, expect, test } from 'vitest';
import { prefetchOne } from '../src/prefetch-one.js';

describe('prefetchOne', () => {
  test('asks for item N+1 before handing over item N, and never for N+2', async () => {
    const asked: number[] = [];
    async function* source(): AsyncGenerator<number, void, undefined> {
      for (let item = 1; item <= 4; item++) {
        asked.push(item);
        yield item;
      }
    }
    const ahead = prefetchOne(source());
    expect(await ahead.next()).toEqual({ done: false, value: 1 });
    expect(asked).toEqual([1, 2]);
    expect(await ahead.next()).toEqual({ done: false, value: 2 });
    expect(asked).toEqual([1, 2, 3]);
    await ahead.return();
  });

  test('leaving early cancels the step in flight before closing the source, so the close does not wait for it', async () => {
    const stop = new AbortController();
    let closed = false;
    async function* source(): AsyncGenerator<string, void, undefined> {
      try {
        yield 'page 1';
        // A page fetch that only ends when it is aborted.
        await new Promise((_, reject) => stop.signal.addEventListener('abort', () => reject(stop.signal.reason)));
        yield 'page 2';
      } finally {
        closed = true;
      }
    }
    for await (const page of prefetchOne(source(), { cancel: () => stop.abort() })) {
      expect(page).toBe('page 1');
      break;
    }
    expect(stop.signal.aborted).toBe(true);
    expect(closed).toBe(true);
  });

  test('a failure of the step asked for ahead reaches the consumer when it asks, in order', async () => {
    const failure = new Error('page 2 failed');
    async function* source(): AsyncGenerator<number, void, undefined> {
      yield 1;
      throw failure;
    }
    const ahead = prefetchOne(source());
    expect(await ahead.next()).toEqual({ done: false, value: 1 });
    await expect(ahead.next()).rejects.toBe(failure);
  });
});
