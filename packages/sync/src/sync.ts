import { InvalidParamsError, values } from '@x/core';
import { SyncConfigError } from './errors/sync-errors.js';
import type { Destination } from './destinations/destination.js';
import { DEFAULT_DB, destinationFor, type PostgresSettings } from './destinations/open-destination.js';
import type { SyncEvent, SyncSummary } from './engine/events.js';
import { runEngine } from './engine/sync-run.js';
import { dexCareSource, type DexCareSourceOptions } from './sources/dexcare/dexcare-source.js';
import { lusciiSource, type LusciiSourceOptions } from './sources/luscii/luscii-source.js';
import type { Source } from './sources/source.js';
import { spruceSource, type SpruceSourceOptions } from './sources/spruce/spruce-source.js';
import { addDays, dayOf } from './sources/windows.js';

/** The built-in sources and their settings; a source runs when its settings are given. */
export interface SourceSettings {
  luscii?: LusciiSourceOptions | undefined;
  dexcare?: DexCareSourceOptions | undefined;
  spruce?: SpruceSourceOptions | undefined;
}

/** Options of {@link sync}. */
export interface SyncOptions {
  /**
   * A DuckDB file path, a `postgres://` URL, or a {@link Destination} you created: `sync()`
   * opens it and closes it when done (one already open is refused).
   * @default './x-sync.duckdb'
   */
  db?: string | Destination | undefined;
  /** For a `postgres://` `db`: the schema of every table, and how long to wait for another run's lock. */
  postgres?: PostgresSettings | undefined;
  /** The sources: settings of the built-in ones, or your own {@link Source}s. */
  sources: SourceSettings | readonly Source[];
  /** Table names to sync (`luscii_measurements`); all streams of the sources when empty. */
  streams?: readonly string[] | undefined;
  /**
   * First day a dated stream reads on its first run (`YYYY-MM-DD`): a day that exists, not after
   * `now`'s, else a `SyncConfigError`.
   * @default 30 days before `now`
   */
  since?: string | undefined;
  /** Ignore stored state and read from `since` again (rows are merged, not duplicated). @default false */
  fullRefresh?: boolean | undefined;
  /** List the units a run would take, and write nothing. @default false */
  dryRun?: boolean | undefined;
  signal?: AbortSignal | undefined;
  /** Called with each progress event (no keys, no values). */
  onProgress?: ((event: SyncEvent) => void) | undefined;
  /** The run's clock. @default new Date() */
  now?: Date | undefined;
}

/**
 * The built-in sources for these settings. A setting a client refuses (a key with white space,
 * a base URL without `https://`) is a {@link SyncConfigError} naming the source and the setting,
 * thrown before anything runs.
 */
export function sourcesFrom(settings: SourceSettings): Source[] {
  const sources: Source[] = [];
  if (settings.luscii) sources.push(configured('luscii', () => lusciiSource(settings.luscii!)));
  if (settings.dexcare) sources.push(configured('dexcare', () => dexCareSource(settings.dexcare!)));
  if (settings.spruce) sources.push(configured('spruce', () => spruceSource(settings.spruce!)));
  return sources;
}

function configured(name: string, create: () => Source): Source {
  try {
    return create();
  } catch (error) {
    if (error instanceof InvalidParamsError) throw new SyncConfigError(`${name}: ${error.message}`, { cause: error });
    throw error;
  }
}

/**
 * Brings the database in step with the sources: each unit of work (a Luscii window or snapshot,
 * an AVR report, an APR window, a Spruce file) commits its rows and its state in one
 * transaction, so a run killed at any point and run again leaves the tables as one clean run.
 * Returns the run's summary; a stream that fails is in it with `status: 'failed'` while the
 * others commit.
 *
 * @example
 * ```ts
 * const summary = await sync({
 *   db: './warehouse.duckdb',
 *   sources: { luscii: { apiKey: process.env.LUSCII_API_KEY! }, spruce: { dir: '/sftp/spruce' } },
 *   onProgress: (event) => console.log(event.event),
 * });
 * if (summary.status !== 'succeeded') process.exitCode = 3;
 * ```
 */
export async function sync(options: SyncOptions): Promise<SyncSummary> {
  const now = options.now ?? new Date();
  const since = options.since ?? addDays(dayOf(now), -30);
  // values.isIsoDate, not Date.parse: Date.parse takes 2024-02-30 and rolls it into March.
  if (!values.isIsoDate(since)) throw new SyncConfigError('since must be a date, YYYY-MM-DD');
  const today = dayOf(now);
  const afterToday = (what: string, day: string) =>
    new SyncConfigError(`${what} ${day} is after today in UTC (${today}), the day every window is counted in: a dated stream would read nothing`);
  if (since > today) throw afterToday('since', since);
  if (!Array.isArray(options.sources)) {
    const settings = options.sources as SourceSettings;
    for (const name of ['luscii', 'dexcare'] as const) {
      for (const [stream, day] of Object.entries(settings[name]?.startDates ?? {})) if (day > today) throw afterToday(`${name}: startDates.${stream}`, day);
    }
  }
  const sources = Array.isArray(options.sources) ? [...(options.sources as readonly Source[])] : sourcesFrom(options.sources as SourceSettings);
  if (sources.length === 0) throw new SyncConfigError('no source is configured: give sources the settings of luscii, dexcare or spruce, or your own Source');
  const known = new Set(sources.flatMap((source) => source.streams.map((stream) => stream.table)));
  const streams = options.streams ?? [];
  for (const stream of streams) {
    if (!known.has(stream)) throw new SyncConfigError(`--stream ${stream}: no such stream among the configured sources (see x-sync status for the list)`);
  }
  const dryRun = options.dryRun ?? false;
  const given = typeof options.db === 'object' ? { destination: options.db, readOnly: dryRun } : destinationFor(options.db ?? DEFAULT_DB, { dryRun, postgres: options.postgres });
  const { destination } = given;
  await destination.open({ readOnly: given.readOnly, signal: options.signal });
  try {
    return await runEngine({
      destination,
      sources,
      streams,
      since,
      fullRefresh: options.fullRefresh ?? false,
      dryRun,
      now,
      signal: options.signal ?? new AbortController().signal,
      emit: options.onProgress ?? (() => undefined),
    });
  } finally {
    await destination.close();
  }
}
