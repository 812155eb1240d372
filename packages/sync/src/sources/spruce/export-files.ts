import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SyncConfigError } from '../../errors/sync-errors.js';

/** A zip in the exports folder. */
export interface ExportFile {
  readonly name: string;
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

/**
 * The `.zip` files of a folder (not its subfolders), by name, each with its size and sha256
 * (streamed, so a large export is not held in memory). A symbolic link to a zip counts as the
 * zip; hidden files (a leading dot) are not exports: macOS leaves a `._<name>.zip` of metadata
 * beside each file it copies to a shared drive.
 */
export async function listExportFiles(dir: string, signal: AbortSignal): Promise<ExportFile[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') throw new SyncConfigError(`SPRUCE_EXPORTS_DIR ${dir}: no such folder`);
    throw error;
  });
  const names = entries.filter((entry) => !entry.name.startsWith('.') && entry.name.toLowerCase().endsWith('.zip')).map((entry) => entry.name);
  names.sort();
  const files: ExportFile[] = [];
  for (const name of names) {
    signal.throwIfAborted();
    const path = join(dir, name);
    // stat follows a link; a folder named *.zip, or a link to nothing, is no export.
    const found = await stat(path).catch(() => undefined);
    if (!found?.isFile()) continue;
    files.push({ name, path, size: found.size, sha256: await sha256Of(path, signal) });
  }
  return files;
}

async function sha256Of(path: string, signal: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { signal })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
