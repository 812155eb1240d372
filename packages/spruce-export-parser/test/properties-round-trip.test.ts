/**
 * Property: random rows for every table, drawn from the table models (emoji and other
 * graphemes, quotes, commas, CR and LF, a BOM and NUL inside cells, empty cells where a column
 * may be null, dates from year 1 to 9999, the largest safe integers, destination lists, event
 * data of every shape), written with `buildSpruceExportZip` in any of its layouts and read back
 * with `openSpruceExport`, are exactly the rows written: typed as the models say, raw as the
 * cells were written, and the same through `loadSpruceExport`.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { loadSpruceExport, openSpruceExport, TABLE_NAMES, type TableName } from '../src/index.js';
import { buildSpruceExportZip, type BuildSpruceExportZipOptions, type SpruceExportTables } from '../src/testing.js';
import { rowArbitrary, type GeneratedRow } from './helpers/arbitraries.js';
import { collect } from './helpers/index.js';
import { propertyParameters, settleWithin } from './helpers/properties.js';

type Tables = Partial<Record<TableName, GeneratedRow[]>>;

/** Some of the tables (metadata always, with one row), each with a few rows. */
const tables: fc.Arbitrary<Tables> = fc.record(
  Object.fromEntries(
    TABLE_NAMES.map((table) => [table, table === 'metadata' ? fc.tuple(rowArbitrary(table)).map((row) => [...row]) : fc.array(rowArbitrary(table), { maxLength: 4 })]),
  ) as Record<TableName, fc.Arbitrary<GeneratedRow[]>>,
  { requiredKeys: ['metadata'] },
);

const zipOptions: fc.Arbitrary<BuildSpruceExportZipOptions> = fc.record({
  compression: fc.constantFrom('deflate' as const, 'store' as const),
  bom: fc.boolean(),
  lineEnding: fc.constantFrom('\n' as const, '\r\n' as const),
  headerSpelling: fc.constantFrom('canonical' as const, 'document' as const),
  layout: fc.constantFrom('folder' as const, 'root' as const),
  dataDescriptors: fc.boolean(),
  zip64: fc.boolean(),
  junk: fc.boolean(),
});

describe('round trip through buildSpruceExportZip and openSpruceExport', { timeout: 120_000 }, () => {
  test('every table: the rows written are the rows read, typed, raw and loaded', async () => {
    await fc.assert(
      fc.asyncProperty(tables, zipOptions, async (generated, options) => {
        const present = TABLE_NAMES.filter((table) => generated[table] !== undefined);
        const input = Object.fromEntries(present.map((table) => [table, generated[table]!.map((row) => row.input)])) as SpruceExportTables;
        const zip = buildSpruceExportZip(input, options);
        const outcome = await settleWithin(async (signal) => {
          const exp = await openSpruceExport(zip, { signal });
          const typed: Partial<Record<TableName, unknown[]>> = {};
          const raw: Partial<Record<TableName, unknown[]>> = {};
          for (const table of exp.tables) {
            typed[table] = await collect(exp.rows(table, { signal }));
            raw[table] = await collect(exp.rows(table, { raw: true, signal }));
          }
          return { tables: exp.tables, metadata: exp.metadata, typed, raw, loaded: await loadSpruceExport(zip, { signal }) };
        });
        if (!outcome.ok) throw outcome.error;
        const { tables: listed, metadata, typed, raw, loaded } = outcome.value;
        expect(listed).toEqual(present);
        expect(metadata).toEqual(generated.metadata![0]!.typed);
        for (const table of present) {
          expect(typed[table], table).toEqual(generated[table]!.map((row) => row.typed));
          expect(raw[table], `${table}, raw`).toEqual(generated[table]!.map((row) => row.raw));
        }
        expect(loaded).toEqual(typed);
      }),
      propertyParameters(100),
    );
  });
});
