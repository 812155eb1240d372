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
  constructor(location: string, options: SdkErrorOptions = {}) {
    super(`the database ${location} is in use by another process (another x-sync run?); wait for it to finish, or point --db elsewhere`, options);
    this.name = 'DestinationLockedError';
    this.location = location;
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
