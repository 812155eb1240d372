import { InvalidParamsError } from '@x/core';
import type { ByteRangeSource } from './byte-range.js';

/** In a browser there is no file system: a path is refused, a `Blob` or `File` is the way in. */
export function openFileSource(_path: string | URL): Promise<ByteRangeSource> {
  return Promise.reject(
    new InvalidParamsError('source: a file path can only be opened in Node.js; in a browser pass the File or Blob itself', { param: 'source' }),
  );
}
