/**
 * Property: a valid export zip, damaged (bytes flipped, set, inserted or deleted, cut off at
 * any point; a CRC, a size, a count, an offset or a name length changed in a local header, the
 * central directory or the end records), reads back as exactly the rows of the original or
 * fails with an `ExportFormatError`, within a time bound. Never fewer rows and a success: every
 * table of the original is read by name, so a table that vanished is a failure too.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ExportFormatError, TABLE_NAMES, type TableName } from '../src/index.js';
import { buildSpruceExportZip, fakeSpruceExport, type BuildSpruceExportZipOptions } from '../src/testing.js';
import { INFLATERS, useInflater, zipEntries } from './helpers/index.js';
import { expectSdkFailure, propertyParameters, readExport, type ReadExport } from './helpers/properties.js';

/** A byte range of the zip, and what it is. */
interface Region {
  name: string;
  start: number;
  end: number;
  /** Offsets of numeric fields inside the region, with their widths in bytes. */
  fields: { at: number; width: 2 | 4 | 8 }[];
}

/** The structure of a zip: headers, data, descriptors, directory records and end records. */
async function regionsOf(zip: Uint8Array): Promise<Region[]> {
  const entries = await zipEntries(zip);
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const regions: Region[] = [];
  const eocd = zip.length - 22;
  const cdOffset = entries[0]!.dataLimit;
  for (const entry of entries) {
    const at = entry.localHeaderOffset;
    const headerEnd = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    regions.push({
      name: `local header of ${entry.name}`,
      start: at,
      end: headerEnd,
      fields: [
        { at: at, width: 4 },
        { at: at + 6, width: 2 },
        { at: at + 8, width: 2 },
        { at: at + 14, width: 4 },
        { at: at + 18, width: 4 },
        { at: at + 22, width: 4 },
        { at: at + 26, width: 2 },
        { at: at + 28, width: 2 },
      ],
    });
    regions.push({ name: `data of ${entry.name}`, start: headerEnd, end: headerEnd + entry.compressedSize, fields: [] });
    if (entry.flags & 0x8) {
      const descriptor = headerEnd + entry.compressedSize;
      regions.push({ name: `descriptor of ${entry.name}`, start: descriptor, end: descriptor + 16, fields: [{ at: descriptor + 4, width: 4 }] });
    }
  }
  for (let at = cdOffset, index = 0; index < entries.length; index++) {
    const end = at + 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    regions.push({
      name: `central header of ${entries[index]!.name}`,
      start: at,
      end,
      fields: [0, 8, 10, 16, 20, 24, 28, 30, 32, 34, 42].map((offset) => ({ at: at + offset, width: offset === 0 || offset >= 16 && offset <= 24 || offset === 42 ? 4 : 2 }) as const),
    });
    at = end;
  }
  regions.push({ name: 'end record', start: eocd, end: zip.length, fields: [4, 6, 8, 10, 12, 16, 20].map((offset) => ({ at: eocd + offset, width: offset >= 12 && offset <= 16 ? 4 : 2 }) as const) });
  if (view.getUint32(eocd - 20, true) === 0x07064b50) {
    const record = eocd - 20 - 56;
    regions.push({ name: 'ZIP64 locator', start: eocd - 20, end: eocd, fields: [{ at: eocd - 20 + 8, width: 8 }, { at: eocd - 20 + 16, width: 4 }] });
    regions.push({ name: 'ZIP64 end record', start: record, end: record + 56, fields: [24, 32, 40, 48].map((offset) => ({ at: record + offset, width: 8 }) as const) });
  }
  return regions;
}

type Mutation =
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'field'; at: number; width: 2 | 4 | 8; value: bigint }
  | { kind: 'nudge'; at: number; width: 2 | 4 | 8; delta: number };

/** Applies one mutation; positions were drawn for the undamaged zip, so one past the end is skipped. */
function mutate(zip: Uint8Array, mutation: Mutation): Uint8Array {
  const width = mutation.kind === 'field' || mutation.kind === 'nudge' ? mutation.width : 1;
  if (mutation.kind !== 'insert' && mutation.at + width > zip.length) return zip;
  switch (mutation.kind) {
    case 'flip':
    case 'set': {
      const damaged = zip.slice();
      damaged[mutation.at] = mutation.kind === 'flip' ? damaged[mutation.at]! ^ mutation.mask : mutation.value;
      return damaged;
    }
    case 'insert':
      return new Uint8Array([...zip.subarray(0, Math.min(mutation.at, zip.length)), ...mutation.bytes, ...zip.subarray(mutation.at)]);
    case 'delete':
      return new Uint8Array([...zip.subarray(0, mutation.at), ...zip.subarray(mutation.at + mutation.count)]);
    case 'truncate':
      return zip.slice(0, mutation.at);
    case 'field':
    case 'nudge': {
      const damaged = zip.slice();
      const view = new DataView(damaged.buffer);
      const bits = BigInt(mutation.width * 8);
      const mask = (1n << bits) - 1n;
      const current = mutation.width === 2 ? BigInt(view.getUint16(mutation.at, true)) : mutation.width === 4 ? BigInt(view.getUint32(mutation.at, true)) : view.getBigUint64(mutation.at, true);
      const next = (mutation.kind === 'field' ? mutation.value : current + BigInt(mutation.delta)) & mask;
      if (mutation.width === 2) view.setUint16(mutation.at, Number(next), true);
      else if (mutation.width === 4) view.setUint32(mutation.at, Number(next), true);
      else view.setBigUint64(mutation.at, next, true);
      return damaged;
    }
  }
}

