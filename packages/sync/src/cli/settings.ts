import { SyncConfigError } from '../errors/sync-errors.js';
import { DEFAULT_DB, type PostgresSettings } from '../destinations/open-destination.js';
import type { SourceSettings } from '../sync.js';
import { readConfigFile, type SyncConfigFile } from './config-file.js';
import { SOURCE_ENVIRONMENT } from '../sources/source-environment.js';
import { ALL_STREAMS } from '../streams.js';

/** Flags of `x-sync run` that settle settings. */
export interface RunFlags {
  db?: string;
  source?: string[];
  stream?: string[];
  since?: string;
  config?: string;
  schema?: string;
  lockWait?: string;
}

/** Settings resolved in one place: flags beat environment beats config beats defaults. */
export interface ResolvedSettings {
  db: string;
  sources: SourceSettings;
  streams: string[];
  since: string | undefined;
  postgres: PostgresSettings;
}

const SOURCES = ['luscii', 'dexcare', 'spruce'] as const;

/** The database from `--db`, `X_SYNC_DB`, the config, or the default. */
export function resolveDb(flag: string | undefined, env: NodeJS.ProcessEnv, config: SyncConfigFile = {}): string {
  return flag ?? setting(env.X_SYNC_DB) ?? config.db ?? DEFAULT_DB;
}

/**
 * An environment variable's value, or `undefined` when it is empty as well as when it is unset:
 * `X_SYNC_DB=` in an env file, or `X_SYNC_DB=$DB` with `$DB` unset, means no value, as the
 * sources' variables do.
 */
function setting(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}

/**
 * PostgreSQL settings from `--schema` (or `X_SYNC_SCHEMA`) and `--lock-wait SECONDS` (or
 * `X_SYNC_LOCK_WAIT`; default 60): ignored for a DuckDB file, except that `--schema` is refused there.
 */
export function resolvePostgres(flags: { schema?: string; lockWait?: string }, env: NodeJS.ProcessEnv): PostgresSettings {
  const schema = flags.schema ?? setting(env.X_SYNC_SCHEMA);
  const wait = flags.lockWait ?? setting(env.X_SYNC_LOCK_WAIT);
  if (wait !== undefined && !/^\d+$/.test(wait)) throw new SyncConfigError('--lock-wait: whole seconds to wait for another run (0 to not wait)');
  return { ...(schema ? { schema } : {}), ...(wait === undefined ? {} : { lockWaitMs: Number(wait) * 1000 }) };
}

/**
 * Resolves flags, environment and config into sync settings. A source runs when its settings are
 * present in the environment; `--source` narrows them and names one that is not configured as
 * a usage error.
 */
export async function resolveSettings(flags: RunFlags, env: NodeJS.ProcessEnv): Promise<ResolvedSettings> {
  const config = flags.config ? await readConfigFile(flags.config) : {};
  const all: SourceSettings = {};
  if (env.LUSCII_API_KEY) all.luscii = { apiKey: env.LUSCII_API_KEY, baseUrl: env.LUSCII_BASE_URL, ...config.luscii };
  if (env.DEXCARE_BASE_URL && env.DEXCARE_SERVICE_KEY) {
    all.dexcare = { baseUrl: env.DEXCARE_BASE_URL, serviceKey: env.DEXCARE_SERVICE_KEY, aprBaseUrl: env.DEXCARE_APR_BASE_URL, aprKey: env.DEXCARE_APR_KEY, ...config.dexcare };
  }
  if (env.SPRUCE_EXPORTS_DIR) all.spruce = { dir: env.SPRUCE_EXPORTS_DIR, ...config.spruce };
  const wanted = flags.source ?? [];
  for (const name of wanted) {
    if (!(SOURCES as readonly string[]).includes(name)) throw new SyncConfigError(`--source ${name}: one of ${SOURCES.join(', ')}`);
    if (!all[name as keyof SourceSettings]) throw new SyncConfigError(`--source ${name}: not configured; ${SOURCE_ENVIRONMENT[name as keyof typeof SOURCE_ENVIRONMENT].turnOn}`);
  }
  const sources: SourceSettings = {};
  for (const name of SOURCES) if ((wanted.length === 0 || wanted.includes(name)) && all[name]) Object.assign(sources, { [name]: all[name] });
  if (Object.keys(sources).length === 0) throw new SyncConfigError(`no source is configured: ${SOURCES.map((name) => SOURCE_ENVIRONMENT[name].turnOn).join('; or ')}`);
  const postgres = resolvePostgres(flags, env);
  return { db: resolveDb(flags.db, env, config), sources, streams: flags.stream ?? configStreams(config.streams, sources), since: flags.since ?? config.since, postgres };
}

/**
 * The config's `streams` of the sources that run: the config lists the job's streams, and the
 * environment or `--source` picks which sources run this time (`--source luscii` with a config
 * that also lists Spruce's). A stream no source has at all is left for `sync()` to refuse.
 */
function configStreams(streams: readonly string[] | undefined, sources: SourceSettings): string[] {
  if (!streams || streams.length === 0) return [];
  const running = streams.filter((stream) => {
    const known = ALL_STREAMS.find((definition) => definition.table === stream);
    return !known || known.source in sources;
  });
  if (running.length === 0) {
    throw new SyncConfigError(`the config's streams (${streams.join(', ')}) are of no source that runs here (${Object.keys(sources).join(', ')}): set the other source's variables, or leave out --source`);
  }
  return running;
}
