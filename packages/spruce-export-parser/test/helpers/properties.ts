import type fc from 'fast-check';
import { expect } from 'vitest';
import { openSpruceExport, SdkError, type SpruceExportSource, type TableName } from '../../src/index.js';
import { collect } from './index.js';

/**
 * fast-check parameters for the property suites: a fixed seed and run count can be given with
 * `FC_SEED` and `FC_NUM_RUNS` (to replay a failure, or to search longer), else fast-check
 * picks a seed and prints it with any counterexample.
 */
export function propertyParameters(numRuns: number): fc.Parameters<unknown> {
  const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
  const runs = process.env.FC_NUM_RUNS === undefined ? numRuns : Number(process.env.FC_NUM_RUNS);
  return { numRuns: runs, ...(seed === undefined ? {} : { seed }) };
}

/**
 * How long one property run may take to settle before it counts as a hang. Generous (a run
 * takes milliseconds, on a loaded CI machine tens of them): this is the "never hangs" bound,
 * not a speed target.
 */
export const RUN_DEADLINE_MS = 5_000;

/** A run that did not settle in time. Never an outcome the SDK may produce. */
export class DidNotSettle extends Error {
  constructor(ms: number) {
    super(`did not settle within ${ms} ms: the reader hangs on this input`);
    this.name = 'DidNotSettle';
  }
}

/** What reading an input ended in: the rows, or the error it threw. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs `work` with a signal, and settles it into an {@link Outcome} within `ms`; past that the
 * signal aborts and the run fails with {@link DidNotSettle}.
 */
export async function settleWithin<T>(work: (signal: AbortSignal) => Promise<T>, ms = RUN_DEADLINE_MS): Promise<Outcome<T>> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const hang = new DidNotSettle(ms);
      controller.abort(hang);
      reject(hang);
    }, ms);
  });
  try {
    return { ok: true, value: await Promise.race([work(controller.signal), deadline]) };
  } catch (error) {
    if (error instanceof DidNotSettle) throw error;
    return { ok: false, error };
  } finally {
    clearTimeout(timer);
  }
}

/** An export read whole: the tables it lists, and the rows of the tables asked for, by name. */
export interface ReadExport {
  tables: readonly TableName[];
  rows: Partial<Record<TableName, unknown[]>>;
}

/**
 * Opens `source` and reads every table in `tables` by name (whether or not the export lists
 * it, so that a table that vanished is an error, not a quiet gap), or with `'listed'` every
 * table the export lists, within the run deadline.
 */
export function readExport(source: SpruceExportSource, tables: readonly TableName[] | 'listed', options: { raw?: boolean } = {}): Promise<Outcome<ReadExport>> {
  return settleWithin(async (signal) => {
    const exp = await openSpruceExport(source, { signal });
    const rows: Partial<Record<TableName, unknown[]>> = {};
    for (const table of tables === 'listed' ? exp.tables : tables) rows[table] = await collect(exp.rows(table, { raw: options.raw ?? false, signal }));
    return { tables: exp.tables, rows };
  });
}

/**
 * Asserts that a failure is one of the SDK's own errors, of one of the `allowed` classes, and
 * not a bare `Error`, `TypeError`, `RangeError` or `SyntaxError` from deeper down.
 */
export function expectSdkFailure(error: unknown, allowed: readonly (abstract new (...args: never[]) => SdkError)[]): void {
  expect(error, describeError(error)).toBeInstanceOf(SdkError);
  const constructor = (error as object).constructor;
  expect([Error, TypeError, RangeError, SyntaxError, EvalError, ReferenceError, URIError]).not.toContain(constructor);
  expect(
    allowed.some((kind) => error instanceof kind),
    `${describeError(error)} is none of ${allowed.map((kind) => kind.name).join(', ')}`,
  ).toBe(true);
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
