import type { MergePlan } from '../../src/destinations/destination.js';
import type { Source, SourceRow, StreamColumn, StreamDefinition, Unit } from '../../src/sources/source.js';

/** One unit of a {@link memorySource}: its rows in batches, and a fault to inject. */
export interface MemoryUnit {
  readonly id: string;
  readonly batches: ReadonlyArray<readonly SourceRow[]>;
  readonly merge: MergePlan;
  /** Called before the batch with this index is yielded (a fault: throw, restart a server, drop a connection). */
  readonly before?: { readonly batch: number; readonly run: () => Promise<void> | void };
}

/**
 * A source over rows in memory, one stream (`table`), for behaviour tests of the engine and the
 * destinations. Its state is the list of committed unit ids, so a rerun takes only the others.
 */
export function memorySource(options: { table: string; columns: readonly StreamColumn[]; softDelete?: boolean; units: readonly MemoryUnit[] }): Source {
  const stream: StreamDefinition = {
    table: options.table,
    source: 'spruce',
    columns: options.columns,
    softDelete: options.softDelete ?? false,
    key: { kind: 'row-hash' },
    rule: 'test rows',
  };
  return {
    name: 'spruce',
    streams: [stream],
    async *units(context) {
      const done = (context.states.get(options.table) as { done?: string[] } | undefined)?.done ?? [];
      const committed = [...done];
      for (const spec of options.units) {
        if (committed.includes(spec.id)) continue;
        const unit: Unit = {
          id: spec.id,
          streams: [options.table],
          label: `unit ${spec.id}`,
          async *read() {
            yield { type: 'table', table: options.table, merge: spec.merge };
            for (const [index, rows] of spec.batches.entries()) {
              if (spec.before?.batch === index) await spec.before.run();
              yield { type: 'rows', table: options.table, rows };
            }
          },
          finalStates: () => ({ [options.table]: { done: [...committed, spec.id] } }),
        };
        yield unit;
        committed.push(spec.id);
      }
    },
  };
}

/** Columns of every type a destination supports. */
export const ALL_TYPES: readonly StreamColumn[] = [
  { wire: 'id', name: 'id', type: 'TEXT' },
  { wire: 'sentAt', name: 'sent_at', type: 'TIMESTAMPTZ' },
  { wire: 'localTime', name: 'local_time', type: 'TIMESTAMP' },
  { wire: 'day', name: 'day', type: 'DATE' },
  { wire: 'count', name: 'count', type: 'BIGINT' },
  { wire: 'score', name: 'score', type: 'DOUBLE' },
  { wire: 'ok', name: 'ok', type: 'BOOLEAN' },
  { wire: 'data', name: 'data', type: 'JSON' },
];

/** A row of {@link ALL_TYPES}; `n` varies every value. */
export function typedRow(n: number, overrides: SourceRow = {}): SourceRow {
  return {
    id: `m${n}`,
    sentAt: new Date(Date.UTC(2024, 4, 1, 12, 0, n % 60)),
    localTime: `2024-05-01T08:00:${String(n % 60).padStart(2, '0')}`,
    day: `2024-05-${String((n % 28) + 1).padStart(2, '0')}`,
    count: n,
    score: n + 0.5,
    ok: n % 2 === 0,
    data: { n, tags: ['a', 'b'] },
    ...overrides,
  };
}
