import { openFileSource } from '#file-source';
import { InvalidParamsError } from '@x/core';
import { blobSource, bytesSource, isBlobLike, type BlobLike, type ByteRangeSource } from './byte-range.js';

/**
 * Where an export is read from: a file path or `file:` URL (Node.js, read lazily), the bytes
 * (`Uint8Array`, `Buffer`, `ArrayBuffer`), or a `Blob`/`File` (Node.js and browsers).
 */
export type SpruceExportSource = string | URL | Uint8Array | ArrayBuffer | BlobLike;

/** Turns any {@link SpruceExportSource} into random access over its bytes. */
export async function openByteRangeSource(source: SpruceExportSource): Promise<ByteRangeSource> {
  if (source instanceof Uint8Array) return bytesSource(source);
  if (source instanceof ArrayBuffer) return bytesSource(new Uint8Array(source));
  if (isBlobLike(source)) return blobSource(source);
  if (typeof source === 'string' || source instanceof URL) {
    const url = typeof source === 'string' && source.startsWith('file:') ? new URL(source) : source;
    if (url instanceof URL && url.protocol !== 'file:') {
      throw new InvalidParamsError(`source: only file: URLs can be opened, not ${url.protocol} (download the export first)`, { param: 'source' });
    }
    if (url === '') throw new InvalidParamsError('source: the file path is empty', { param: 'source' });
    return openFileSource(url);
  }
  throw new InvalidParamsError('source: expected a file path, a file: URL, a Uint8Array, an ArrayBuffer or a Blob', { param: 'source' });
}
