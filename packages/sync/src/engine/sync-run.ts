import { DataValidationError, ExportFormatError } from '@x/core';
import type { Destination, StreamStateValue, TableSpec } from '../destinations/destination.js';
import type { PlanContext, Source, StreamDefinition, Unit } from '../sources/source.js';
import { describeError, stopsSource } from './error-report.js';
import type { RunStatus, StreamSummary, SyncEvent, SyncSummary } from './events.js';
import { runUnit, stagingOf } from './unit-runner.js';

/** What the engine runs: resolved sources and streams against an opened destination. */
export interface EngineRun {
  readonly destination: Destination;
  readonly sources: readonly Source[];
  /** Selected table names; every stream of `sources` when empty. */
  readonly streams: readonly string[];
  readonly since: string;
  readonly fullRefresh: boolean;
  readonly dryRun: boolean;
  readonly now: Date;
  readonly signal: AbortSignal;
  readonly emit: (event: SyncEvent) => void;
}

/**
 * Runs every selected stream of every source, unit by unit. A failed unit stops its stream (a
 * wrong key stops its whole source); the other streams go on and their units stay committed.
 */
export async function runEngine(run: EngineRun): Promise<SyncSummary> {
  const { destination, emit } = run;
  const selected = run.sources.flatMap((source) => source.streams.filter((stream) => run.streams.length === 0 || run.streams.includes(stream.table)));
  const byTable = new Map(selected.map((stream) => [stream.table, stream]));
  const summaries: Record<string, StreamSummary> = Object.fromEntries(selected.map((stream) => [stream.table, emptySummary()]));
  const planned: Record<string, string[]> = {};
  const skipped: string[] = [];
  const runId = run.dryRun ? 0 : await destination.startRun(run.now);
  emit({ event: 'run-started', runId, db: destination.location, streams: selected.map((stream) => stream.table) });

  for (const source of run.sources) {
    const streams = source.streams.filter((stream) => byTable.has(stream.table)).map((stream) => stream.table);
    if (streams.length === 0) continue;
    const failed = new Set<string>();
    const fail = (stream: string, error: unknown) => failStream(summaries[stream], stream, describeError(error, source.name), emit);
    try {
      if (!run.dryRun) await clearLeftoverStaging(destination, source.streams.filter((stream) => byTable.has(stream.table)));
      for await (const unit of source.units(await planContext(run, streams))) {
        if (unit.streams.every((stream) => failed.has(stream))) continue;
        if (run.dryRun) {
          for (const stream of unit.streams) (planned[stream] ??= []).push(unit.label);
          emit({ event: 'planned', stream: unit.streams.join(','), unit: unit.label });
          continue;
        }
        const outcome = await runOne(unit, run, byTable, runId, summaries);
        if (outcome === 'ok') continue;
        if (outcome === 'skipped') {
          skipped.push(unit.label);
          continue;
        }
        for (const stream of unit.streams) fail(stream, outcome.error);
        if (stopsSource(outcome.error)) {
          for (const stream of streams) failed.add(stream);
          for (const stream of streams) fail(stream, outcome.error);
        } else for (const stream of unit.streams) failed.add(stream);
      }
    } catch (error) {
      // Planning failed (the Spruce folder is missing, a listing call was refused).
      for (const stream of streams) fail(stream, error);
    }
  }

  const values = Object.values(summaries);
  const failures = values.filter((summary) => summary.status === 'failed').length;
  // A skipped (damaged) file leaves the run partial: data the user expects is missing.
  const status: RunStatus = failures === 0 ? (skipped.length === 0 ? 'succeeded' : 'partial') : failures === values.length ? 'failed' : 'partial';
  const summary: SyncSummary = { runId, status, dryRun: run.dryRun, streams: summaries, skipped, ...(run.dryRun ? { planned } : {}) };
  if (!run.dryRun) await destination.finishRun(runId, status, summaries, new Date(Math.max(Date.now(), run.now.getTime())));
  emit({ event: 'run-finished', runId, status, summary });
  return summary;
}

