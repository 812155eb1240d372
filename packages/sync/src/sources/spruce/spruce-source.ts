import { ExportFormatError, openSpruceExport, type SpruceExport } from '@x/spruce-export-parser';
import type { MergePlan } from '../../destinations/destination.js';
import type { PlanContext, Source, SourceRow, Unit, UnitEvent } from '../source.js';
import { changedSinceListed, listExportFiles, stillArriving, type ExportFile } from './export-files.js';
import { PERIOD_START_COLUMN, SPRUCE_RULES, SPRUCE_STREAMS } from './spruce-streams.js';
import { checkSourceSettings } from '../source-settings.js';

/** Settings of the Spruce source. */
export interface SpruceSourceOptions {
  /** `SPRUCE_EXPORTS_DIR`: the folder where Spruce's SFTP deliveries land. */
  dir: string;
  /**
   * Rows per staged batch. Rows that wait longer for their batch outlive the JS engine's young
   * generation and pile up in its old one until a full collection: with 5,000 a 200,000-message
   * load into PostgreSQL peaked anywhere from 179 to 280 MiB, with 2,000 at 167-178 MiB.
   * @default 2000
   */
  batchRows?: number | undefined;
  /**
   * Staged rows are committed every this many rows, so no transaction holds a whole file; the
   * merge and the ledger entry still commit together at the end. @default 20000
   */
  commitRows?: number | undefined;
  /**
   * How long a zip that does not open is watched before it counts as damaged. One whose size or
   * modification time changes meanwhile is still being copied into the folder (a delivery that
   * overlaps the job): it is left for a later run with a `file-incomplete` notice, not recorded
   * as failed. @default 2000
   */
  settleMs?: number | undefined;
}

/** State of a Spruce stream (one per table). */
export interface SpruceState {
  /** End of the latest period loaded. */
  periodEnd?: string;
  /** Start of the period the snapshot table was last merged from. */
  snapshotPeriodStart?: string;
}

interface Sizes {
  readonly batchRows: number;
  readonly commitRows: number;
}

interface Opened {
  file: ExportFile;
  start: Date;
  end: Date;
}

/**
 * Spruce: each zip of the folder once (by sha256, in `_sync_files`), in the order of
 * `metadata.start_timestamp`, with a notice for a gap between periods. Snapshot tables merge
 * only from a newer period, with soft deletes; incremental tables upsert (newer wins), replace
 * per parent, or append on the row hash. A damaged zip is recorded as failed and skipped.
 *
 * @example
 * ```ts
 * const source = spruceSource({ dir: process.env.SPRUCE_EXPORTS_DIR! });
 * ```
 */
export function spruceSource(options: SpruceSourceOptions): Source {
  checkSourceSettings('spruce', options);
  const batchRows = options.batchRows ?? 2_000;
  const commitRows = options.commitRows ?? 20_000;
  const settleMs = options.settleMs ?? 2_000;
  return {
    name: 'spruce',
    streams: SPRUCE_STREAMS,
    async *units(context: PlanContext): AsyncIterable<Unit> {
      const selected = SPRUCE_STREAMS.filter((stream) => context.streams.includes(stream.table));
      const tables = selected.map((stream) => stream.table);
      const states = new Map(selected.map((stream) => [stream.table, { ...((context.states.get(stream.table) ?? {}) as SpruceState) }]));
      const opened: Opened[] = [];
      const seen = new Set<string>();
      for (const file of await listExportFiles(options.dir, context.signal)) {
        // The same bytes under another name (a re-sent delivery) load once.
        if (seen.has(file.sha256) || (await context.fileLoaded(file.sha256, tables))) continue;
        seen.add(file.sha256);
        const arriving = () => context.notice('file-incomplete', `${file.name} is still being copied into the folder; it is read on a later run`);
        try {
          const { metadata } = await openSpruceExport(file.path, { signal: context.signal });
          // Its hash would name bytes other than those read: leave it for the run after the copy.
          if (await changedSinceListed(file)) arriving();
          else opened.push({ file, start: metadata.start_timestamp, end: metadata.end_timestamp });
        } catch (error) {
          if (!(error instanceof ExportFormatError)) throw error;
          if (await stillArriving(file, settleMs, context.signal)) arriving();
          else yield failedUnit(file, error, tables);
        }
      }
      opened.sort((a, b) => a.start.getTime() - b.start.getTime() || a.file.name.localeCompare(b.file.name));
      let loadedEnd = [...states.values()].map((state) => state.periodEnd).reduce<string | undefined>((a, b) => (b && (!a || b > a) ? b : a), undefined);
      for (const export_ of opened) {
        const start = export_.start.toISOString();
        if (loadedEnd && start > loadedEnd) context.notice('period-gap', `no export covers ${loadedEnd} to ${start} (before ${export_.file.name})`);
        const end = export_.end.toISOString();
        if (!loadedEnd || end > loadedEnd) loadedEnd = end;
        yield fileUnit(export_, selected, states, { batchRows, commitRows });
      }
    },
  };
}

/** How a unit writes one table: from which Spruce table, merged how, and (history) with which period start. */
interface TablePlan {
  spruceTable: keyof typeof SPRUCE_RULES;
  merge: MergePlan;
  periodStart?: Date;
}

