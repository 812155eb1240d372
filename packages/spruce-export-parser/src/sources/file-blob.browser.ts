import { InvalidParamsError } from '@x/core';
import type { BlobLike } from './byte-range.js';

/** In a browser there is no file system: a path is refused, a `Blob` or `File` is the way in. */
export function openFileBlob(_path: string | URL): Promise<BlobLike> {
  return Promise.reject(
    new InvalidParamsError('source: a file path can only be opened in Node.js; in a browser pass the File or Blob itself', { param: 'source' }),
  );
}
