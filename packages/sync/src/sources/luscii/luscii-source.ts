import { ApiError, LusciiClient, type LusciiReportType } from '@x/luscii-export';
import type { MergePlan } from '../../destinations/destination.js';
import { columnName } from '../columns.js';
import type { PlanContext, Source, SourceRow, Unit, UnitEvent } from '../source.js';
import { addDays, dayOf, dayWindows, maxDay } from '../windows.js';
import { LUSCII_SNAPSHOT_KEYS, LUSCII_STREAMS, LUSCII_WINDOW_COLUMNS } from './luscii-streams.js';
import { checkSourceSettings } from '../source-settings.js';

/** Settings of the Luscii source. */
export interface LusciiSourceOptions {
  /** `LUSCII_API_KEY`. */
  apiKey: string;
  /** `LUSCII_BASE_URL`. @default 'https://api.luscii.com' */
  baseUrl?: string | undefined;
  /** Days per window of a dated report. @default 7 */
  windowDays?: number | undefined;
  /** Days re-read before the last window each run. @default 7 */
  lookbackDays?: number | undefined;
  /** Per-stream first day, overriding `since` (`{ luscii_measurements: '2024-01-01' }`). */
  startDates?: Readonly<Record<string, string>> | undefined;
  /** A `fetch` for the client (a proxy agent, a test double). */
  fetch?: typeof globalThis.fetch | undefined;
}

/** Pages between two commits of a window's staged rows and cursor (a commit costs an fsync). */
const CHECKPOINT_PAGES = 10;

interface WindowState {
  high?: string;
  window?: { from: string; to: string; cursor: string | null };
}

interface SnapshotState {
  snapshotAt?: string;
  inProgress?: { cursor: string | null };
}

/**
 * Luscii: dated reports (`measurements`, `alerts`, and the optional-date types) in day windows
 * from the start date, re-reading a look-back each run and replacing each window; an interrupted
 * window resumes from its saved cursor. Reports that forbid dates are snapshots, merged on their
 * key when the whole chain is read, with soft deletes.
 *
 * @example
 * ```ts
 * const source = lusciiSource({ apiKey: process.env.LUSCII_API_KEY! });
 * ```
 */
export function lusciiSource(options: LusciiSourceOptions): Source {
  checkSourceSettings('luscii', options);
  const client = new LusciiClient({
    apiKey: options.apiKey,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const windowDays = options.windowDays ?? 7;
  const lookbackDays = options.lookbackDays ?? 7;
  return {
    name: 'luscii',
    streams: LUSCII_STREAMS,
    async *units(context: PlanContext): AsyncIterable<Unit> {
      // A full refresh reads from `since` again: no window, cursor or report of before.
      const states = context.fullRefresh ? new Map<string, unknown>() : context.states;
      for (const stream of LUSCII_STREAMS) {
        if (!context.streams.includes(stream.table)) continue;
        const type = stream.reportType;
        if (LUSCII_WINDOW_COLUMNS[type]) {
          const state = (states.get(stream.table) ?? {}) as WindowState;
          const today = dayOf(context.now);
          const since = options.startDates?.[stream.table] ?? context.since;
          let high = state.high;
          const windows: Array<{ from: string; to: string; cursor: string | null }> = [];
          let next: string;
          if (state.window) {
            windows.push(state.window);
            next = addDays(state.window.to, 1);
          } else next = high ? maxDay(since, addDays(high, 1 - lookbackDays)) : since;
          for (const window of dayWindows(next, today, windowDays)) windows.push({ ...window, cursor: null });
          for (const window of windows) {
            const previous = high;
            high = previous ? maxDay(previous, window.to) : window.to;
            yield windowUnit(client, stream.table, type, window, previous, high);
          }
        } else {
          const state = (states.get(stream.table) ?? {}) as SnapshotState;
          yield snapshotUnit(client, stream.table, type, state.inProgress?.cursor ?? null, context.now);
        }
      }
    },
  };
}

function windowUnit(
  client: LusciiClient,
  table: string,
  type: LusciiReportType,
  window: { from: string; to: string; cursor: string | null },
  previousHigh: string | undefined,
  high: string,
): Unit {
  const merge: MergePlan = { kind: 'replace-window', column: columnName(LUSCII_WINDOW_COLUMNS[type]!), from: window.from, to: window.to };
  const label = `${window.from}..${window.to}${window.cursor ? ' (resumed)' : ''}`;
  return {
    id: `${window.from}..${window.to}`,
    streams: [table],
    label,
    read: (context) =>
      readPages(client, table, type, merge, window.cursor, context.signal, { startDate: window.from, endDate: window.to }, (cursor) => ({
        ...(previousHigh ? { high: previousHigh } : {}),
        window: { from: window.from, to: window.to, cursor },
      })),
    finalStates: () => ({ [table]: { high } satisfies WindowState }),
  };
}

function snapshotUnit(client: LusciiClient, table: string, type: LusciiReportType, cursor: string | null, now: Date): Unit {
  const keys = LUSCII_SNAPSHOT_KEYS[type]?.map(columnName) ?? ['_sync_row_hash'];
  const merge: MergePlan = { kind: 'snapshot', key: keys, at: now };
  return {
    id: 'snapshot',
    streams: [table],
    label: cursor ? 'snapshot (resumed)' : 'snapshot',
    read: (context) => readPages(client, table, type, merge, cursor, context.signal, {}, (next) => ({ inProgress: { cursor: next } })),
    finalStates: () => ({ [table]: { snapshotAt: now.toISOString() } satisfies SnapshotState }),
  };
}

async function* readPages(
  client: LusciiClient,
  table: string,
  type: LusciiReportType,
  merge: MergePlan,
  cursor: string | null,
  signal: AbortSignal,
  dates: { startDate?: string; endDate?: string },
  checkpoint: (cursor: string) => unknown,
): AsyncIterable<UnitEvent> {
  yield { type: 'table', table, merge, resume: cursor !== null };
  const exportRows = client.export as (type: LusciiReportType, params: object) => { pages(): AsyncIterable<{ data: unknown[]; nextCursor: string | null }> };
  let pages = 0;
  try {
    for await (const page of exportRows.call(client, type, { ...dates, ...(cursor ? { cursor } : {}), signal }).pages()) {
      pages += 1;
      yield { type: 'rows', table, rows: page.data as SourceRow[] };
      yield { type: 'progress', pages };
      // Every CHECKPOINT_PAGES pages, staged rows commit with the cursor: a crash costs at most that many pages.
      if (page.nextCursor && pages % CHECKPOINT_PAGES === 0) yield { type: 'checkpoint', states: { [table]: checkpoint(page.nextCursor) } };
    }
  } catch (error) {
    if (cursor === null || pages > 0 || !refusesCursor(error)) throw error;
    // A cursor saved by a run that died, which Luscii no longer takes (its format changed in a
    // deploy since): the window would fail every night until reset. Read it again from its start.
    yield { type: 'restart', reason: 'Luscii refused the cursor saved when an earlier run stopped' };
    yield* readPages(client, table, type, merge, null, signal, dates, checkpoint);
  }
}

/** Whether Luscii answered that the `cursor` parameter is invalid (422, `attribute: 'cursor'`). */
function refusesCursor(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500 && error.errors.some((detail) => detail.attribute === 'cursor');
}
