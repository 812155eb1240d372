import { describe, expect, test, vi } from 'vitest';
import { SdkError, type CursorPage } from '@x/core';
import { paginateByCursor, type CursorPageRequest } from '@x/core/internal';
import { caught, collect } from './helpers/index.js';

/** A fake server of pages `a`, `b`, `c`…: the cursor of page i+1 is `c<i+1>`. */
function pagesOf(pages: number[][], cursors?: (string | null)[]) {
  const requests: CursorPageRequest[] = [];
  const fetchPage = vi.fn(async (request: CursorPageRequest): Promise<CursorPage<number>> => {
    requests.push(request);
    const index = request.cursor === undefined ? 0 : Number(request.cursor.slice(1));
    const next = cursors ? cursors[index]! : index + 1 < pages.length ? `c${index + 1}` : null;
    return { data: pages[index]!, nextCursor: next };
  });
  return { fetchPage, requests };
}

describe('paginateByCursor', () => {
  test('yields every row of every page in order and stops on a null cursor', async () => {
    const { fetchPage } = pagesOf([[1, 2], [3], [4, 5]]);
    expect(await collect(paginateByCursor({ fetchPage }))).toEqual([1, 2, 3, 4, 5]);
    expect(fetchPage).toHaveBeenCalledTimes(3);
  });

  test('follows an empty page that still has a cursor', async () => {
    const { fetchPage } = pagesOf([[1], [], [2]]);
    expect(await collect(paginateByCursor({ fetchPage }))).toEqual([1, 2]);
  });

  test('pages() yields whole pages with the cursor to resume from', async () => {
    const { fetchPage } = pagesOf([[1], [2]]);
    const pages = await collect(paginateByCursor({ fetchPage }).pages());
    expect(pages).toEqual([
      { data: [1], nextCursor: 'c1' },
      { data: [2], nextCursor: null },
    ]);
  });

  test('resumes from a cursor', async () => {
    const { fetchPage, requests } = pagesOf([[1], [2], [3]]);
    expect(await collect(paginateByCursor({ fetchPage, cursor: 'c1' }))).toEqual([2, 3]);
    expect(requests[0]!.cursor).toBe('c1');
  });

  test('fetches one page ahead while the caller works, and no more', async () => {
    const { fetchPage } = pagesOf([[1], [2], [3], [4]]);
    const pages = paginateByCursor({ fetchPage }).pages();
    await pages.next();
    await Promise.resolve();
    expect(fetchPage).toHaveBeenCalledTimes(2);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fetchPage).toHaveBeenCalledTimes(2);
    await pages.next();
    expect(fetchPage).toHaveBeenCalledTimes(3);
    await pages.return(undefined);
  });

  test('a repeated cursor is a server loop: SdkError, not an endless export', async () => {
    const { fetchPage } = pagesOf([[1], [2], [3]], ['c1', 'c2', 'c1']);
    const error = await caught(collect(paginateByCursor({ fetchPage })));
    expect(error).toBeInstanceOf(SdkError);
    expect((error).message).toMatch(/already sent/);
    expect(fetchPage).toHaveBeenCalledTimes(3);
  });

  test('a cursor equal to the one resumed from is a loop too', async () => {
    const { fetchPage } = pagesOf([[1], [2]], ['c1', 'c1']);
    expect(await caught(collect(paginateByCursor({ fetchPage, cursor: 'c1' })))).toBeInstanceOf(SdkError);
  });

  test('break cancels the page in flight', async () => {
    let prefetchSignal: AbortSignal | undefined;
    const fetchPage = async ({ cursor, signal }: CursorPageRequest): Promise<CursorPage<number>> => {
      if (cursor === undefined) return { data: [1, 2], nextCursor: 'c1' };
      prefetchSignal = signal;
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    };
    for await (const row of paginateByCursor({ fetchPage })) {
      expect(row).toBe(1);
      break;
    }
    expect(prefetchSignal?.aborted).toBe(true);
  });

  test('the caller’s signal reaches every fetch', async () => {
    const controller = new AbortController();
    const { fetchPage, requests } = pagesOf([[1], [2]]);
    await collect(paginateByCursor({ fetchPage, signal: controller.signal }));
    controller.abort();
    expect(requests.every((request) => request.signal.aborted)).toBe(true);
  });

  test('after an abort no further row is delivered, not even of a page that had arrived', async () => {
    const controller = new AbortController();
    const { fetchPage } = pagesOf([[1, 2, 3], [4, 5]]);
    const seen: number[] = [];
    const error = await caught(
      (async () => {
        for await (const row of paginateByCursor<number, CursorPage<number>>({ fetchPage, signal: controller.signal })) {
          seen.push(row);
          if (row === 2) controller.abort();
        }
      })(),
    );
    expect(seen).toEqual([1, 2]);
    expect((error).name).toBe('AbortError');
  });

  test('after an abort no further page is delivered either', async () => {
    const controller = new AbortController();
    const { fetchPage } = pagesOf([[1], [2], [3]]);
    const seen: number[][] = [];
    const error = await caught(
      (async () => {
        for await (const page of paginateByCursor({ fetchPage, signal: controller.signal }).pages()) {
          seen.push(page.data);
          controller.abort();
        }
      })(),
    );
    expect(seen).toEqual([[1]]);
    expect(error).toBe(controller.signal.reason);
  });

  test('a failing page rejects the iteration with its error', async () => {
    const failure = new SdkError('page 2 failed');
    const fetchPage = async ({ cursor }: CursorPageRequest): Promise<CursorPage<number>> => {
      if (cursor === undefined) return { data: [1], nextCursor: 'c1' };
      throw failure;
    };
    const seen: unknown[] = [];
    const error = await caught(
      (async () => {
        for await (const row of paginateByCursor({ fetchPage })) seen.push(row);
      })(),
    );
    expect(error).toBe(failure);
    expect(seen).toEqual([1]);
  });

  test('each iteration is a fresh run', async () => {
    const { fetchPage } = pagesOf([[1], [2]]);
    const rows = paginateByCursor({ fetchPage });
    expect(await rows.toArray()).toEqual([1, 2]);
    expect(await rows.toArray()).toEqual([1, 2]);
  });

  test('toArray refuses to grow past maxItems', async () => {
    const { fetchPage } = pagesOf([[1, 2], [3, 4]]);
    expect(await paginateByCursor({ fetchPage }).toArray({ maxItems: 4 })).toEqual([1, 2, 3, 4]);
    const error = await caught(paginateByCursor({ fetchPage }).toArray({ maxItems: 3 }));
    expect(error).toBeInstanceOf(SdkError);
    expect((error).message).toMatch(/maxItems \(3\)/);
  });
});
