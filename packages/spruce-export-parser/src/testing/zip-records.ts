/** Encoders of the zip records the test writer emits (APPNOTE.TXT 4.3), ZIP64 included. */
import { SIGNATURE, ZIP64_MARK_16, ZIP64_MARK_32 } from '../zip/binary.js';

/** What the central directory needs to know about an entry once it is written. */
export interface WrittenEntry {
  name: Uint8Array;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  offset: number;
}

// 2024-05-01 00:00, in MS-DOS date and time format.
const DOS_DATE = ((2024 - 1980) << 9) | (5 << 5) | 1;
const DOS_TIME = 0;

/** A little-endian record builder. */
class RecordWriter {
  readonly bytes: Uint8Array;
  readonly #view: DataView;
  #at = 0;
  constructor(length: number) {
    this.bytes = new Uint8Array(length);
    this.#view = new DataView(this.bytes.buffer);
  }
  u16(value: number): this {
    this.#view.setUint16(this.#at, value, true);
    this.#at += 2;
    return this;
  }
  u32(value: number): this {
    this.#view.setUint32(this.#at, value, true);
    this.#at += 4;
    return this;
  }
  u64(value: number): this {
    this.#view.setBigUint64(this.#at, BigInt(value), true);
    this.#at += 8;
    return this;
  }
  raw(bytes: Uint8Array): this {
    this.bytes.set(bytes, this.#at);
    this.#at += bytes.length;
    return this;
  }
}

function zip64Extra(values: number[]): Uint8Array {
  const record = new RecordWriter(4 + 8 * values.length).u16(0x0001).u16(8 * values.length);
  for (const value of values) record.u64(value);
  return record.bytes;
}

export function localHeader(entry: WrittenEntry, zip64: boolean, sizesKnown: boolean): Uint8Array {
  const crc = sizesKnown ? entry.crc32 : 0;
  const compressed = sizesKnown ? entry.compressedSize : 0;
  const uncompressed = sizesKnown ? entry.uncompressedSize : 0;
  const extra = zip64 ? zip64Extra([uncompressed, compressed]) : new Uint8Array(0);
  return new RecordWriter(30 + entry.name.length + extra.length)
    .u32(SIGNATURE.localFile)
    .u16(zip64 ? 45 : 20)
    .u16(entry.flags)
    .u16(entry.method)
    .u16(DOS_TIME)
    .u16(DOS_DATE)
    .u32(crc)
    .u32(zip64 ? ZIP64_MARK_32 : compressed)
    .u32(zip64 ? ZIP64_MARK_32 : uncompressed)
    .u16(entry.name.length)
    .u16(extra.length)
    .raw(entry.name)
    .raw(extra).bytes;
}

export function dataDescriptor(entry: WrittenEntry, zip64: boolean): Uint8Array {
  const record = new RecordWriter(zip64 ? 24 : 16).u32(SIGNATURE.dataDescriptor).u32(entry.crc32);
  return zip64 ? record.u64(entry.compressedSize).u64(entry.uncompressedSize).bytes : record.u32(entry.compressedSize).u32(entry.uncompressedSize).bytes;
}

export function centralHeader(entry: WrittenEntry, zip64: boolean): Uint8Array {
  const extra = zip64 ? zip64Extra([entry.uncompressedSize, entry.compressedSize, entry.offset]) : new Uint8Array(0);
  const folder = entry.name.at(-1) === 0x2f;
  return new RecordWriter(46 + entry.name.length + extra.length)
    .u32(SIGNATURE.centralFile)
    .u16((3 << 8) | (zip64 ? 45 : 20))
    .u16(zip64 ? 45 : 20)
    .u16(entry.flags)
    .u16(entry.method)
    .u16(DOS_TIME)
    .u16(DOS_DATE)
    .u32(entry.crc32)
    .u32(zip64 ? ZIP64_MARK_32 : entry.compressedSize)
    .u32(zip64 ? ZIP64_MARK_32 : entry.uncompressedSize)
    .u16(entry.name.length)
    .u16(extra.length)
    .u16(0)
    .u16(0)
    .u16(0)
    .u32((folder ? 0o040755 : 0o100644) << 16)
    .u32(zip64 ? ZIP64_MARK_32 : entry.offset)
    .raw(entry.name)
    .raw(extra).bytes;
}

export interface DirectoryTotals {
  count: number;
  size: number;
  offset: number;
}

export function zip64EndRecord(ends: DirectoryTotals): Uint8Array {
  return new RecordWriter(56).u32(SIGNATURE.zip64EndOfCentralDirectory).u64(44).u16((3 << 8) | 45).u16(45).u32(0).u32(0).u64(ends.count).u64(ends.count).u64(ends.size).u64(ends.offset).bytes;
}

export function zip64Locator(recordOffset: number): Uint8Array {
  return new RecordWriter(20).u32(SIGNATURE.zip64Locator).u32(0).u64(recordOffset).u32(1).bytes;
}

export function endRecord(ends: DirectoryTotals, zip64: boolean): Uint8Array {
  if (!zip64 && ends.count >= ZIP64_MARK_16) throw new RangeError(`zipChunks: ${ends.count} entries need ZIP64; pass { zip64: true }`);
  const count = zip64 ? ZIP64_MARK_16 : ends.count;
  return new RecordWriter(22)
    .u32(SIGNATURE.endOfCentralDirectory)
    .u16(0)
    .u16(0)
    .u16(count)
    .u16(count)
    .u32(zip64 ? ZIP64_MARK_32 : ends.size)
    .u32(zip64 ? ZIP64_MARK_32 : ends.offset)
    .u16(0).bytes;
}
