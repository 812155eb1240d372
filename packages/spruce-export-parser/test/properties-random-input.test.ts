/**
 * Property: any bytes handed to `openSpruceExport` (random, or a random zip built of random
 * entries) end, within a time bound, in rows or in an `SdkError` subclass; never another
 * exception, never a hang. Read from memory and from a `Blob`, the outcome is the same.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DataValidationError, ExportFormatError, TABLE_COLUMNS, TABLE_NAMES } from '../src/index.js';
import { buildZip, type ZipEntryInput } from '../src/testing.js';
import { expectSdkFailure, propertyParameters, readExport, type Outcome, type ReadExport } from './helpers/properties.js';

/**
 * Reads `bytes` from memory and from a Blob, checks each outcome (a failure is one of
 * `allowed`), and that both agree.
 */
async function expectRowsOrSdkError(bytes: Uint8Array, allowed = [ExportFormatError, DataValidationError]): Promise<Outcome<ReadExport>> {
  const fromBytes = await readExport(bytes, 'listed');
  const fromBlob = await readExport(new Blob([new Uint8Array(bytes)]), 'listed');
  for (const outcome of [fromBytes, fromBlob]) {
    if (!outcome.ok) expectSdkFailure(outcome.error, allowed);
  }
  if (fromBytes.ok) expect(fromBlob).toEqual(fromBytes);
  else expect(fromBlob.ok ? undefined : errorSummary(fromBlob.error)).toEqual(errorSummary(fromBytes.error));
  return fromBytes;
}

const errorSummary = (error: unknown) => ({ name: (error as Error).name, message: (error as Error).message });

const csvText = fc.string({
  unit: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(',', '"', '\n', '\r\n', '\r', '\uFEFF', 'true', '2024-05-02T12:00:00Z', '|', ':', 'SMS:+1') },
    { weight: 5, arbitrary: fc.string({ unit: 'grapheme', maxLength: 1 }) },
  ),
  maxLength: 120,
});

const VALID_METADATA = 'start_timestamp,end_timestamp\n2024-05-01T00:00:00Z,2024-06-01T00:00:00Z\n';
const method = fc.constantFrom('deflate' as const, 'store' as const);
const fault = fc.record(
  {
    crc32: fc.nat(),
    uncompressedSize: fc.nat({ max: 400 }),
    compressedSize: fc.nat({ max: 400 }),
    methodId: fc.constantFrom(0, 1, 8, 12, 99),
    encrypted: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** `undefined` four times in five. */
const rarely = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

/** An entry without the `fault` key when it has none (the type has no room for `undefined`). */
const asEntry = ({ fault, ...entry }: Omit<ZipEntryInput, 'fault'> & { fault: ZipEntryInput['fault'] | undefined }): ZipEntryInput =>
  fault === undefined ? entry : { ...entry, fault };

/** metadata.csv: valid most of the time, so that the open gets past it and the tables are read. */
const metadataEntry: fc.Arbitrary<ZipEntryInput> = fc.record({
  name: fc.constantFrom('metadata.csv', 'export/metadata.csv', 'METADATA.CSV'),
  data: fc.oneof({ weight: 4, arbitrary: fc.constant(VALID_METADATA) }, { weight: 1, arbitrary: csvText }),
  method,
  fault: rarely(fault),
}).map(asEntry);

/** A table: its own header then random records, random text, or random bytes. */
const tableEntry: fc.Arbitrary<ZipEntryInput> = fc.constantFrom(...TABLE_NAMES.slice(1)).chain((table) =>
  fc.record({
    name: fc.constantFrom(`${table}.csv`, `export/${table}.csv`),
    data: fc.oneof(
      { weight: 3, arbitrary: csvText.map((rest) => `${Object.keys(TABLE_COLUMNS[table].shape).join(',')}\n${rest}`) },
      { weight: 1, arbitrary: csvText },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
    ),
    method,
    fault: rarely(fault),
  }).map(asEntry),
);

/** What else a zip may hold: folders, Mac leftovers, deeper paths, odd names. */
const otherEntry: fc.Arbitrary<ZipEntryInput> = fc.record({
  name: fc.oneof(fc.constantFrom('__MACOSX/._messages.csv', '.DS_Store', 'README.txt', 'a/b/messages.csv', 'export/'), fc.string({ maxLength: 20 })),
  data: fc.uint8Array({ maxLength: 50 }),
});

/** Mostly distinct tables (a duplicate is an error of its own, tried now and then). */
const tableOf = (entry: ZipEntryInput) => entry.name.replace(/^.*\//, '');
const tables = fc.oneof(
  { weight: 9, arbitrary: fc.uniqueArray(tableEntry, { maxLength: 6, selector: tableOf }) },
  { weight: 1, arbitrary: fc.array(tableEntry, { maxLength: 6 }) },
);
const entries = fc
  .tuple(metadataEntry, tables, fc.array(otherEntry, { maxLength: 2 }))
  .map(([metadata, tables, others]) => [metadata, ...tables, ...others]);

// Generous: the runs take about a second; FC_NUM_RUNS may ask for many more.
describe('anything as an export: rows or an SdkError, never another exception, never a hang', { timeout: 120_000 }, () => {
  test('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2_000 }), async (bytes) => {
        expect((await expectRowsOrSdkError(bytes, [ExportFormatError])).ok).toBe(false);
      }),
      propertyParameters(150),
    );
  });

  test('random bytes that begin and end like a zip', async () => {
    const localHeader = [0x50, 0x4b, 0x03, 0x04];
    const endRecord = (body: number) => {
      const record = new Uint8Array(22);
      const view = new DataView(record.buffer);
      view.setUint32(0, 0x06054b50, true);
      view.setUint16(8, 2, true);
      view.setUint16(10, 2, true);
      view.setUint32(12, Math.min(body, 92), true);
      view.setUint32(16, Math.max(0, body - 92), true);
      return record;
    };
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 100, maxLength: 800 }), async (body) => {
        expect((await expectRowsOrSdkError(new Uint8Array([...localHeader, ...body, ...endRecord(body.length + 4)]), [ExportFormatError])).ok).toBe(false);
      }),
      propertyParameters(150),
    );
  });

  test('well-formed zips of random entries: random names, random content, damaged headers', async () => {
    await fc.assert(
      fc.asyncProperty(entries, fc.boolean(), fc.boolean(), async (entries, zip64, dataDescriptors) => {
        await expectRowsOrSdkError(buildZip(entries, { zip64, dataDescriptors }));
      }),
      propertyParameters(200),
    );
  });
});
