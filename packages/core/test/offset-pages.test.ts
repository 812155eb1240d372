import { describe, expect, test } from 'vitest';
import { SdkError } from '@x/core';
import { paginateByOffset, type OffsetPageRequest } from '@x/core/internal';
import { caught, collect } from './helpers/index.js';

/** A fake search over rows 0..total-1 with random latency, tracking concurrency. */
function search(total: number, options: { cap?: number; countAt?: (offset: number) => number; latency?: () => number } = {}) {
  const stats = { requests: [] as OffsetPageRequest[], inFlight: 0, maxInFlight: 0 };
  const fetchPage = async (request: OffsetPageRequest) => {
    stats.requests.push(request);
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    try {
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          clearTimeout(timer);
          reject(request.signal.reason);
        };
        const timer = setTimeout(() => {
          request.signal.removeEventListener('abort', onAbort);
          resolve();
        }, options.latency?.() ?? Math.random() * 10);
        request.signal.addEventListener('abort', onAbort, { once: true });
      });
      const limit = Math.min(request.limit, options.cap ?? Number.POSITIVE_INFINITY);
      const data = Array.from({ length: Math.max(0, Math.min(limit, total - request.offset)) }, (_, i) => request.offset + i);
      return { data, count: options.countAt?.(request.offset) ?? total, response: { status: 200, requestId: `req-${request.offset}` } };
    } finally {
      stats.inFlight -= 1;
    }
  };
  return { fetchPage, stats };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('paginateByOffset', () => {
  test('yields every row exactly once, in order, despite pages finishing out of order', async () => {
    const { fetchPage, stats } = search(1003);
    expect(await collect(paginateByOffset({ fetchPage, pageSize: 50 }))).toEqual(range(1003));
    expect(stats.requests).toHaveLength(21);
  });

  test('keeps at most `concurrency` requests in flight (default 4)', async () => {
    const defaults = search(1000);
    await collect(paginateByOffset({ fetchPage: defaults.fetchPage, pageSize: 50 }));
    expect(defaults.stats.maxInFlight).toBe(4);
    const two = search(1000);
    await collect(paginateByOffset({ fetchPage: two.fetchPage, pageSize: 50, concurrency: 2 }));
    expect(two.stats.maxInFlight).toBe(2);
  });

  test('pages carry data, offset and count', async () => {
    const { fetchPage } = search(120);
    const pages = await collect(paginateByOffset({ fetchPage, pageSize: 50 }).pages());
    expect(pages.map(({ offset, count, data }) => [offset, count, data.length])).toEqual([
      [0, 120, 50],
      [50, 120, 50],
      [100, 120, 20],
    ]);
  });

  test('an empty result is one empty page', async () => {
    const { fetchPage, stats } = search(0);
    expect(await collect(paginateByOffset({ fetchPage, pageSize: 50 }).pages())).toEqual([{ data: [], offset: 0, count: 0 }]);
    expect(stats.requests).toHaveLength(1);
  });

  test('adapts to a server that caps the page size below what was asked', async () => {
    const { fetchPage, stats } = search(230, { cap: 40 });
    expect(await collect(paginateByOffset({ fetchPage, pageSize: 100 }))).toEqual(range(230));
    expect(stats.requests.slice(1).every((request) => request.limit === 40)).toBe(true);
  });

  test('starts from an offset', async () => {
    const { fetchPage } = search(100);
    expect(await collect(paginateByOffset({ fetchPage, pageSize: 30, offset: 60 }))).toEqual(range(100).slice(60));
  });

  test('a count that changes mid-way is an SdkError, not a silent gap', async () => {
    const { fetchPage } = search(200, { countAt: (offset) => (offset >= 100 ? 210 : 200) });
    const error = await caught(collect(paginateByOffset({ fetchPage, pageSize: 50 })));
    expect(error).toBeInstanceOf(SdkError);
    expect((error).message).toMatch(/count changed from 200 to 210/);
  });

  test('a short page before the end is an SdkError', async () => {
    const { fetchPage } = search(200, { countAt: () => 300 });
    expect(await caught(collect(paginateByOffset({ fetchPage, pageSize: 50 })))).toBeInstanceOf(SdkError);
  });

  test('break cancels every request in flight', async () => {
    const { fetchPage, stats } = search(10_000, { latency: () => 20 });
    for await (const row of paginateByOffset({ fetchPage, pageSize: 10 })) {
      if (row === 15) break;
    }
    expect(stats.requests.length).toBeLessThanOrEqual(1 + 4 + 1);
    expect(stats.requests.every((request) => request.signal.aborted)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(stats.inFlight).toBe(0);
  });

  test('after an abort no further row is delivered, even of pages that had arrived', async () => {
    const controller = new AbortController();
    const { fetchPage, stats } = search(100, { latency: () => 0 });
    const seen: number[] = [];
    const error = await caught(
      (async () => {
        for await (const row of paginateByOffset({ fetchPage, pageSize: 10, signal: controller.signal })) {
          seen.push(row);
          if (row === 14) {
            // Let the prefetched pages arrive first: they must still not be delivered.
            await new Promise((resolve) => setTimeout(resolve, 20));
            controller.abort();
          }
        }
      })(),
    );
    expect(seen).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expect(error).toBe(controller.signal.reason);
    expect(stats.requests.every((request) => request.signal.aborted)).toBe(true);
  });

  test('refuses a nonsensical page size or concurrency', () => {
    const { fetchPage } = search(1);
    expect(() => paginateByOffset({ fetchPage, pageSize: 0 })).toThrow(expect.objectContaining({ name: 'InvalidParamsError', param: 'pageSize' }));
    expect(() => paginateByOffset({ fetchPage, pageSize: 10, concurrency: 0 })).toThrow(expect.objectContaining({ name: 'InvalidParamsError', param: 'concurrency' }));
  });
});
