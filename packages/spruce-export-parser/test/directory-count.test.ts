/**
 * The end record's entry count against the central directory it counts. One damaged count
 * (a 16-bit field, or the ZIP64 record's 64-bit one) must not make a table vanish from
 * `exp.tables` and `loadSpruceExport`: the export fails instead.
 */
import { describe, expect, test } from 'vitest';
import { ExportFormatError, loadSpruceExport, openSpruceExport } from '../src/index.js';
import { buildSpruceExportZip } from '../src/testing.js';
import { caught, message } from './helpers/index.js';

const messages = [message(1), message(2)];
const EOCD_LENGTH = 22;

/** The zip with the end record's total-entries count (and the per-disk one) lowered by `by`. */
function withEndRecordCount(zip: Uint8Array, by: number): Uint8Array {
  const damaged = zip.slice();
  const view = new DataView(damaged.buffer);
  const at = damaged.length - EOCD_LENGTH;
  for (const field of [8, 10]) view.setUint16(at + field, view.getUint16(at + field, true) - by, true);
  return damaged;
}

describe('an end record that counts fewer entries than the directory holds', () => {
  test('one too few: an ExportFormatError, not an export without messages.csv', async () => {
    const zip = buildSpruceExportZip({ messages });
    expect((await openSpruceExport(zip)).tables).toEqual(['metadata', 'messages']);
    for (const damaged of [withEndRecordCount(zip, 1), withEndRecordCount(zip, 2)]) {
      const error = await caught(openSpruceExport(damaged));
      expect(error).toBeInstanceOf(ExportFormatError);
      expect(error.message).toMatch(/^the central directory is corrupt: it holds more entries than the \d its end record counts$/);
      expect(await caught(loadSpruceExport(damaged))).toBeInstanceOf(ExportFormatError);
    }
  });

  test('the ZIP64 record counting one too few: an ExportFormatError', async () => {
    const zip = buildSpruceExportZip({ messages }, { zip64: true });
    const damaged = zip.slice();
    const view = new DataView(damaged.buffer);
    // The ZIP64 end record (56 bytes) precedes its locator (20) and the end record (22).
    const record = damaged.length - EOCD_LENGTH - 20 - 56;
    expect(view.getUint32(record, true)).toBe(0x06064b50);
    for (const field of [24, 32]) view.setBigUint64(record + field, view.getBigUint64(record + field, true) - 1n, true);
    expect(await caught(openSpruceExport(damaged))).toBeInstanceOf(ExportFormatError);
  });

  test('one too few, with bytes slipped in before the entry it no longer counts: an ExportFormatError', async () => {
    // The hidden entry no longer starts with its signature, so only the directory's declared
    // size shows that the counted entries do not fill it.
    const zip = buildSpruceExportZip({ messages });
    const view = new DataView(zip.buffer);
    const recordEnd = (at: number) => at + 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    // The entries are the folder, metadata.csv and messages.csv: slip the bytes in before the third.
    const slipAt = recordEnd(recordEnd(view.getUint32(zip.length - EOCD_LENGTH + 16, true)));
    const damaged = withEndRecordCount(new Uint8Array([...zip.subarray(0, slipAt), 0, 0, 0, 0, ...zip.subarray(slipAt)]), 1);
    const error = await caught(openSpruceExport(damaged));
    expect(error).toBeInstanceOf(ExportFormatError);
    expect(error.message).toMatch(/^the central directory is corrupt: its 2 entries take \d+ of its \d+ bytes$/);
  });

  test('an end record that counts more entries than there are is an ExportFormatError too', async () => {
    const damaged = withEndRecordCount(buildSpruceExportZip({ messages }), -1);
    expect(await caught(openSpruceExport(damaged))).toBeInstanceOf(ExportFormatError);
  });
});
