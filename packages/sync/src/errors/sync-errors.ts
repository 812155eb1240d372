import { SdkError, type SdkErrorOptions } from '@x/core';

/**
 * Another process holds the database's writer lock. The message names the database (a file
 * path, or a URL without its password) and what to do.
 *
 * @example
 * ```ts
 * try { await sync({ db: 'x.duckdb' }); } catch (error) { if (error instanceof DestinationLockedError) console.error(error.location); }
 * ```
 */
export class DestinationLockedError extends SdkError {
  static override readonly errorName: string = 'DestinationLockedError';
  /** The database held by another process. */
  readonly location: string;
  /** The run holding the lock, when the database says (PostgreSQL): its id (null before it started one) and when it took the lock. */
  readonly holder: { readonly runId: number | null; readonly since: Date } | undefined;
  constructor(location: string, options: SdkErrorOptions & { holder?: { runId: number | null; since: Date } | undefined; waitedMs?: number | undefined } = {}) {
    const { holder, waitedMs } = options;
    const who = holder ? `x-sync run ${holder.runId ?? '(starting)'}, which took it at ${holder.since.toISOString()}` : 'another process (another x-sync run?)';
    const waited = waitedMs === undefined ? '' : ` after waiting ${Math.round(waitedMs / 1000)} s`;
    super(`the database ${location} is in use by ${who}${waited}`, options);
    this.name = 'DestinationLockedError';
    this.location = location;
    this.holder = holder;
  }
}

/** Why a database operation failed, as {@link DestinationError.reason} says. */
export type DestinationFailure = 'authentication' | 'permission-denied' | 'connection-lost' | 'statement-timeout' | 'disk-full' | 'failed';

/**
 * The database refused or lost an operation: a wrong password, a connection dropped (the server
 * restarted, an administrator ended the session), a statement timeout, a full disk. The unit in
 * progress is rolled back, so a rerun after the fault is gone reaches the state of one clean run.
 * The message names the database, the operation and the SQLSTATE, never a value.
 *
 * @example
 * ```ts
 * catch (error) { if (error instanceof DestinationError && error.reason === 'disk-full') page(); }
 * ```
 */
export class DestinationError extends SdkError {
  static override readonly errorName: string = 'DestinationError';
  readonly reason: DestinationFailure;
  /** The SQLSTATE the server sent (`53100`), or the socket error code (`ECONNRESET`), when known. */
  readonly code: string | undefined;
  readonly location: string;
  constructor(message: string, options: SdkErrorOptions & { reason: DestinationFailure; code?: string | undefined; location: string }) {
    super(message, options);
    this.name = 'DestinationError';
    this.reason = options.reason;
    this.code = options.code;
    this.location = options.location;
  }
}

/**
 * A column of an existing table has a type the new rows no longer fit. Raised before any row of
 * the unit is written; the message names table and column, never a value.
 */
export class SchemaMismatchError extends SdkError {
  static override readonly errorName: string = 'SchemaMismatchError';
  readonly table: string;
  readonly column: string;
  constructor(table: string, column: string, detail: string, options: SdkErrorOptions = {}) {
    super(`column ${column} of table ${table}: ${detail}; nothing of this unit was written (migrate the column, or reset the stream)`, options);
    this.name = 'SchemaMismatchError';
    this.table = table;
    this.column = column;
  }
}

/** A config file, flag or environment variable that cannot be used. Refused before anything runs. */
export class SyncConfigError extends SdkError {
  static override readonly errorName: string = 'SyncConfigError';
  constructor(message: string, options: SdkErrorOptions = {}) {
    super(message, options);
    this.name = 'SyncConfigError';
  }
}

/**
 * A destination used before `open()` or after `close()`, or opened twice: `sync()` opens the
 * destination it is given and closes it when done, so give it one you created, not opened.
 */
export function destinationNotReady(location: string, state: 'not open' | 'already open'): SyncConfigError {
  return new SyncConfigError(`the destination ${location} is ${state}: sync() opens the destination it is given and closes it when done`);
}
