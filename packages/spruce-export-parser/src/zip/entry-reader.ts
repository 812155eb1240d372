import { ExportFormatError } from '@x/core';
import type { ByteRangeSource } from '../sources/byte-range.js';
import { RecordReader, SIGNATURE } from './binary.js';
import type { ZipEntry } from './central-directory.js';
import { updateCrc32 } from './crc32.js';
import { CorruptDeflateError, inflateRaw } from './inflate.js';
import type { UncompressedBudget } from './uncompressed-budget.js';

/** How {@link readEntry} reads one entry. */
export interface ReadEntryOptions {
  /** Shared by every read of one archive. */
  budget: UncompressedBudget;
  /** What the entry holds, for messages: `'messages'`. */
  source: string;
}

const LOCAL_HEADER_LENGTH = 30;
const METHOD = { stored: 0, deflate: 8 } as const;
const ENCRYPTED = 0x0001 | 0x0040;

/**
 * Streams an entry's uncompressed bytes, pulled as they are consumed. Private to the zip
 * module: callers read through `openZipArchive`. Sizes and the CRC-32 are checked against the
 * central directory: more bytes than declared fail at once, fewer bytes or
 * a wrong checksum fail at the end, so a damaged entry is never a short success.
 */
export async function* readEntry(source: ByteRangeSource, entry: ZipEntry, options: ReadEntryOptions): AsyncGenerator<Uint8Array, void, undefined> {
  const name = options.source;
  const fail = (reason: string, cause?: unknown) =>
    new ExportFormatError(`${name}: the zip entry "${entry.name}" ${reason}`, { source: name, ...(cause === undefined ? {} : { cause }) });
  if (entry.flags & ENCRYPTED) throw fail('is encrypted, which is not supported');
  if (entry.method !== METHOD.stored && entry.method !== METHOD.deflate) {
    throw fail(`uses compression method ${entry.method}; only stored (0) and deflate (8) are supported`);
  }
  const start = await dataStart(source, entry, fail);
  const end = start + entry.compressedSize;
  if (end > entry.dataLimit || end > source.size) throw fail('runs past the end of the file: the export is truncated or corrupt');

  const raw = source.chunks(start, end);
  const bytes = entry.method === METHOD.deflate ? inflateRaw(raw) : raw;
  let size = 0;
  let crc = 0;
  try {
    for await (const chunk of bytes) {
      size += chunk.length;
      if (size > entry.uncompressedSize) throw fail(`inflates to more than its declared ${entry.uncompressedSize} bytes: the export is corrupt`);
      options.budget.reach(entry.index, size, name);
      crc = updateCrc32(crc, chunk);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof CorruptDeflateError) throw fail('holds corrupt compressed data', error.cause);
    throw error;
  }
  if (size !== entry.uncompressedSize) {
    throw fail(`ends after ${size} of its ${entry.uncompressedSize} bytes: the export is truncated or corrupt`);
  }
  if (crc !== entry.crc32) throw fail('fails its CRC-32 check: the export is corrupt');
}

/** The entry's data begins after its local header, whose name and extra field lengths vary. */
async function dataStart(source: ByteRangeSource, entry: ZipEntry, fail: (reason: string) => ExportFormatError): Promise<number> {
  const at = entry.localHeaderOffset;
  const header = new RecordReader(await source.read(at, at + LOCAL_HEADER_LENGTH), `the local header of "${entry.name}"`);
  if (header.bytes.length < LOCAL_HEADER_LENGTH || header.u32(0) !== SIGNATURE.localFile) {
    throw fail('has no local header where the central directory points: the export is corrupt');
  }
  return at + LOCAL_HEADER_LENGTH + header.u16(26) + header.u16(28);
}
