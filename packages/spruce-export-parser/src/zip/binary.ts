import { ExportFormatError } from '@x/core';

/** Zip record signatures (APPNOTE.TXT 4.3). */
export const SIGNATURE = {
  localFile: 0x04034b50,
  centralFile: 0x02014b50,
  endOfCentralDirectory: 0x06054b50,
  zip64EndOfCentralDirectory: 0x06064b50,
  zip64Locator: 0x07064b50,
  dataDescriptor: 0x08074b50,
} as const;

/** The value a 16- or 32-bit field holds when the real one is in a ZIP64 record. */
export const ZIP64_MARK_16 = 0xffff;
export const ZIP64_MARK_32 = 0xffffffff;

/** Little-endian reads from a slice of the zip, bounds-checked: a short record is a format error. */
export class RecordReader {
  readonly #view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    private readonly what: string,
  ) {
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  u16(offset: number): number {
    this.#need(offset, 2);
    return this.#view.getUint16(offset, true);
  }

  u32(offset: number): number {
    this.#need(offset, 4);
    return this.#view.getUint32(offset, true);
  }

  /** A 64-bit field; one beyond `Number.MAX_SAFE_INTEGER` (8 PiB) cannot be a real size or offset. */
  u64(offset: number): number {
    this.#need(offset, 8);
    const value = this.#view.getBigUint64(offset, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ExportFormatError(`${this.what} holds an impossible 64-bit size or offset`);
    return Number(value);
  }

  slice(offset: number, length: number): Uint8Array {
    this.#need(offset, length);
    return this.bytes.subarray(offset, offset + length);
  }

  #need(offset: number, length: number): void {
    if (offset < 0 || offset + length > this.bytes.byteLength) {
      throw new ExportFormatError(`${this.what} is cut short: the file is truncated or not a zip`);
    }
  }
}
