import { openFileSource } from '#file-source';
import { InvalidParamsError } from '@x/core';
import { decodeWhole } from '@x/core/internal';
import { blobSource, isBlobLike, type BlobLike, type ByteRangeSource } from '../sources/byte-range.js';
import { parseAccessEndpoints, type AccessEndpoints } from './endpoints-file.js';

/** Where an endpoints file is read from: a path or `file:` URL (Node.js), or a `Blob`/`File`. */
export type AccessEndpointsSource = string | URL | BlobLike;

/**
 * Reads and validates an endpoints file (see {@link parseAccessEndpoints}). A file that cannot
 * be read or is malformed is an `InvalidParamsError` (`param: 'endpoints'`).
 *
 * @example
 * ```ts
 * const endpoints = await loadAccessEndpoints('./endpoints.json');
 * const report = await conversationAccess([may, june], endpoints);
 * ```
 */
export async function loadAccessEndpoints(source: AccessEndpointsSource): Promise<AccessEndpoints> {
  let file: ByteRangeSource;
  if (isBlobLike(source)) file = blobSource(source);
  else if (typeof source === 'string' || source instanceof URL) {
    try {
      file = await openFileSource(typeof source === 'string' && source.startsWith('file:') ? new URL(source) : source);
    } catch (error) {
      const code = (error as { cause?: { code?: unknown } }).cause?.code;
      // The path may name a person (a home folder): only the code is told.
      throw new InvalidParamsError(`endpoints file: cannot be opened (${typeof code === 'string' ? code : 'error'})`, { param: 'endpoints', cause: error });
    }
  } else throw new InvalidParamsError('endpoints file: expected a path, a file: URL or a Blob', { param: 'endpoints' });
  let text: string;
  try {
    text = decodeWhole(await file.read(0, file.size));
  } catch (error) {
    throw new InvalidParamsError('endpoints file: not UTF-8 or UTF-16 text (save it as UTF-8)', { param: 'endpoints', cause: error });
  }
  return parseAccessEndpoints(text);
}
