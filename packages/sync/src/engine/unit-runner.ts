import type { Destination, DestinationTransaction, MergeCounts, MergePlan, TableSpec } from '../destinations/destination.js';
import type { StreamDefinition, Unit, UnitEvent } from '../sources/source.js';
import type { SyncEvent } from './events.js';
import { ReadAhead } from './read-ahead.js';
import { RowEncoder } from './row-encoder.js';

/** What running one unit needs. */
export interface UnitRunContext {
  readonly destination: Destination;
  readonly streams: ReadonlyMap<string, StreamDefinition>;
  readonly runId: number;
  readonly signal: AbortSignal;
  readonly emit: (event: SyncEvent) => void;
}

interface TableWork {
  spec: TableSpec;
  encoder: RowEncoder;
  merge: MergePlan;
  rows: number;
}

/** Rows, inserted, updated and deleted per table of a committed unit. */
export type UnitCounts = Record<string, MergeCounts & { rows: number }>;

/**
 * Runs one unit exactly once: staged rows and each `checkpoint` state commit together; at the
 * end the merges, the final states and the ledger entry commit in ONE transaction. Killed at any
 * point, the database holds the last committed checkpoint and nothing after it.
 */
export async function runUnit(unit: Unit, context: UnitRunContext): Promise<UnitCounts> {
  const { destination, runId } = context;
  const tables = new Map<string, TableWork>();
  // The next page is fetched while the current one is written, at most one batch ahead (a
  // bounded queue); sources never touch the database, so this is safe. Two batches ahead measured
  // no better overlap (the fetch bounds a page) and more RSS on a Spruce file.
  const reader = new ReadAhead(unit.read({ signal: context.signal })[Symbol.asyncIterator](), { weighs: (event) => event.type === 'rows' });
  try {
    let result = await reader.next();
    for (;;) {
      const outcome = await destination.transaction(async (tx) => {
        while (!result.done) {
          const event = result.value;
          await applyEvent(event, tx, tables, unit, context);
          if (event.type === 'checkpoint') return 'checkpoint' as const;
          result = await reader.next();
        }
        const counts: UnitCounts = {};
        for (const [name, work] of tables) {
          const merged = await tx.merge(work.spec, unit.id, work.merge, runId);
          counts[name] = { ...merged, rows: work.rows };
        }
        for (const [stream, state] of Object.entries(unit.finalStates())) await tx.putState(stream, state);
        const rows = Object.fromEntries([...tables].map(([name, work]) => [name, work.rows]));
        const ledger = unit.ledger?.(rows, runId);
        if (ledger) await tx.putFile({ ...ledger, status: 'loaded', runId });
        return counts;
      });
      if (outcome !== 'checkpoint') return outcome;
      result = await reader.next();
    }
  } catch (error) {
    void reader.close();
    throw error;
  }
}

async function applyEvent(event: UnitEvent, tx: DestinationTransaction, tables: Map<string, TableWork>, unit: Unit, context: UnitRunContext): Promise<void> {
  switch (event.type) {
    case 'table': {
      const stream = context.streams.get(event.table);
      const columns = event.columns ?? stream?.columns ?? [];
      const existing = await context.destination.describeTable(event.table);
      // Columns a previous run added (a field the vendor started sending) stay known.
      const known = existing ? existing.filter((column) => !columns.some((c) => c.name === column.name)).map((column) => ({ ...column, wire: column.name })) : [];
      const encoder = new RowEncoder(event.table, [...columns, ...known], { hashRows: !context.destination.hashesStagedRows });
      const spec: TableSpec = { name: event.table, columns: encoder.columns, softDelete: stream?.softDelete ?? false, staging: stagingOf(context.destination, stream) };
      await ensure(context, spec, stream?.table ?? event.table);
      if (!event.resume) await tx.clearStage(spec, unit.id);
      const previous = tables.get(event.table);
      tables.set(event.table, { spec, encoder, merge: event.merge, rows: previous?.rows ?? 0 });
      return;
    }
    case 'rows': {
      const work = tables.get(event.table);
      if (!work) throw new Error(`x-sync: rows for undeclared table ${event.table}`);
      if (work.encoder.discover(event.rows).length > 0) {
        work.spec = { ...work.spec, columns: work.encoder.columns };
        await ensure(context, work.spec, event.table);
      }
      await tx.stage(work.spec, unit.id, work.encoder.stagedColumns(), work.encoder.encode(event.rows));
      if (event.parentsOnly) return;
      work.rows += event.rows.length;
      context.emit({ event: 'rows', table: event.table, rows: event.rows.length, total: work.rows });
      return;
    }
    case 'checkpoint':
      for (const [stream, state] of Object.entries(event.states)) await tx.putState(stream, state);
      return;
    case 'restart':
      for (const work of tables.values()) {
        await tx.clearStage(work.spec, unit.id);
        work.rows = 0;
      }
      context.emit({ event: 'notice', stream: unit.streams[0] ?? '', code: 'unit-restarted', message: `${unit.label}: ${event.reason}; reading it again` });
      return;
    case 'progress':
      context.emit({
        event: 'progress',
        streams: unit.streams,
        unit: unit.label,
        ...(event.pages === undefined ? {} : { pages: event.pages }),
        ...(event.status === undefined ? {} : { status: event.status }),
      });
      return;
    case 'notice':
      context.emit({ event: 'notice', stream: unit.streams[0] ?? '', code: event.code, message: event.message });
      return;
  }
}

/**
 * Where a stream's staged rows live on `destination`: for the session when the destination can
 * and the stream's units never resume from staged rows, else durable (see `TableSpec.staging`).
 */
export function stagingOf(destination: Destination, stream: StreamDefinition | undefined): 'durable' | 'session' {
  return destination.sessionStaging && stream && !stream.resumesStagedRows ? 'session' : 'durable';
}

async function ensure(context: UnitRunContext, spec: TableSpec, stream: string): Promise<void> {
  for (const notice of await context.destination.ensureTable(spec)) {
    if (notice.kind === 'column-added') {
      context.emit({ event: 'notice', stream, code: 'column-added', message: `table ${notice.table}: new column ${notice.column} (${notice.type ?? 'TEXT'}) added` });
    }
  }
}
