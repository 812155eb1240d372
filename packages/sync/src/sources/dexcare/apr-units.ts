import { SdkError, type DexCareReportingClient } from '@x/dexcare-reporting';
import type { SourceRow, Unit, UnitEvent } from '../source.js';
import { APR_TABLE } from './dexcare-streams.js';

/** State of the APR stream: the end of the last window read. */
export interface AprState {
  high?: string;
}

const MAX_READS = 3;

/**
 * One APR time window: every offset page staged; then the count asked again, and if it moved
 * (or the rows read do not match it) the staged rows are discarded and the window read again.
 * Upserted on `id`.
 */
export function aprWindowUnit(client: DexCareReportingClient, from: Date, to: Date, pageSize: number): Unit {
  return {
    id: `${from.toISOString()}..${to.toISOString()}`,
    streams: [APR_TABLE],
    label: `${from.toISOString()}..${to.toISOString()}`,
    read: (context) => readApr(client, from, to, pageSize, context.signal),
    finalStates: () => ({ [APR_TABLE]: { high: to.toISOString() } satisfies AprState }),
  };
}

async function* readApr(client: DexCareReportingClient, startDate: Date, endDate: Date, pageSize: number, signal: AbortSignal): AsyncIterable<UnitEvent> {
  yield { type: 'table', table: APR_TABLE, merge: { kind: 'upsert', key: ['id'] } };
  for (let attempt = 1; ; attempt++) {
    let count: number | undefined;
    let read = 0;
    let pages = 0;
    let moved = false;
    try {
      for await (const page of client.providerHistories({ startDate, endDate, pageSize, signal }).pages()) {
        count ??= page.count;
        read += page.data.length;
        pages += 1;
        yield { type: 'rows', table: APR_TABLE, rows: page.data as unknown as SourceRow[] };
        yield { type: 'progress', pages };
      }
    } catch (error) {
      // The paging engine reports a count that moved mid-read as a plain SdkError (no subclass).
      if (!(error instanceof SdkError) || error.name !== 'SdkError') throw error;
      moved = true;
    }
    let again = 0;
    // The last record read, alone: while the count holds, its offset is the last below the count,
    // so the pager has no page to fetch ahead (from offset 0 it sent up to `concurrency` more,
    // each a request against DexCare's limits, only to cancel them).
    const last = { pageSize: 1, concurrency: 1, offset: Math.max(read - 1, 0) };
    for await (const page of client.providerHistories({ startDate, endDate, ...last, signal }).pages()) {
      again = page.count;
      break;
    }
    if (!moved && again === (count ?? 0) && read === again) return;
    if (attempt >= MAX_READS) throw new SdkError(`the All Providers Report count kept changing while window ${startDate.toISOString()}..${endDate.toISOString()} was read ${MAX_READS} times; run again later`);
    yield { type: 'restart', reason: 'the report count changed while the window was read' };
  }
}
