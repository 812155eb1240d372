import { describe, expect, it } from 'vitest';
import { ReadAhead } from '../src/engine/read-ahead.js';

type Event = { type: 'rows'; page: number } | { type: 'progress'; page: number };

/** A paged source: each page is fetched (recorded), then yields its rows and a progress event. */
function pagedSource(pages: number, failAt?: number): { iterator: AsyncIterator<Event>; fetched: number[] } {
  const fetched: number[] = [];
  async function* read(): AsyncGenerator<Event> {
    for (let page = 1; page <= pages; page++) {
      fetched.push(page);
      await Promise.resolve();
      if (page === failAt) throw new Error('page failed');
      yield { type: 'rows', page };
      yield { type: 'progress', page };
    }
  }
  return { iterator: read(), fetched };
}

const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('ReadAhead', () => {
  it('fetches the next page (past its progress event) while the current page is written, and no further', async () => {
    const { iterator, fetched } = pagedSource(5);
    const reader = new ReadAhead(iterator, { weighs: (event) => event.type === 'rows' });
    const first = await reader.next();
    expect(first.value).toEqual({ type: 'rows', page: 1 });
    await settle(); // the consumer is "writing" page 1
    expect(fetched).toEqual([1, 2]);
    const seen = [first.value];
    for (let next = await reader.next(); !next.done; next = await reader.next()) seen.push(next.value);
    expect(seen.map((event) => `${event!.type}${event!.page}`).join(' ')).toBe('rows1 progress1 rows2 progress2 rows3 progress3 rows4 progress4 rows5 progress5');
  });

  it("surfaces a page's failure after the events before it, in order", async () => {
    const { iterator } = pagedSource(3, 2);
    const reader = new ReadAhead(iterator, { weighs: (event) => event.type === 'rows' });
    expect((await reader.next()).value).toEqual({ type: 'rows', page: 1 });
    await settle();
    expect((await reader.next()).value).toEqual({ type: 'progress', page: 1 });
    await expect(reader.next()).rejects.toThrow('page failed');
    await expect(reader.next()).resolves.toEqual({ done: true, value: undefined });
  });
});
