import { rename, rm } from 'node:fs/promises';

/**
 * Writes one file of `x-sync export` under `<file>.partial` and renames it into place once it
 * is complete. A run killed mid-export (or a failed COPY) then leaves a `.partial` file, never
 * a `<table>.csv` that a warehouse loader would take for the whole table; a truncated CSV
 * loads without an error.
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
    throw error;
  }
  await rename(partial, file);
}
