import { prefetchOne } from './prefetch-one.js';

/**
 * Compressed input is fed to the decompressor in pieces of at most this size. Deflate expands
 * at most about 1:1032, so one piece yields at most ~16 MiB, even from a bomb: that is the most
 * output held at once.
 */
export const COMPRESSED_INPUT_PIECE = 16 * 1024;

/** Data the decompressor cannot decode; callers turn it into an `ExportFormatError` naming their source. */
export class CorruptCompressedDataError extends Error {
  override readonly name: string = 'CorruptCompressedDataError';
}

/** The `DecompressionStream` formats the SDK reads: zip entries (`deflate-raw`) and gzip files. */
export type DecompressionFormat = 'deflate-raw' | 'gzip';

/**
 * Decompresses as the output is pulled, with `DecompressionStream`: the next compressed piece
 * is read only when the output of the previous one has been consumed, and the output is asked
 * for one chunk ahead of the consumer ({@link prefetchOne}): the stream inflates on another
 * thread, so without it that thread would wait while the CSV parser works on a chunk, and the
 * parser while the thread inflates the next; one ahead, they overlap at the cost of one more
 * chunk held. Corrupt data is a {@link CorruptCompressedDataError}; an error reading the input
 * passes as it is. Leaving early releases the input.
 *
 * @example
 * ```ts
 * for await (const chunk of decompress(body, 'gzip')) parser.write(chunk);
 * ```
 */
export function decompress(compressed: AsyncIterable<Uint8Array>, format: DecompressionFormat): AsyncGenerator<Uint8Array, void, undefined> {
  return prefetchOne(decompressPieces(inPieces(compressed), format));
}

/** Whether the bytes start with gzip's magic number (`1f 8b`). */
export function isGzip(head: Uint8Array): boolean {
  return head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * Drives `DecompressionStream` by hand rather than through `pipeThrough`: Node.js 20's
 * implementation never applies backpressure to its writable side, so a pipe would queue the
 * whole compressed input. Here a piece is written only while a read is waiting for output, and
 * the next only once the previous write has been processed: at most one piece is in flight.
 */
async function* decompressPieces(pieces: AsyncIterator<Uint8Array>, format: DecompressionFormat): AsyncGenerator<Uint8Array, void, undefined> {
  const stream = new DecompressionStream(format);
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
    throw new CorruptCompressedDataError('the compressed data is corrupt', { cause: error });
  } finally {
    void reader.cancel().catch(() => undefined);
    await pieces.return?.();
  }
}

/** Re-cuts chunks into pieces of at most {@link COMPRESSED_INPUT_PIECE} bytes. */
export async function* inPieces(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array, void, undefined> {
  for await (const chunk of chunks) {
    for (let at = 0; at < chunk.length; at += COMPRESSED_INPUT_PIECE) yield chunk.subarray(at, at + COMPRESSED_INPUT_PIECE);
  }
}

/**
 * Passes bytes through, or inflates them when they start with gzip's magic number: a `.gz`
 * file served as-is, without `Content-Encoding` (with it, `fetch` has inflated it already).
 * Text never starts with `1f 8b`, so the sniff cannot misfire on a CSV. Corrupt gzip data is a
 * {@link CorruptCompressedDataError}.
 *
 * @example
 * ```ts
 * for await (const row of csvRows(gunzipIfGzip(body), { source: 'report' })) load(row);
 * ```
 */
export async function* gunzipIfGzip(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array, void, undefined> {
  const source = chunks[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let length = 0;
  try {
    while (length < 2) {
      const next = await source.next();
      if (next.done) break;
      head.push(next.value);
      length += next.value.length;
    }
    const rest: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({
        next: () => (head.length > 0 ? Promise.resolve({ done: false, value: head.shift()! }) : source.next()),
        return: async () => (await source.return?.()) ?? { done: true, value: undefined },
      }),
    };
    const magic = Uint8Array.from(head.flatMap((chunk) => [...chunk.subarray(0, 2)]));
    yield* isGzip(magic) ? decompress(rest, 'gzip') : rest;
  } finally {
    await source.return?.();
  }
}
