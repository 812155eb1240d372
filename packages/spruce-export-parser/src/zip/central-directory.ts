import { ExportFormatError } from '@x/core';
import type { ByteRangeSource } from '../sources/byte-range.js';
import { RecordReader, SIGNATURE, ZIP64_MARK_16, ZIP64_MARK_32 } from './binary.js';
import { locateCentralDirectory } from './end-of-central-directory.js';

/** One file listed in the zip's central directory. */
export interface ZipEntry {
  /** Position in the central directory, 0-based. */
  index: number;
  /** The path inside the zip, `/`-separated. */
  name: string;
  /** Compression method: 0 stored, 8 deflate; others are refused when read. */
  method: number;
  /** General-purpose flags; bit 0 (and 6) mark an encrypted entry. */
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** Where the entries' data must end: the start of the central directory. */
  dataLimit: number;
}

const CENTRAL_HEADER_LENGTH = 46;
const ZIP64_EXTRA_ID = 0x0001;
/**
 * A Spruce export lists about 15 files; a directory this large (some 100,000 entries) is not
 * one, and reading it would hold its bytes in memory.
 */
const MAX_CENTRAL_DIRECTORY_BYTES = 8 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8');

/** Reads every entry the central directory lists, ZIP64 extra fields applied. */
export async function readCentralDirectory(source: ByteRangeSource): Promise<ZipEntry[]> {
  const location = await locateCentralDirectory(source);
  if (location.size > MAX_CENTRAL_DIRECTORY_BYTES) {
    throw new ExportFormatError(`the zip lists too many files (a central directory of ${location.size} bytes): it is not a Spruce export`);
  }
  const directory = new RecordReader(await source.read(location.offset, location.offset + location.size), 'the central directory');
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let index = 0; index < location.entries; index++) {
    if (directory.u32(at) !== SIGNATURE.centralFile) throw new ExportFormatError('the central directory is corrupt: an entry record is missing');
    const nameLength = directory.u16(at + 28);
    const extraLength = directory.u16(at + 30);
    const commentLength = directory.u16(at + 32);
    const entry: ZipEntry = {
      index,
      name: utf8.decode(directory.slice(at + CENTRAL_HEADER_LENGTH, nameLength)).replaceAll('\\', '/'),
      flags: directory.u16(at + 8),
      method: directory.u16(at + 10),
      crc32: directory.u32(at + 16),
      compressedSize: directory.u32(at + 20),
      uncompressedSize: directory.u32(at + 24),
      localHeaderOffset: directory.u32(at + 42),
      dataLimit: location.offset,
    };
    const extra = directory.slice(at + CENTRAL_HEADER_LENGTH + nameLength, extraLength);
    applyZip64Extra(entry, extra, directory.u16(at + 34));
    entries.push(entry);
    at += CENTRAL_HEADER_LENGTH + nameLength + extraLength + commentLength;
  }
  // An entry count too small (one damaged 16-bit field) would hide the entries after it: a
  // table would vanish from `tables` instead of failing. The records counted must fill the
  // directory's declared size exactly.
  if (at + 4 <= directory.bytes.length && directory.u32(at) === SIGNATURE.centralFile) {
    throw new ExportFormatError(`the central directory is corrupt: it holds more entries than the ${location.entries} its end record counts`);
  }
  if (at !== location.size) {
    throw new ExportFormatError(`the central directory is corrupt: its ${location.entries} entries take ${at} of its ${location.size} bytes`);
  }
  return entries;
}

/**
 * A 16- or 32-bit field that holds its maximum is in the ZIP64 extra field, which lists only
 * those, in a fixed order (APPNOTE 4.5.3).
 */
function applyZip64Extra(entry: ZipEntry, extra: Uint8Array, disk: number): void {
  const needs = {
    uncompressed: entry.uncompressedSize === ZIP64_MARK_32,
    compressed: entry.compressedSize === ZIP64_MARK_32,
    offset: entry.localHeaderOffset === ZIP64_MARK_32,
  };
  if (!needs.uncompressed && !needs.compressed && !needs.offset && disk !== ZIP64_MARK_16) return;
  const field = findExtraField(extra, ZIP64_EXTRA_ID);
  if (!field) throw new ExportFormatError(`the zip entry "${entry.name}" lacks its ZIP64 sizes: the export is corrupt`);
  const reader = new RecordReader(field, `the ZIP64 field of "${entry.name}"`);
  let at = 0;
  const next = () => {
    const value = reader.u64(at);
    at += 8;
    return value;
  };
  if (needs.uncompressed) entry.uncompressedSize = next();
  if (needs.compressed) entry.compressedSize = next();
  if (needs.offset) entry.localHeaderOffset = next();
}

function findExtraField(extra: Uint8Array, id: number): Uint8Array | undefined {
  const reader = new RecordReader(extra, 'an extra field');
  for (let at = 0; at + 4 <= extra.length; ) {
    const size = reader.u16(at + 2);
    if (reader.u16(at) === id) return reader.slice(at + 4, size);
    at += 4 + size;
  }
  return undefined;
}
