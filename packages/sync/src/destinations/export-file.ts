import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DestinationError, SyncConfigError } from '../errors/sync-errors.js';
import { noRoomReason } from './no-room.js';

/**
 * Creates the folder of `x-sync export --out` when missing, and refuses a path that is a file
 * by name (Node's EEXIST quotes it, and x-sync withholds quoted text).
 */
export async function exportFolder(dir: string): Promise<void> {
  const found = await stat(dir).catch(() => undefined);
  if (found && !found.isDirectory()) throw new SyncConfigError(`--out ${dir}: a file, not a folder to write the tables into`);
  await mkdir(dir, { recursive: true });
}

/**
 * Writes a file another program reads (a table of `x-sync export`, a `spruce-access --out`
 * report) under `<file>.partial` and renames it into place once it is complete. A run killed
 * mid-write (or a failed COPY) then leaves a `.partial` file, never a `<table>.csv` that a
 * warehouse loader would take for the whole table; a truncated CSV loads without an error.
 * A write that finds no room (a full disk) is a `DestinationError` (`disk-full`) naming the
 * file, whichever database was being read.
 *
 * @example
 * ```ts
 * await writeExportFile(join(dir, 'spruce_messages.csv'), (path) => copyTableOut(client, 'spruce_messages', path));
 * ```
 */
export async function writeExportFile(file: string, write: (path: string) => Promise<unknown>): Promise<void> {
  const partial = `${file}.partial`;
  try {
    await write(partial);
  } catch (error) {
    await rm(partial, { force: true });
    const why = noRoomReason(error);
    if (why === undefined) throw error;
    throw new DestinationError(
      `writing ${file} failed: no room to write (${why}): the disk that holds ${dirname(file)} is full, or a quota or file size limit is reached; ` +
        'free space there and run the command again (the files it wrote before are whole)',
      { reason: 'disk-full', location: file, cause: error },
    );
  }
  await rename(partial, file);
}
