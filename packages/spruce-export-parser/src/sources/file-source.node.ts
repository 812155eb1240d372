import type { FileHandle } from 'node:fs/promises';
import { InvalidParamsError } from '@x/core';
import { unreadable, type ByteRangeSource } from './byte-range.js';

/** Bytes per chunk of a streamed range. */
const CHUNK = 64 * 1024;

/**
 * Opens a file for range reads (`node:fs` is imported here, on the path branch only). Each read
 * opens its own handle and closes it when it ends, whichever way it ends (the end, a `break`, a
 * throw, an abort): a file-backed `Blob` (`fs.openAsBlob`) keeps its descriptor open after a
 * cancelled stream until garbage collection runs, and a poller would leak one per early exit.
 * A missing path says so with the path; a directory says it is one.
 */
export async function openFileSource(path: string | URL): Promise<ByteRangeSource> {
  const { open, stat } = await import('node:fs/promises');
  const shown = String(path);
  let size: number;
  try {
    const stats = await stat(path);
    if (stats.isDirectory()) throw new InvalidParamsError(`source: ${shown} is a directory, not an export zip file`, { param: 'source' });
    if (!stats.isFile()) throw new InvalidParamsError(`source: ${shown} is not a regular file`, { param: 'source' });
    size = stats.size;
  } catch (error) {
    if (error instanceof InvalidParamsError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InvalidParamsError(`source: no such file: ${shown}`, { param: 'source', cause: error });
    throw new InvalidParamsError(`source: the file cannot be opened (${typeof code === 'string' ? code : 'error'}): ${shown}`, { param: 'source', cause: error });
  }
  const openHandle = () =>
    open(path, 'r').catch((error: unknown) => {
      throw unreadable(error);
    });
  const withHandle = async <T>(use: (handle: FileHandle) => Promise<T>): Promise<T> => {
    const handle = await openHandle();
    try {
      return await use(handle);
    } finally {
      await handle.close();
    }
  };
  return {
    size,
    read: (start, end) => withHandle((handle) => readRange(handle, start, end)),
    async *chunks(start, end) {
      const handle = await openHandle();
      try {
        for (let at = start; at < end; at += CHUNK) {
          const chunk = await readRange(handle, at, Math.min(at + CHUNK, end));
          if (chunk.length === 0) return;
          yield chunk;
        }
      } finally {
        await handle.close();
      }
    },
  };
}

/** The bytes in `[start, end)`; fewer when the file is shorter. */
async function readRange(handle: FileHandle, start: number, end: number): Promise<Uint8Array> {
  const buffer = new Uint8Array(Math.max(0, end - start));
  let filled = 0;
  try {
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, start + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
  } catch (error) {
    throw unreadable(error);
  }
  return buffer.subarray(0, filled);
}
