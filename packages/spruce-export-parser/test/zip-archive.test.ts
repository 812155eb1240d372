/**
 * The zip module's one front door: `openZipArchive(source, limits)` lists the entries and
 * streams each one's bytes, with the size, CRC-32 and uncompressed-budget checks behind it.
 */
import { describe, expect, test } from 'vitest';
import { ExportFormatError } from '../src/index.js';
import { bytesSource } from '../src/sources/byte-range.js';
import { buildZip } from '../src/testing.js';
import { openZipArchive, type ZipArchive } from '../src/zip/zip-archive.js';
import { INFLATERS, caught, collect, useInflater } from './helpers/index.js';

const text = (n: number) => 'row,of,cells\n'.repeat(n);
const decoder = new TextDecoder();

async function readText(archive: ZipArchive, name: string): Promise<string> {
  const entry = archive.entries.find((candidate) => candidate.name === name)!;
  const chunks = await collect(archive.read(entry, { source: name.replace(/\.csv$/, '') }));
  return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('');
}

describe.each(INFLATERS)('openZipArchive, inflated with %s', (inflater) => {
  useInflater(inflater);

  test('lists the central directory and streams each entry, stored or deflated', async () => {
    const zip = buildZip([
      { name: 'spruce/messages.csv', data: text(500) },
      { name: 'spruce/pages.csv', data: text(3), method: 'store' },
    ]);
    const archive = await openZipArchive(bytesSource(zip), { maxUncompressedBytes: Number.POSITIVE_INFINITY });
    expect(archive.entries.map((entry) => [entry.name, entry.uncompressedSize])).toEqual([
      ['spruce/messages.csv', text(500).length],
      ['spruce/pages.csv', text(3).length],
    ]);
    expect(await readText(archive, 'spruce/messages.csv')).toBe(text(500));
    expect(await readText(archive, 'spruce/pages.csv')).toBe(text(3));
  });

  test('an entry whose bytes fail their CRC-32 (a bit flipped in transit) is an ExportFormatError naming the table, after its bytes', async () => {
    const zip = buildZip([{ name: 'messages.csv', data: text(200), fault: { crc32: 0x1234_5678 } }]);
    const archive = await openZipArchive(bytesSource(zip), { maxUncompressedBytes: Number.POSITIVE_INFINITY });
    const error = await caught(readText(archive, 'messages.csv'));
    expect(error).toBeInstanceOf(ExportFormatError);
    expect(error).toMatchObject({ source: 'messages', message: 'messages: the zip entry "messages.csv" fails its CRC-32 check: the export is corrupt' });
  });

  test('entries that together inflate past maxUncompressedBytes (a zip bomb) are an ExportFormatError; reading one twice counts once', async () => {
    const zip = buildZip([
      { name: 'messages.csv', data: text(100) },
      { name: 'pages.csv', data: text(100) },
    ]);
    const size = text(100).length;
    const archive = await openZipArchive(bytesSource(zip), { maxUncompressedBytes: size + size / 2 });
    expect(await readText(archive, 'messages.csv')).toBe(text(100));
    expect(await readText(archive, 'messages.csv')).toBe(text(100));
    const error = await caught(readText(archive, 'pages.csv'));
    expect(error).toBeInstanceOf(ExportFormatError);
    expect(error).toMatchObject({
      source: 'pages',
      message: `pages: the export inflates to more than maxUncompressedBytes (${size + size / 2} bytes); raise the limit if the export is genuine`,
    });
  });

  test('bytes that are not a zip fail at the open, with an ExportFormatError', async () => {
    const error = await caught(openZipArchive(bytesSource(new TextEncoder().encode(text(10))), { maxUncompressedBytes: 1024 }));
    expect(error).toBeInstanceOf(ExportFormatError);
    expect(error.message).toBe('the export is not a zip file, or it is truncated: no end-of-central-directory record');
  });
});
