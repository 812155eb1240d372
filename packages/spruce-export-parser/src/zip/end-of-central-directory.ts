import { ExportFormatError } from '@x/core';
import type { ByteRangeSource } from '../sources/byte-range.js';
import { RecordReader, SIGNATURE, ZIP64_MARK_16, ZIP64_MARK_32 } from './binary.js';

/** Where the central directory is and how many entries it lists. */
export interface CentralDirectoryLocation {
  offset: number;
  size: number;
  entries: number;
  /** Where the records after the central directory begin: entries' data must end before it. */
  end: number;
}

const EOCD_LENGTH = 22;
const MAX_COMMENT_LENGTH = 0xffff;
const ZIP64_LOCATOR_LENGTH = 20;
const ZIP64_EOCD_LENGTH = 56;

/**
 * Finds the end-of-central-directory record (searching back over a trailing comment) and, when
 * a ZIP64 locator precedes it, the ZIP64 record whose 64-bit fields replace the 16- and 32-bit
 * ones (APPNOTE 4.3.14 to 4.3.16).
 */
export async function locateCentralDirectory(source: ByteRangeSource): Promise<CentralDirectoryLocation> {
  if (source.size === 0) throw new ExportFormatError('the export is empty (0 bytes)');
  if (source.size < EOCD_LENGTH) throw new ExportFormatError(`the export is not a zip file (${source.size} bytes, too short)`);
  const tailStart = Math.max(0, source.size - EOCD_LENGTH - MAX_COMMENT_LENGTH);
  const tail = await source.read(tailStart, source.size);
  const eocdAt = findEndRecord(tail);
  if (eocdAt === undefined) {
    throw new ExportFormatError('the export is not a zip file, or it is truncated: no end-of-central-directory record');
  }
  const eocd = new RecordReader(tail.subarray(eocdAt), 'the end-of-central-directory record');
  const position = tailStart + eocdAt;
  let location: CentralDirectoryLocation = {
    entries: eocd.u16(10),
    size: eocd.u32(12),
    offset: eocd.u32(16),
    end: position,
  };
  const disk = eocd.u16(4);
  const zip64 = await readZip64Record(source, position);
  if (zip64) location = zip64;
  else if (disk !== 0 && disk !== ZIP64_MARK_16) throw new ExportFormatError('the export is a split (multi-part) zip, which is not supported');
  else if (location.offset === ZIP64_MARK_32 || location.size === ZIP64_MARK_32) {
    throw new ExportFormatError('the export needs ZIP64 records but has none: it is truncated or corrupt');
  }
  if (location.offset + location.size > location.end) {
    throw new ExportFormatError('the central directory lies past the end of the export: the file is truncated or corrupt');
  }
  return location;
}

/** The last EOCD signature whose comment length fits the bytes after it. */
function findEndRecord(tail: Uint8Array): number | undefined {
  const reader = new RecordReader(tail, 'the end of the export');
  for (let at = tail.length - EOCD_LENGTH; at >= 0; at--) {
    if (tail[at] !== 0x50 || reader.u32(at) !== SIGNATURE.endOfCentralDirectory) continue;
    if (at + EOCD_LENGTH + reader.u16(at + 20) <= tail.length) return at;
  }
  return undefined;
}

async function readZip64Record(source: ByteRangeSource, eocdPosition: number): Promise<CentralDirectoryLocation | undefined> {
  if (eocdPosition < ZIP64_LOCATOR_LENGTH) return undefined;
  const locatorAt = eocdPosition - ZIP64_LOCATOR_LENGTH;
  const locator = new RecordReader(await source.read(locatorAt, eocdPosition), 'the ZIP64 locator');
  if (locator.u32(0) !== SIGNATURE.zip64Locator) return undefined;
  if (locator.u32(16) > 1) throw new ExportFormatError('the export is a split (multi-part) zip, which is not supported');
  const recordAt = locator.u64(8);
  if (recordAt + ZIP64_EOCD_LENGTH > locatorAt) throw new ExportFormatError('the ZIP64 locator points past its own position: the export is corrupt');
  const record = new RecordReader(await source.read(recordAt, recordAt + ZIP64_EOCD_LENGTH), 'the ZIP64 end-of-central-directory record');
  if (record.u32(0) !== SIGNATURE.zip64EndOfCentralDirectory) {
    throw new ExportFormatError('the ZIP64 end-of-central-directory record is missing: the export is corrupt');
  }
  return { entries: record.u64(32), size: record.u64(40), offset: record.u64(48), end: recordAt };
}
