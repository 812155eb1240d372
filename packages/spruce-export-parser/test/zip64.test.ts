import { describe, expect, test } from 'vitest';
import { openSpruceExport } from '../src/index.js';
import { buildSpruceExportZip, buildZip } from '../src/testing.js';
import { SAMPLE_ROWS, collect, message, zipEntries } from './helpers/index.js';

describe('ZIP64', () => {
  const tables = { messages: Array.from({ length: 300 }, (_, i) => message(i)), pages: [SAMPLE_ROWS.pages.input] };

  test.each([
    ['data descriptors', { dataDescriptors: true }],
    ['sizes in the local header', { dataDescriptors: false }],
    ['stored', { compression: 'store' as const }],
  ])('a ZIP64 export reads the same as a plain one (%s)', async (_case, options) => {
    const plain = await openSpruceExport(buildSpruceExportZip(tables, options));
    const zip64 = await openSpruceExport(buildSpruceExportZip(tables, { ...options, zip64: true }));
    expect(zip64.tables).toEqual(plain.tables);
    expect(await collect(zip64.rows('messages'))).toEqual(await collect(plain.rows('messages')));
    expect(await collect(zip64.rows('pages'))).toEqual([SAMPLE_ROWS.pages.output]);
  });

  test('sizes and offsets come from the ZIP64 record and extra fields, not the 0xFFFFFFFF marks', async () => {
    const entries = [
      { name: 'a.csv', data: 'x'.repeat(1000) },
      { name: 'b.csv', data: 'y'.repeat(10), method: 'store' as const },
    ];
    const plain = await zipEntries(buildZip(entries));
    const zip64 = await zipEntries(buildZip(entries, { zip64: true }));
    expect(zip64.map((entry) => [entry.name, entry.uncompressedSize, entry.compressedSize, entry.crc32])).toEqual(
      plain.map((entry) => [entry.name, entry.uncompressedSize, entry.compressedSize, entry.crc32]),
    );
    expect(zip64.map((entry) => entry.uncompressedSize)).toEqual([1000, 10]);
    expect(zip64[1]!.localHeaderOffset).toBeGreaterThan(zip64[0]!.localHeaderOffset);
    expect(zip64[0]!.localHeaderOffset).toBe(0);
  });
});
