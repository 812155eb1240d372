import { Deflate } from 'fflate';
import { ZIP64_MARK_32 } from '../zip/binary.js';
import { updateCrc32 } from '../zip/crc32.js';
import { centralHeader, dataDescriptor, endRecord, localHeader, zip64EndRecord, zip64Locator, type WrittenEntry } from './zip-records.js';

/**
 * Deliberate damage to one entry, for testing how a reader (this package's, or your code around
 * it) handles a corrupt delivery.
 */
export interface ZipEntryFault {
  /** Writes this checksum instead of the real one. */
  crc32?: number;
  /** Declares this uncompressed size instead of the real one (a zip bomb declares a small one). */
  uncompressedSize?: number;
  /** Declares this compressed size instead of the real one: a smaller one reads as an entry cut off. */
  compressedSize?: number;
  /** Writes this method number; the data is stored as is. `12` (bzip2) tests a refused method. */
  methodId?: number;
  /** Sets the encryption flag (the data is not actually encrypted). */
  encrypted?: boolean;
}

/** One file to put in a zip. */
export interface ZipEntryInput {
  /** The path inside the zip, `/`-separated; a name ending in `/` is a folder entry. */
  name: string;
  /** The content: text (written as UTF-8), bytes, or an iterable of either, pulled one chunk at a time. */
  data?: string | Uint8Array | Iterable<string | Uint8Array>;
  /**
   * How the content is stored.
   * @default 'deflate'
   */
  method?: 'deflate' | 'store';
  fault?: ZipEntryFault;
}

/** Options of {@link zipChunks} and {@link buildZip}. */
export interface ZipWriterOptions {
  /**
   * Writes ZIP64 extra fields, the ZIP64 end-of-central-directory record and its locator, as a
   * writer does for exports over 4 GiB; needed for entries of 4 GiB or more.
   * @default false
   */
  zip64?: boolean;
  /**
   * Streams each entry with sizes and CRC in a data descriptor after it, as Go's `archive/zip`
   * does, so memory stays flat; `false` puts them in the local header (each entry's compressed
   * bytes are then held until it is written).
   * @default true
   */
  dataDescriptors?: boolean;
  /**
   * Deflate level, 0 to 9.
   * @default 6
   */
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

const FLAG = { encrypted: 0x0001, dataDescriptor: 0x0008, utf8: 0x0800 } as const;
const encoder = new TextEncoder();

/**
 * Writes a zip as a sequence of chunks, one entry at a time, so that a large export can be
 * streamed to a file without being held in memory.
 *
 * @example
 * ```ts
 * await pipeline(Readable.from(zipChunks([{ name: 'a/messages.csv', data: csvText }])), createWriteStream(path));
 * ```
 */
export function* zipChunks(entries: Iterable<ZipEntryInput>, options: ZipWriterOptions = {}): Generator<Uint8Array, void, undefined> {
  const { zip64 = false, dataDescriptors = true, level = 6 } = options;
  const written: WrittenEntry[] = [];
  let offset = 0;
  const emit = function* (chunk: Uint8Array) {
    offset += chunk.length;
    yield chunk;
  };
  for (const input of entries) {
    const entry = { name: encoder.encode(input.name), offset } as WrittenEntry;
    const fault = input.fault ?? {};
    const deflate = input.method !== 'store' && fault.methodId === undefined;
    entry.method = fault.methodId ?? (deflate ? 8 : 0);
    entry.flags = FLAG.utf8 | (dataDescriptors ? FLAG.dataDescriptor : 0) | (fault.encrypted ? FLAG.encrypted : 0);
    const content = compress(input.data, deflate ? level : undefined);
    if (dataDescriptors) {
      yield* emit(localHeader(entry, zip64, false));
      for (const chunk of content.chunks) yield* emit(chunk);
    } else {
      const held = [...content.chunks];
      Object.assign(entry, applyFault(content.totals(), fault));
      yield* emit(localHeader(entry, zip64, true));
      for (const chunk of held) yield* emit(chunk);
    }
    Object.assign(entry, applyFault(content.totals(), fault));
    if (!zip64 && (entry.compressedSize >= ZIP64_MARK_32 || entry.uncompressedSize >= ZIP64_MARK_32 || entry.offset >= ZIP64_MARK_32)) {
      throw new RangeError(`zipChunks: "${input.name}" needs ZIP64; pass { zip64: true }`);
    }
    if (dataDescriptors) yield* emit(dataDescriptor(entry, zip64));
    written.push(entry);
  }
  const directoryOffset = offset;
  for (const entry of written) yield* emit(centralHeader(entry, zip64));
  const directorySize = offset - directoryOffset;
  const ends = { count: written.length, size: directorySize, offset: directoryOffset };
  if (zip64) {
    const recordOffset = offset;
    yield* emit(zip64EndRecord(ends));
    yield* emit(zip64Locator(recordOffset));
  }
  yield* emit(endRecord(ends, zip64));
}

/**
 * Builds a whole zip in memory.
 *
 * @example
 * ```ts
 * const zip = buildZip([{ name: 'export/messages.csv', data: 'message_id\n', fault: { crc32: 0 } }]);
 * ```
 */
export function buildZip(entries: Iterable<ZipEntryInput>, options: ZipWriterOptions = {}): Uint8Array<ArrayBuffer> {
  return concat(zipChunks(entries, options));
}

/** Joins chunks into one array. */
export function concat(chunks: Iterable<Uint8Array>): Uint8Array<ArrayBuffer> {
  const parts = [...chunks];
  const all = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}

interface Compressed {
  chunks: Iterable<Uint8Array>;
  totals: () => { crc32: number; compressedSize: number; uncompressedSize: number };
}

function compress(data: ZipEntryInput['data'], level: ZipWriterOptions['level'] | undefined): Compressed {
  let crc32 = 0;
  let uncompressedSize = 0;
  let compressedSize = 0;
  function* chunks(): Generator<Uint8Array, void, undefined> {
    let out: Uint8Array[] = [];
    const deflate = level === undefined ? undefined : new Deflate({ level }, (chunk) => out.push(chunk));
    for (const piece of pieces(data)) {
      crc32 = updateCrc32(crc32, piece);
      uncompressedSize += piece.length;
      if (!deflate) {
        compressedSize += piece.length;
        yield piece;
        continue;
      }
      deflate.push(piece, false);
      for (const chunk of out) compressedSize += chunk.length;
      yield* out;
      out = [];
    }
    if (deflate) {
      deflate.push(new Uint8Array(0), true);
      for (const chunk of out) compressedSize += chunk.length;
      yield* out;
    }
  }
  return { chunks: chunks(), totals: () => ({ crc32, compressedSize, uncompressedSize }) };
}

function* pieces(data: ZipEntryInput['data']): Generator<Uint8Array, void, undefined> {
  if (data === undefined) return;
  if (typeof data === 'string') yield encoder.encode(data);
  else if (data instanceof Uint8Array) yield data;
  else for (const piece of data) yield typeof piece === 'string' ? encoder.encode(piece) : piece;
}

function applyFault(totals: ReturnType<Compressed['totals']>, fault: ZipEntryFault) {
  return {
    crc32: fault.crc32 ?? totals.crc32,
    uncompressedSize: fault.uncompressedSize ?? totals.uncompressedSize,
    compressedSize: fault.compressedSize ?? totals.compressedSize,
  };
}
