import type { ByteRangeSource } from '../sources/byte-range.js';
import { readCentralDirectory, type ZipEntry } from './central-directory.js';
import { readEntry } from './entry-reader.js';
import { UncompressedBudget } from './uncompressed-budget.js';

export type { ZipEntry } from './central-directory.js';

/** Limits of {@link openZipArchive}: one budget for every read of the archive. */
export interface ZipLimits {
  /**
   * The most bytes all entries together may inflate to, counted as they are inflated (not as the
   * zip declares them); reading an entry again does not count twice. Past it a read fails with
   * an `ExportFormatError`. `Infinity` lifts the limit.
   */
  maxUncompressedBytes: number;
}

/** Options of {@link ZipArchive.read}. */
export interface ZipReadOptions {
  /** What the entry holds, as errors name it: `'messages'`. */
  source: string;
}

/** An opened zip: its directory, and each entry's bytes on demand. */
export interface ZipArchive {
  /** Every file the central directory lists, in its order, ZIP64 fields applied. */
  readonly entries: readonly ZipEntry[];
  /**
   * Streams an entry's uncompressed bytes (stored or deflated), pulled as they are consumed;
   * stopping early releases the read. A damaged entry is never a short success: more bytes
   * than declared, fewer, a wrong CRC-32, corrupt deflate data, an encrypted entry or an unknown
   * method, and going past `maxUncompressedBytes`, are `ExportFormatError`s naming `source`.
   */
  read(entry: ZipEntry, options: ZipReadOptions): AsyncGenerator<Uint8Array, void, undefined>;
}

/**
 * The one way into a zip: reads the central directory now (`ExportFormatError` for anything that
 * is not a readable zip), and entries when asked. The size and CRC-32 checks and the
 * uncompressed budget live behind it.
 *
 * @example
 * ```ts
 * const archive = await openZipArchive(bytesSource(zip), { maxUncompressedBytes: 4 * 1024 ** 3 });
 * const entry = archive.entries.find((e) => e.name.endsWith('messages.csv'))!;
 * for await (const chunk of archive.read(entry, { source: 'messages' })) parser.write(chunk);
 * ```
 */
export async function openZipArchive(source: ByteRangeSource, limits: ZipLimits): Promise<ZipArchive> {
  const entries: readonly ZipEntry[] = Object.freeze(await readCentralDirectory(source));
  const budget = new UncompressedBudget(limits.maxUncompressedBytes);
  return {
    entries,
    read: (entry, options) => readEntry(source, entry, { budget, source: options.source }),
  };
}
