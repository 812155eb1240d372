import { InvalidParamsError } from '@x/core';
import type { BlobLike } from './byte-range.js';

/**
 * Opens a file as a `Blob` whose bytes are read only when a range is asked for
 * (`fs.openAsBlob`, Node.js 19.8+). `node:fs` is imported here, on the path branch only.
 */
export async function openFileBlob(path: string | URL): Promise<BlobLike> {
  const { openAsBlob } = await import('node:fs');
  try {
    return await openAsBlob(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // The path is the caller's own and may name a person (a home folder): only the code is told.
    throw new InvalidParamsError(`source: the file cannot be opened (${typeof code === 'string' ? code : 'error'})`, { param: 'source', cause: error });
  }
}
