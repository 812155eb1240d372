import { ExportFormatError } from '@x/core';
import { readStream } from '@x/core/internal';

/**
 * Random access to the bytes of an export: the zip is read from its end (the central
 * directory) and each entry from its own offset, so nothing is loaded whole.
 */
export interface ByteRangeSource {
  /** Total length in bytes. */
  readonly size: number;
  /** The bytes in `[start, end)`, for small records; fewer when the source is shorter. */
  read(start: number, end: number): Promise<Uint8Array>;
  /** The bytes in `[start, end)` as chunks, pulled one at a time; stopping early releases the read. */
  chunks(start: number, end: number): AsyncIterable<Uint8Array>;
}

/** The part of the `Blob` API the reader uses (a `File`, `fs.openAsBlob`'s blob, a browser `Blob`). */
export interface BlobLike {
  /** Length in bytes. */
  readonly size: number;
  /** The bytes in `[start, end)`, as a blob of their own. */
  slice(start?: number, end?: number): BlobLike;
  /** All the bytes, in one buffer. */
  arrayBuffer(): Promise<ArrayBuffer>;
  /** The bytes as a stream of chunks. */
  stream(): ReadableStream<Uint8Array>;
}

/** Stored entries of an in-memory export are handed out in slices of this size, not in one piece. */
const BYTES_CHUNK = 64 * 1024;

/** An export already in memory: reads are views, nothing is copied. */
export function bytesSource(bytes: Uint8Array): ByteRangeSource {
  return {
    size: bytes.byteLength,
    read: (start, end) => Promise.resolve(bytes.subarray(start, end)),
    async *chunks(start, end) {
      const stop = Math.min(end, bytes.byteLength);
      for (let offset = start; offset < stop; offset += BYTES_CHUNK) yield bytes.subarray(offset, Math.min(offset + BYTES_CHUNK, stop));
    },
  };
}

/** An export in a `Blob` (or a file opened as one): each range is read when asked for. */
export function blobSource(blob: BlobLike): ByteRangeSource {
  return {
    size: blob.size,
    async read(start, end) {
      try {
        return new Uint8Array(await blob.slice(start, end).arrayBuffer());
      } catch (error) {
        throw unreadable(error);
      }
    },
    async *chunks(start, end) {
      try {
        yield* readStream(blob.slice(start, end).stream());
      } catch (error) {
        throw unreadable(error);
      }
    },
  };
}

/** Whether a value has the `Blob` methods the reader needs (works across realms and polyfills). */
export function isBlobLike(value: unknown): value is BlobLike {
  const candidate = value as Partial<BlobLike> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.size === 'number' &&
    typeof candidate.slice === 'function' &&
    typeof candidate.stream === 'function' &&
    typeof candidate.arrayBuffer === 'function'
  );
}

/** A file that was moved or changed after it was opened, or a path that is not a regular file. */
export function unreadable(error: unknown): ExportFormatError {
  const name = error instanceof Error ? error.name : 'error';
  return new ExportFormatError(`the export could not be read (${name}): was the file moved or changed while it was read?`, { cause: error });
}
