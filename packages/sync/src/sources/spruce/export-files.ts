import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SyncConfigError } from '../../errors/sync-errors.js';

/** A zip in the exports folder. */
export interface ExportFile {
  readonly name: string;
  readonly path: string;
  readonly size: number;
  /** Its modification time when listed, in ms. */
  readonly modifiedMs: number;
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
    files.push({ name, path, size: found.size, modifiedMs: found.mtimeMs, sha256: await sha256Of(path, signal) });
  }
  return files;
}

async function sha256Of(path: string, signal: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { signal })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Whether `file` is still being copied into the folder: its size or modification time differs
 * from when it was listed, now or after `settleMs` more. A zip is whole only once its last bytes
 * (the central directory) are written, so one caught mid-copy does not open; an SFTP upload in
 * place grows it meanwhile. The wait, as file pollers such as Camel's `readLock=changed` do, is
 * taken only for a file that did not open.
 */
export async function stillArriving(file: ExportFile, settleMs: number, signal: AbortSignal): Promise<boolean> {
  if (await changedSinceListed(file)) return true;
  if (settleMs <= 0) return false;
  await sleep(settleMs, undefined, { signal });
  return changedSinceListed(file);
}

/** Whether `file`'s size or modification time differs from when it was listed (gone counts as changed). */
export async function changedSinceListed(file: ExportFile): Promise<boolean> {
  const now = await stat(file.path).catch(() => undefined);
  return !now || now.size !== file.size || now.mtimeMs !== file.modifiedMs;
}
