/**
 * `RowIterable` holds the caller's signal and is the one place that checks it: once it aborts,
 * no row is delivered, not even one that had already arrived, and the run is closed (its file
 * or request released) before the loop rejects with the signal's reason.
 */
import { describe, expect, test } from 'vitest';
import { RowIterable } from '@x/core';
import { caught, collect } from './helpers/index.js';

/** A run over `count` numbers that records whether it started and whether its `finally` ran. */
function instrumentedRun(count: number) {
  const state = { started: false, closed: false, pulled: 0 };
  async function* run(): AsyncGenerator<number, void, undefined> {
    state.started = true;
    try {
      for (let row = 1; row <= count; row++) {
        state.pulled = row;
        yield row;
      }
    } finally {
      state.closed = true;
    }
  }
  return { run, state };
}

describe('RowIterable and its signal', () => {
  test('an abort inside the loop: no further row, the run closed before the loop rejects with the reason', async () => {
    const controller = new AbortController();
    const reason = new Error('shutting down');
    const { run, state } = instrumentedRun(10);
    const seen: number[] = [];
    let closedWhenRejected: boolean | undefined;
    const error = await caught(
      (async () => {
        for await (const row of new RowIterable(run, { signal: controller.signal })) {
          seen.push(row);
          if (row === 3) controller.abort(reason);
        }
      })().catch((failure: unknown) => {
        closedWhenRejected = state.closed;
        throw failure;
      }),
    );
    expect(error).toBe(reason);
    expect(seen).toEqual([1, 2, 3]);
    expect(closedWhenRejected).toBe(true);
    expect(state.pulled).toBe(3);
  });

  test('a row that arrives after an abort (the signal fired while the row was on its way) is not delivered', async () => {
    const controller = new AbortController();
    async function* run(): AsyncGenerator<string, void, undefined> {
      yield 'first';
      await Promise.resolve();
      controller.abort();
      yield 'arrived after the abort';
    }
    const rows = new RowIterable(run, { signal: controller.signal })[Symbol.asyncIterator]();
    expect(await rows.next()).toEqual({ done: false, value: 'first' });
    expect(await caught(rows.next())).toMatchObject({ name: 'AbortError' });
    expect(await rows.next()).toEqual({ done: true, value: undefined });
  });

  test('an already aborted signal reads nothing: the run never starts', async () => {
    const reason = new Error('too late');
    const { run, state } = instrumentedRun(3);
    expect(await caught(collect(new RowIterable(run, { signal: AbortSignal.abort(reason) })))).toBe(reason);
    expect(await caught(new RowIterable(run, { signal: AbortSignal.abort(reason) }).toArray())).toBe(reason);
    expect(state.started).toBe(false);
  });

  test('break still closes the run, with or without a signal', async () => {
    for (const signal of [undefined, new AbortController().signal]) {
      const { run, state } = instrumentedRun(10);
      for await (const row of new RowIterable(run, { signal })) if (row === 2) break;
      expect(state.closed).toBe(true);
    }
  });

  test('a failing run rejects with its own error, not the reason, when the signal has not aborted', async () => {
    const failure = new Error('the file was moved');
    async function* run(): AsyncGenerator<number, void, undefined> {
      yield 1;
      throw failure;
    }
    expect(await caught(collect(new RowIterable(run, { signal: new AbortController().signal })))).toBe(failure);
  });

  test('without a signal the run is handed out as it is: no layer between the rows and the loop', () => {
    const { run } = instrumentedRun(1);
    const generator = run();
    expect(new RowIterable(() => generator)[Symbol.asyncIterator]()).toBe(generator);
  });
});
