import { InvalidParamsError } from './errors.js';

/**
 * Logging in the shape openai-node users know: any object with `debug`, `info`, `warn` and
 * `error` (`console`, pino, winston), a level, and an environment variable that sets it.
 * Events carry only methods, paths, statuses, counts, durations and request ids: never a key,
 * a header value, a query string or a cell.
 */

/** Where the SDK writes its log lines. `console` by default. */
export interface Logger {
  /** Requests, responses, pages, poll statuses and download progress. */
  debug(message: string, ...details: unknown[]): void;
  /** Retries scheduled. */
  info(message: string, ...details: unknown[]): void;
  /** Something the caller should know about that did not fail the call. */
  warn(message: string, ...details: unknown[]): void;
  /** Failures. */
  error(message: string, ...details: unknown[]): void;
}

/** How much the SDK logs; each level includes the ones before it. */
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/** The logging options every client takes. */
export interface LoggingOptions {
  /**
   * Receives the SDK's log lines.
   * @default console
   */
  logger?: Logger | undefined;
  /**
   * `'debug'` logs every request, response, page, poll and download progress; `'info'` retries;
   * `'warn'` only what needs attention. Without it, the `X_SDK_LOG` environment variable sets it.
   * @default process.env.X_SDK_LOG ?? 'warn'
   */
  logLevel?: LogLevel | undefined;
}

/** The environment variable that sets the log level when the client is not given one. */
export const LOG_LEVEL_ENV = 'X_SDK_LOG';

const LEVELS: readonly LogLevel[] = ['off', 'error', 'warn', 'info', 'debug'];

/** What one log line may carry: names, numbers, statuses. Never a value from a request or a row. */
export type LogFields = Record<string, string | number | undefined>;

/**
 * A logger bound to a level and a package name: `log.debug('request sent', { method, path })`
 * writes `[x-luscii-export] request sent { method: 'POST', path: '/v1/export/patients' }`.
 *
 * @example
 * ```ts
 * const log = new SdkLog({ logLevel: 'debug' }, 'x-luscii-export');
 * log.debug('page read', { page: 1, rows: 50 });
 * ```
 */
export class SdkLog {
  readonly level: LogLevel;
  readonly #logger: Logger;
  readonly #prefix: string;

  /** @throws {InvalidParamsError} when `logger` lacks a method or `logLevel` is not a level. */
  constructor(options: LoggingOptions = {}, name = 'x-sdk') {
    const { logger = console, logLevel } = options;
    if (typeof logger !== 'object' || logger === null || !(['debug', 'info', 'warn', 'error'] as const).every((m) => typeof logger[m] === 'function')) {
      throw new InvalidParamsError('logger must have debug, info, warn and error methods', { param: 'logger' });
    }
    if (logLevel !== undefined && !LEVELS.includes(logLevel)) {
      throw new InvalidParamsError(`logLevel must be one of ${LEVELS.join(', ')}`, { param: 'logLevel' });
    }
    this.#logger = logger;
    this.#prefix = `[${name}]`;
    const fromEnv = readEnv(LOG_LEVEL_ENV);
    const envLevel = fromEnv !== undefined && LEVELS.includes(fromEnv as LogLevel) ? (fromEnv as LogLevel) : undefined;
    this.level = logLevel ?? envLevel ?? 'warn';
    if (logLevel === undefined && fromEnv !== undefined && envLevel === undefined) {
      this.warn(`${LOG_LEVEL_ENV} is not a log level; using warn`, { allowed: LEVELS.join(', ') });
    }
  }

  /** Whether lines of `level` are written. */
  enabled(level: Exclude<LogLevel, 'off'>): boolean {
    return LEVELS.indexOf(level) <= LEVELS.indexOf(this.level);
  }

  /** Writes an event at `debug`, when the level lets it through. */
  debug(event: string, fields?: LogFields): void {
    this.#write('debug', event, fields);
  }

  /** Writes an event at `info`, when the level lets it through. */
  info(event: string, fields?: LogFields): void {
    this.#write('info', event, fields);
  }

  /** Writes an event at `warn`, when the level lets it through. */
  warn(event: string, fields?: LogFields): void {
    this.#write('warn', event, fields);
  }

  /** Writes an event at `error`, when the level lets it through. */
  error(event: string, fields?: LogFields): void {
    this.#write('error', event, fields);
  }

  #write(level: Exclude<LogLevel, 'off'>, event: string, fields: LogFields | undefined): void {
    if (!this.enabled(level)) return;
    const present = fields && Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    try {
      if (present && Object.keys(present).length > 0) this.#logger[level](`${this.#prefix} ${event}`, present);
      else this.#logger[level](`${this.#prefix} ${event}`);
    } catch {
      // A broken logger must not break an export.
    }
  }
}

/** A variable of the environment, on runtimes that have one (not in a browser). */
function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.[name]?.trim().toLowerCase();
  return value === '' ? undefined : value;
}