/** Mutations of a zip of `length` bytes, half of them aimed at its structure. */
function mutationOf(length: number, regions: Region[]): fc.Arbitrary<Mutation> {
  // Regions by kind, each kind as likely as the next: the few end-record fields are hit as
  // often as the many entries' data.
  const byKind = new Map<string, Region[]>();
  for (const candidate of regions) {
    const kind = candidate.name.replace(/ of .*$/, '').replace(/^ZIP64 /, '');
    byKind.set(kind, [...(byKind.get(kind) ?? []), candidate]);
  }
  const kinds = [...byKind.values()];
  const region = fc.constantFrom(...kinds).chain((group) => fc.constantFrom(...group));
  const anywhere = fc.nat(length - 1);
  const inRegion = region.chain(({ start, end }) => fc.integer({ min: start, max: Math.max(start, end - 1) }));
  const position = fc.oneof(anywhere, inRegion);
  const withFields = kinds.map((group) => group.filter((candidate) => candidate.fields.length > 0)).filter((group) => group.length > 0);
  const field = fc
    .constantFrom(...withFields)
    .chain((group) => fc.constantFrom(...group))
    .chain((candidate) => fc.constantFrom(...candidate.fields));
  return fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at: position, mask: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ kind: fc.constant('set' as const), at: position, value: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.integer({ min: 0, max: length }), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
    fc.record({ kind: fc.constant('delete' as const), at: position, count: fc.integer({ min: 1, max: 8 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(length - 1) }),
    field.chain(({ at, width }) => fc.record({ kind: fc.constant('field' as const), at: fc.constant(at), width: fc.constant(width), value: fc.bigInt({ min: 0n, max: (1n << BigInt(width * 8)) - 1n }) })),
    field.chain(({ at, width }) => fc.record({ kind: fc.constant('nudge' as const), at: fc.constant(at), width: fc.constant(width), delta: fc.constantFrom(-3, -2, -1, 1, 2, 3) })),
  );
}

/** The exports the mutations start from: every table, written in the ways a reader meets. */
const BASES: [string, BuildSpruceExportZipOptions][] = [
  ['deflated, data descriptors, in a folder, with junk', { junk: true }],
  ['stored, sizes in the local headers, at the root', { compression: 'store', dataDescriptors: false, layout: 'root' }],
  ['ZIP64', { zip64: true }],
];

const TABLES: readonly TableName[] = TABLE_NAMES;
const fake = fakeSpruceExport({ messages: 25, seed: 3 });

// Generous: the runs take about a second; FC_NUM_RUNS may ask for many more.
describe.each(INFLATERS)('a damaged export, inflated with %s: the original rows or an ExportFormatError', { timeout: 120_000 }, (inflater) => {
  useInflater(inflater);

  test.each(BASES)('%s', async (_, options) => {
    const zip = buildSpruceExportZip(fake, options);
    const original = await readExport(zip, TABLES);
    if (!original.ok) throw original.error;
    expect(original.value.tables).toEqual(TABLES);
    const regions = await regionsOf(zip);
    const entryCount = (await zipEntries(zip)).length;
    await fc.assert(
      fc.asyncProperty(fc.array(mutationOf(zip.length, regions), { minLength: 1, maxLength: 3 }), async (mutations) => {
        const damaged = mutations.reduce(mutate, zip);
        // Every table by name: a table that vanished is an error.
        const byName = await readExport(damaged, TABLES);
        if (byName.ok) expect(byName.value).toEqual<ReadExport>(original.value);
        else expectSdkFailure(byName.error, [ExportFormatError]);
        // As a user who loops over `exp.tables` reads it: the tables listed come whole. One may
        // be missing from the list only when its name was damaged (the documented limit: the
        // entry is then an unknown file), never because the directory lost an entry.
        const listed = await readExport(damaged, 'listed');
        if (!listed.ok) {
          expectSdkFailure(listed.error, [ExportFormatError]);
          return;
        }
        expect(listed.value.tables).toEqual(TABLES.filter((table) => listed.value.tables.includes(table)));
        for (const table of listed.value.tables) expect(listed.value.rows[table]).toEqual(original.value.rows[table]);
        if (listed.value.tables.length < TABLES.length) {
          expect(await zipEntries(damaged).then((entries) => entries.length)).toBe(entryCount);
        }
      }),
      propertyParameters(inflater === 'fflate' ? 60 : 150),
    );
  });
});

describe('cut off at every point of a small export', { timeout: 60_000 }, () => {
  test('an ExportFormatError for every length short of the whole', async () => {
    const zip = buildSpruceExportZip(fakeSpruceExport({ messages: 3, seed: 1 }), { layout: 'root' });
    for (let length = 0; length < zip.length; length++) {
      const outcome = await readExport(zip.subarray(0, length), TABLES);
      expect(outcome.ok, `cut at ${length} of ${zip.length}`).toBe(false);
      if (!outcome.ok) expectSdkFailure(outcome.error, [ExportFormatError]);
    }
  });
});