async function runOne(unit: Unit, run: EngineRun, streams: Map<string, StreamDefinition>, runId: number, summaries: Record<string, StreamSummary>) {
  run.emit({ event: 'unit-started', streams: unit.streams, unit: unit.label });
  try {
    const counts = await runUnit(unit, { destination: run.destination, streams, runId, signal: run.signal, emit: run.emit });
    for (const [table, count] of Object.entries(counts)) {
      const summary = summaries[table];
      if (!summary) continue;
      summary.units += 1;
      summary.rows += count.rows;
      summary.inserted += count.inserted;
      summary.updated += count.updated;
      summary.deleted += count.deleted;
    }
    run.emit({ event: 'unit-committed', streams: unit.streams, unit: unit.label, tables: counts });
    return 'ok' as const;
  } catch (error) {
    // A value the model refuses is the file's fault as much as a broken zip: failing the stream instead
    // stopped every later file too, night after night, with a hint to run again.
    if (unit.skipOnFormatError && (error instanceof ExportFormatError || error instanceof DataValidationError)) {
      const ledger = unit.ledger?.({}, runId);
      if (ledger) await run.destination.transaction((tx) => tx.putFile({ ...ledger, rows: {}, status: 'failed', error: error.name, runId }));
      const { error: name, message } = describeError(error);
      run.emit({ event: 'unit-skipped', streams: unit.streams, unit: unit.label, error: name, message });
      return 'skipped' as const;
    }
    return { error };
  }
}

/**
 * Clears what killed runs left staged in the tables of streams whose units never resume from
 * staged rows: each unit stages its rows again, so these rows would only take space, for good
 * where their unit never comes back.
 */
async function clearLeftoverStaging(destination: Destination, streams: readonly StreamDefinition[]): Promise<void> {
  const tables: TableSpec[] = [];
  for (const stream of streams) {
    const columns = stream.resumesStagedRows ? undefined : await destination.describeTable(stream.table);
    if (columns) tables.push({ name: stream.table, columns, softDelete: stream.softDelete, staging: stagingOf(destination, stream) });
  }
  if (tables.length === 0) return;
  await destination.transaction(async (tx) => {
    for (const table of tables) await tx.clearStaging?.(table);
  });
}

async function planContext(run: EngineRun, streams: readonly string[]): Promise<PlanContext> {
  // Loaded on a full refresh too: it is the dated sources that read from `since` again; what
  // Spruce's state records (the periods merged) stays true whatever the run reads.
  const states = new Map<string, StreamStateValue>();
  for (const stream of streams) {
    const state = await run.destination.getState(stream).catch(() => undefined);
    if (state !== undefined) states.set(stream, state);
  }
  return {
    states,
    streams,
    since: run.since,
    fullRefresh: run.fullRefresh,
    now: run.now,
    signal: run.signal,
    fileLoaded: async (sha256, tables) => {
      const entry = await run.destination.getFile(sha256).catch(() => undefined);
      return entry !== undefined && tables.every((table) => table in entry.rows || entry.status === 'failed');
    },
    notice: (code, message) => run.emit({ event: 'notice', stream: streams[0] ?? '', code, message }),
  };
}

/** Marks a stream failed, once: a stream stopped by its source's wrong key is not reported twice. */
function failStream(summary: StreamSummary | undefined, stream: string, described: ReturnType<typeof describeError>, emit: (event: SyncEvent) => void): void {
  if (!summary || summary.status === 'failed') return;
  summary.status = 'failed';
  summary.error = described.error;
  summary.message = described.message;
  emit({ event: 'stream-failed', stream, ...described });
}

function emptySummary(): StreamSummary {
  return { status: 'succeeded', units: 0, rows: 0, inserted: 0, updated: 0, deleted: 0 };
}
