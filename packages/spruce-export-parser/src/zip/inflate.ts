import { Inflate } from 'fflate';
import { COMPRESSED_INPUT_PIECE, CorruptCompressedDataError, decompress, inPieces } from '@x/core/internal';

/**
 * A compressed chunk is fed to the inflater in pieces of at most this size (core's
 * `COMPRESSED_INPUT_PIECE`): even a zip bomb never has more than about 16 MiB of output in flight.
 */
export const INFLATE_INPUT_PIECE = COMPRESSED_INPUT_PIECE;

/** Which raw-deflate implementation inflates entries. */
export type Inflater = 'decompression-stream' | 'fflate';

/** Raised for data the inflater cannot decode; the entry reader turns it into an `ExportFormatError`. */
export { CorruptCompressedDataError as CorruptDeflateError };

/**
 * Inflates raw deflate data as it is pulled: the next compressed piece is read only when the
 * output of the previous one has been consumed. Uses the platform's
 * `DecompressionStream('deflate-raw')` through core's `decompress` where it exists, else
 * fflate's push-based `Inflate` driven one piece at a time from this pull loop.
 */
export function inflateRaw(compressed: AsyncIterable<Uint8Array>, inflater: Inflater = defaultInflater()): AsyncGenerator<Uint8Array, void, undefined> {
  return inflater === 'decompression-stream' ? decompress(compressed, 'deflate-raw') : inflateWithFflate(inPieces(compressed));
}

/** `DecompressionStream('deflate-raw')` where the platform has it (Node.js 20.12+, current browsers). */
export function defaultInflater(): Inflater {
  if (typeof DecompressionStream !== 'function') return 'fflate';
  try {
    new DecompressionStream('deflate-raw');
    return 'decompression-stream';
  } catch {
    return 'fflate';
  }
}

async function* inflateWithFflate(pieces: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array, void, undefined> {
  let output: Uint8Array[] = [];
  const inflate = new Inflate((chunk) => {
    if (chunk.length > 0) output.push(chunk);
  });
  try {
    // One piece of look-ahead, so that the last piece is pushed as final and fflate can tell a
    // deflate stream that ends too early.
    let current = await pieces.next();
    while (!current.done) {
      const next = await pieces.next();
      push(inflate, current.value, next.done === true);
      const ready = output;
      output = [];
      yield* ready;
      current = next;
    }
  } finally {
    await pieces.return?.();
  }
}

function push(inflate: Inflate, piece: Uint8Array, final: boolean): void {
  try {
    inflate.push(piece, final);
  } catch (error) {
    throw new CorruptCompressedDataError('the compressed data is corrupt', { cause: error });
  }
}