function fileUnit(opened: Opened, streams: typeof SPRUCE_STREAMS, states: Map<string, SpruceState>, sizes: Sizes): Unit {
  const start = opened.start.toISOString();
  const end = opened.end.toISOString();
  const plans = new Map<string, TablePlan>();
  for (const stream of streams) {
    const state = states.get(stream.table)!;
    const rule = SPRUCE_RULES[stream.spruceTable];
    if (stream.history) {
      // Every export's snapshot, in whatever order the files come: rows differ by their period.
      plans.set(stream.table, { spruceTable: stream.spruceTable, merge: { kind: 'append' }, periodStart: opened.start });
    } else if (rule.kind === 'snapshot') {
      if (state.snapshotPeriodStart && state.snapshotPeriodStart >= start) continue;
      plans.set(stream.table, { spruceTable: stream.spruceTable, merge: { kind: 'snapshot', key: rule.key, at: opened.end } });
      state.snapshotPeriodStart = start;
    } else if (rule.kind === 'append') {
      plans.set(stream.table, { spruceTable: stream.spruceTable, merge: { kind: 'append' } });
    } else {
      // A period that ended before the newest loaded one was delivered late: what it holds of a
      // key (or a parent's set) is older than what the table has, even where newer-wins ties
      // (a message deleted since keeps its created_timestamp). Only what is missing goes in.
      const late = state.periodEnd !== undefined && end < state.periodEnd;
      plans.set(stream.table, { spruceTable: stream.spruceTable, merge: late ? { ...rule, existing: 'keep' } : rule });
    }
    if (!state.periodEnd || end > state.periodEnd) state.periodEnd = end;
  }
  const finals = Object.fromEntries(streams.map((stream) => [stream.table, { ...states.get(stream.table)! }]));
  return {
    id: opened.file.sha256,
    streams: streams.map((stream) => stream.table),
    label: opened.file.name,
    read: (context) => readFile(opened, plans, sizes, context.signal),
    finalStates: () => finals,
    ledger: (rows) => ({
      name: opened.file.name,
      size: opened.file.size,
      sha256: opened.file.sha256,
      periodStart: start,
      periodEnd: end,
      rows: Object.fromEntries(streams.map((stream) => [stream.table, rows[stream.table] ?? 0])),
    }),
    skipOnFormatError: true,
  };
}

/**
 * A file's rows in batches. Every `commitRows` rows a checkpoint without state commits what is
 * staged: killed after it, the file is read again from its start, and its `table` event (never a
 * resume) clears the staged rows first, so nothing is staged twice.
 */
async function* readFile(opened: Opened, plans: Map<string, TablePlan>, sizes: Sizes, signal: AbortSignal): AsyncIterable<UnitEvent> {
  const exp: SpruceExport = await openSpruceExport(opened.file.path, { signal });
  let uncommitted = 0;
  for (const [table, plan] of plans) {
    // A table absent from this zip is left as it is (a snapshot is not emptied by a missing file).
    if (!exp.tables.includes(plan.spruceTable)) continue;
    yield { type: 'table', table, merge: plan.merge };
    const sources: { rows: AsyncIterable<SourceRow>; parentsOnly: boolean }[] = [{ rows: tableRows(exp, plan, signal), parentsOnly: false }];
    const rule = SPRUCE_RULES[plan.spruceTable];
    if (rule.kind === 'replace-set' && rule.parentsFrom && exp.tables.includes(rule.parentsFrom)) {
      // Every parent of the period, as a row of its parent columns only: one with no row above has
      // an empty set now, which replaces its old set. Raw: only the ids are read.
      const parents = rule.parent;
      const ids = exp.rows(rule.parentsFrom, { raw: true, signal }) as AsyncIterable<Readonly<Record<string, string>>>;
      sources.push({ rows: mapRows(ids, (row) => Object.fromEntries(parents.map((column) => [column, row[column]]))), parentsOnly: true });
    }
    for (const { rows, parentsOnly } of sources) {
      let batch: SourceRow[] = [];
      for await (const row of rows) {
        batch.push(row);
        if (batch.length >= sizes.batchRows) {
          yield { type: 'rows', table, rows: batch, parentsOnly };
          uncommitted += batch.length;
          batch = [];
          if (uncommitted >= sizes.commitRows) {
            yield { type: 'checkpoint', states: {} };
            uncommitted = 0;
          }
        }
      }
      if (batch.length > 0) yield { type: 'rows', table, rows: batch, parentsOnly };
    }
  }
}

/** The rows of a plan's table, as a history row where the plan keeps history. */
function tableRows(exp: SpruceExport, plan: TablePlan, signal: AbortSignal): AsyncIterable<SourceRow> {
  const rows = exp.rows(plan.spruceTable, { signal }) as AsyncIterable<unknown> as AsyncIterable<SourceRow>;
  const { periodStart } = plan;
  return periodStart ? mapRows(rows, (row) => historyRow(row, periodStart)) : rows;
}

async function* mapRows<T>(rows: AsyncIterable<T>, map: (row: T) => SourceRow): AsyncGenerator<SourceRow, void, undefined> {
  for await (const row of rows) yield map(row);
}

/** A history row: the model's columns of the snapshot row, and the export's period start. */
function historyRow(row: SourceRow, periodStart: Date): SourceRow {
  const { group_entity_id, member_entity_id } = row;
  return { group_entity_id, member_entity_id, [PERIOD_START_COLUMN]: periodStart };
}

function failedUnit(file: ExportFile, error: ExportFormatError, tables: readonly string[]): Unit {
  return {
    id: file.sha256,
    streams: tables,
    label: file.name,
    // eslint-disable-next-line require-yield
    read: async function* () {
      throw error;
    },
    finalStates: () => ({}),
    ledger: () => ({ name: file.name, size: file.size, sha256: file.sha256, periodStart: null, periodEnd: null, rows: {} }),
    skipOnFormatError: true,
  };
}
