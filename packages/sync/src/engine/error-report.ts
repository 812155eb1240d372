import { AuthenticationError, ExportFormatError, isSdkError, NotFoundError, RateLimitError, ConnectionError } from '@x/core';
import { DestinationError, DestinationLockedError, SchemaMismatchError, SyncConfigError } from '../errors/sync-errors.js';
import { SOURCE_ENVIRONMENT } from '../sources/source-environment.js';

/**
 * An error as a run reports it: its class name, a message safe to print and what to do. SDK
 * errors never quote values; any other error (a database driver's) may, so quoted text in its
 * message is withheld. `source` is the name of the source whose stream failed, for the hint.
 */
export function describeError(error: unknown, source?: string): { error: string; message: string; hint: string } {
  const name = error instanceof Error ? error.name : 'Error';
  const raw = error instanceof Error ? error.message : String(error);
  const message = isSdkError(error) ? raw : raw.replace(/'[^']*'|"[^"]*"/g, "'…'").split('\n')[0]!;
  return { error: name, message, hint: hintFor(error, source) };
}

function hintFor(error: unknown, source: string | undefined): string {
  const env: { readonly key: string | undefined; readonly host: string | undefined } | undefined = SOURCE_ENVIRONMENT[source as keyof typeof SOURCE_ENVIRONMENT];
  if (error instanceof AuthenticationError) return `check ${env?.key ?? 'the key in the environment (LUSCII_API_KEY, DEXCARE_SERVICE_KEY, DEXCARE_APR_KEY)'}; the other sources committed`;
  if (error instanceof NotFoundError) return `check ${env?.host ?? 'the base URL in the environment'}`;
  if (error instanceof RateLimitError) return 'the vendor is rate limiting; run again later, the stream resumes where it stopped';
  if (error instanceof ConnectionError) return 'the vendor could not be reached; run again, the stream resumes where it stopped';
  if (error instanceof ExportFormatError) {
    if (source === 'spruce') return 'the file is damaged or not a Spruce export; ask Spruce to deliver it again';
    // An API's download that is not what it should be: a proxy's or a login page, a body cut off.
    return `the vendor sent something other than the export (a proxy's page, a cut-off body); run again, the stream resumes where it stopped; if it repeats, check ${env?.host ?? 'the base URL'} and any proxy between`;
  }
  if (error instanceof SchemaMismatchError) return 'the vendor changed a column type; migrate the column or run `x-sync reset --stream` for this table';
  if (error instanceof DestinationLockedError) return 'wait for it to finish, or point --db elsewhere';
  if (error instanceof SyncConfigError) return 'fix the setting it names; running again as it is fails the same way';
  // Its message already says what to do for its reason (pg-errors.ts, duckdb-errors.ts, export-file.ts).
  if (error instanceof DestinationError) return '';
  return 'run again: committed units are kept and the stream resumes where it stopped';
}

/** A failure's message and its hint as one line for a person; the hint is left out when empty. */
export function withHint(message: string, hint: string): string {
  return hint === '' ? message : `${message}. ${hint}`;
}

/** Whether an error stops every stream of its source (a wrong key is wrong for all of them). */
export function stopsSource(error: unknown): boolean {
  return error instanceof AuthenticationError;
}
