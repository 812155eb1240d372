import { Inflate } from 'fflate';

/**
 * A compressed chunk is fed to the inflater in pieces of at most this size. Deflate expands at
 * most about 1:1032, so one piece yields at most ~16 MiB, even from a zip bomb: that is the
 * most output held at once.
 */
export const INFLATE_INPUT_PIECE = 16 * 1024;

/** Which raw-deflate implementation inflates entries. */
export type Inflater = 'decompression-stream' | 'fflate';

/** Raised for data the inflater cannot decode; the entry reader turns it into an `ExportFormatError`. */
export class CorruptDeflateError extends Error {
  override readonly name = 'CorruptDeflateError';
}

/**
 * Inflates raw deflate data as it is pulled: the next compressed piece is read only when the
 * output of the previous one has been consumed (with `DecompressionStream`, one output chunk
 * ahead of the consumer). Uses the platform's
 * `DecompressionStream('deflate-raw')` where it exists, else fflate's push-based `Inflate`
 * driven one piece at a time from this pull loop.
 */
export function inflateRaw(compressed: AsyncIterable<Uint8Array>, inflater: Inflater = defaultInflater()): AsyncGenerator<Uint8Array, void, undefined> {
  const pieces = inPieces(compressed);
  return inflater === 'decompression-stream' ? oneAhead(inflateWithDecompressionStream(pieces)) : inflateWithFflate(pieces);
}

/**
 * Asks for the next output before handing over the current one. `DecompressionStream` inflates
 * on another thread: without this, that thread waits while the CSV parser works on a chunk, and
 * the parser waits while the thread inflates the next. One chunk ahead lets them overlap and
 * holds at most one more chunk.
 */
async function* oneAhead<T>(source: AsyncGenerator<T, void, undefined>): AsyncGenerator<T, void, undefined> {
  let pending = source.next();
  try {
    while (true) {
      const result = await pending;
      if (result.done) return;
      pending = source.next();
      // If the consumer stops before awaiting it, its rejection must not surface as unhandled.
      pending.catch(() => undefined);
      yield result.value;
    }
  } finally {
    await source.return();
  }
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

/**
 * Drives `DecompressionStream` by hand rather than through `pipeThrough`: Node.js 20's
 * implementation never applies backpressure to its writable side, so a pipe would queue the
 * whole compressed entry. Here a piece is written only while a read is waiting for output, and
 * the next only once the previous write has been processed: at most one piece is in flight.
 */
async function* inflateWithDecompressionStream(pieces: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array, void, undefined> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let writing: Promise<'written'> | undefined;
  let inputEnded = false;
  let sourceFailure: { error: unknown } | undefined;
  try {
    while (true) {
      const read = reader.read();
      const readDone = read.then(() => 'read' as const);
      readDone.catch(() => undefined);
      for (let settled = false; !settled && !inputEnded; ) {
        if (!writing) {
          const next = await pieces.next().catch((error: unknown) => {
            sourceFailure = { error };
            throw error;
          });
          if (next.done) {
            inputEnded = true;
            writer.close().catch(() => undefined);
            break;
          }
          writing = writer.write(next.value as Uint8Array<ArrayBuffer>).then(() => 'written' as const);
          writing.catch(() => undefined);
        }
        if ((await Promise.race([writing, readDone])) === 'written') writing = undefined;
        else settled = true;
      }
      const result = await read;
      if (result.done) return;
      yield result.value;
    }
  } catch (error) {
    // An error reading the source is passed on as it is; the stream's own errors are corrupt data.
    if (sourceFailure) throw sourceFailure.error;
    throw new CorruptDeflateError('the compressed data is corrupt', { cause: error });
  } finally {
    void reader.cancel().catch(() => undefined);
    await pieces.return?.();
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
    throw new CorruptDeflateError('the compressed data is corrupt', { cause: error });
  }
}

/** Re-cuts chunks into pieces of at most {@link INFLATE_INPUT_PIECE} bytes. */
async function* inPieces(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array, void, undefined> {
  for await (const chunk of chunks) {
    for (let at = 0; at < chunk.length; at += INFLATE_INPUT_PIECE) yield chunk.subarray(at, at + INFLATE_INPUT_PIECE);
  }
}
