/**
 * Property: the CSV inside a well-formed export zip, valid or not, ends in rows or an
 * `SdkError` within a time bound. Where the outcome is known it is checked exactly:
 *
 * - Valid rows under a header in any column order and spelling (case, underscores, spaces),
 *   with columns the model does not know, a BOM and CRLF: exactly the rows, extras as strings.
 * - The same with cells made invalid for their column: strict mode fails at the first bad
 *   record with a `DataValidationError` naming record and column (not the value), after exactly
 *   the rows before it; lenient mode delivers every row, reports each bad one once, and keeps
 *   the bad cell as sent; raw mode delivers every cell as written.
 * - Random text, and valid files with quotes, fields and line breaks damaged: rows or an
 *   `ExportFormatError` / `DataValidationError`; in lenient mode never a
 *   `DataValidationError` thrown (only reported).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DataValidationError, ExportFormatError, openSpruceExport, TABLE_COLUMNS, TABLE_NAMES, type TableName } from '../src/index.js';
import { buildZip, goCsvField } from '../src/testing.js';
import { rowArbitrary, text, type GeneratedRow } from './helpers/arbitraries.js';
import { expectSdkFailure, propertyParameters, settleWithin } from './helpers/properties.js';

const METADATA = 'start_timestamp,end_timestamp\n2024-05-01T00:00:00Z,2024-06-01T00:00:00Z\n';
const TABLES = TABLE_NAMES.filter((table) => table !== 'metadata');

/** An export of metadata.csv and one table whose file is `csv`, read in one mode. */
async function readTableCsv(table: TableName, csv: string, mode: 'strict' | 'lenient' | 'raw') {
  const reported: DataValidationError[] = [];
  const delivered: unknown[] = [];
  const outcome = await settleWithin(async (signal) => {
    const exp = await openSpruceExport(buildZip([{ name: 'metadata.csv', data: METADATA }, { name: `${table}.csv`, data: csv }]), { signal });
    const options = mode === 'raw' ? { raw: true, signal } : mode === 'lenient' ? { onInvalidRow: (error: DataValidationError) => void reported.push(error), signal } : { signal };
    for await (const row of exp.rows(table, options)) delivered.push(row);
    return delivered;
  });
  return { outcome, delivered, reported };
}

/** A header spelling that `normalizeHeaderLoosely` maps back to `column`. */
const spelling = (column: string) =>
  fc
    .tuple(fc.constantFrom('lower', 'upper', 'title'), fc.boolean(), fc.constantFrom('', ' ', '  '))
    .map(([letterCase, dropUnderscores, pad]) => {
      let name = dropUnderscores ? column.replaceAll('_', '') : column;
      if (letterCase === 'upper') name = name.toUpperCase();
      if (letterCase === 'title') name = name.replace(/(^|_)([a-z])/g, (_, sep: string, letter: string) => sep + letter.toUpperCase());
      return pad + name + pad;
    });

/** A column the model does not know: a name no model column normalizes to. */
const extraColumn = fc.stringMatching(/^x_[a-z]{1,8}$/);

interface Layout {
  /** Per position: a model column, or an extra one. */
  columns: { name: string; header: string; known: boolean }[];
}

/** The table's columns in a random order and spelling, with up to two extra columns. */
function layoutOf(table: TableName): fc.Arbitrary<Layout> {
  const known = Object.keys(TABLE_COLUMNS[table].shape);
  return fc
    .tuple(
      fc.tuple(...known.map((column) => spelling(column).map((header) => ({ name: column, header, known: true })))),
      fc.uniqueArray(extraColumn, { maxLength: 2 }).map((names) => names.map((name) => ({ name, header: name, known: false }))),
    )
    .chain(([model, extras]) => fc.shuffledSubarray([...model, ...extras], { minLength: model.length + extras.length }))
    .map((columns) => ({ columns }));
}

/** A cell value that cannot mean what its column says, or `undefined` when every text can. */
function invalidCells(table: TableName, column: string): string[] | undefined {
  const field = (TABLE_COLUMNS[table].shape as Record<string, { safeParse(value: unknown): { success: boolean } }>)[column]!;
  const candidates = ['', 'yes', 'yesterday', '2024-05-02 12:00:00', '2024-13-01T00:00:00Z', '1986-02-30', '1.5', 'SMS', ':+14155550100'];
  // What the reader hands the model: an empty cell as null, any other as its text.
  const invalid = candidates.filter((cell) => !field.safeParse(cell === '' ? null : cell).success);
  return invalid.length > 0 ? invalid : undefined;
}

interface Damage {
  /** 0-based row index. */
  row: number;
  column: string;
  cell: string;
}

/** A table, its rows, a layout, and at most one invalid cell in some of the rows. */
const damagedTable = fc.constantFrom(...TABLES).chain((table) => {
  const targets = Object.keys(TABLE_COLUMNS[table].shape).filter((column) => !(table === 'conversation_events' && column === 'data') && invalidCells(table, column));
  return fc.record({
    table: fc.constant(table),
    rows: fc.array(rowArbitrary(table), { minLength: 1, maxLength: 6 }),
    layout: layoutOf(table),
    extraCells: fc.array(fc.oneof(text, fc.constant('')), { minLength: 12, maxLength: 12 }),
    damage: fc.uniqueArray(
      fc.record({ row: fc.nat(5), column: fc.constantFrom(...targets) }).chain(({ row, column }) => fc.constantFrom(...invalidCells(table, column)!).map((cell): Damage => ({ row, column, cell }))),
      { maxLength: 3, selector: (damage) => damage.row },
    ),
    bom: fc.boolean(),
    lineEnding: fc.constantFrom('\n', '\r\n'),
  });
});

function csvOf({ rows, layout, extraCells, damage, bom, lineEnding }: { rows: GeneratedRow[]; layout: Layout; extraCells: string[]; damage: Damage[]; bom: boolean; lineEnding: string }) {
  const extraValue = (row: number, column: number) => extraCells[(row * 3 + column) % extraCells.length]!;
  const record = (cells: string[]) => cells.map(goCsvField).join(',') + lineEnding;
  let csv = (bom ? '\uFEFF' : '') + record(layout.columns.map((column) => column.header));
  rows.forEach((row, i) => {
    const bad = damage.find((entry) => entry.row === i);
    csv += record(layout.columns.map((column, c) => (!column.known ? extraValue(i, c) : bad?.column === column.name ? bad.cell : row.raw[column.name]!)));
  });
  return csv;
}

describe('CSV content inside a well-formed zip', { timeout: 120_000 }, () => {
  test('any column order and spelling, extra columns, invalid cells: the exact outcome in every mode', async () => {
    await fc.assert(
      fc.asyncProperty(damagedTable, async (generated) => {
        const { table, rows, layout, damage } = generated;
        const inRange = damage.filter((entry) => entry.row < rows.length).sort((a, b) => a.row - b.row);
        const csv = csvOf({ ...generated, damage: inRange });
        const extras = (i: number) =>
          Object.fromEntries(layout.columns.flatMap((column, c) => (column.known ? [] : [[column.name, generated.extraCells[(i * 3 + c) % generated.extraCells.length]!]])));
        const typed = rows.map((row, i) => ({ ...row.typed, ...extras(i) }));
        const badCell = (entry: Damage) => (entry.cell === '' ? null : entry.cell);

        // Strict: the rows before the first bad record, then its DataValidationError.
        const strict = await readTableCsv(table, csv, 'strict');
        const first = inRange[0];
        if (!first) {
          expect(strict.outcome).toEqual({ ok: true, value: typed });
        } else {
          expect(strict.outcome.ok).toBe(false);
          const error = (strict.outcome as { error: unknown }).error;
          expectSdkFailure(error, [DataValidationError]);
          expect(error).toMatchObject({ source: table, record: first.row + 1, field: first.column });
          if (first.cell !== '') expect((error as Error).message).not.toContain(first.cell);
          expect(strict.delivered).toEqual(typed.slice(0, first.row));
        }

        // Lenient: every row, each bad one reported once and kept as sent.
        const lenient = await readTableCsv(table, csv, 'lenient');
        expect(lenient.outcome.ok).toBe(true);
        const expectedLenient = typed.map((row, i) => {
          const bad = inRange.find((entry) => entry.row === i);
          if (!bad) return row;
          // Without a valid event name, `data` is read as the object it is, not by event.
          const data = table === 'conversation_events' && bad.column === 'event' ? { data: rows[i]!.raw.data ? (JSON.parse(rows[i]!.raw.data) as unknown) : null } : {};
          return { ...row, [bad.column]: badCell(bad), ...data };
        });
        expect(lenient.delivered).toEqual(expectedLenient);
        expect(lenient.reported.map((error) => [error.record, error.field])).toEqual(inRange.map((entry) => [entry.row + 1, entry.column]));

        // Raw: every cell as written, under its canonical name.
        const raw = await readTableCsv(table, csv, 'raw');
        expect(raw.outcome.ok).toBe(true);
        expect(raw.delivered).toEqual(
          rows.map((row, i) => {
            const bad = inRange.find((entry) => entry.row === i);
            return { ...row.raw, ...(bad ? { [bad.column]: bad.cell } : {}), ...extras(i) };
          }),
        );
      }),
      propertyParameters(80),
    );
  });

  /** Damage to the CSV's structure: quotes, fields, record ends, a stray BOM. */
  const structuralDamage = fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), piece: fc.constantFrom('"', '""', ',', '\n', '\r', '\r\n', '\uFEFF', ' "', '"x', '\u0000') }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 6 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  );

  function damageText(csv: string, damages: { kind: 'insert' | 'delete' | 'truncate'; at: number; piece?: string; count?: number }[]): string {
    return damages.reduce((current, damage) => {
      const at = current.length === 0 ? 0 : damage.at % (current.length + 1);
      if (damage.kind === 'insert') return current.slice(0, at) + damage.piece! + current.slice(at);
      if (damage.kind === 'delete') return current.slice(0, at) + current.slice(at + damage.count!);
      return current.slice(0, at);
    }, csv);
  }

  /** Random text, or a table's own header with random text after it. */
  const randomCsv = fc.constantFrom(...TABLES).chain((table) =>
    fc.record({
      table: fc.constant(table),
      csv: fc.oneof(
        fc.string({ unit: fc.oneof(fc.constantFrom(',', '"', '\n', '\r', '\uFEFF', 'true', '|', ':'), fc.string({ unit: 'grapheme', maxLength: 1 })), maxLength: 200 }),
        fc.string({ unit: fc.oneof(fc.constantFrom(',', '"', '\n', '\r\n', ''), text), maxLength: 40 }).map((rest) => `${Object.keys(TABLE_COLUMNS[table].shape).join(',')}\n${rest}`),
      ),
    }),
  );

  /** A valid file of the table with damage to its structure. */
  const damagedCsv = damagedTable.chain((generated) =>
    fc.array(structuralDamage, { minLength: 1, maxLength: 3 }).map((damages) => ({ table: generated.table, csv: damageText(csvOf({ ...generated, damage: [] }), damages) })),
  );

  test('random text and damaged structure: rows or an SdkError; lenient mode never throws a DataValidationError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(randomCsv, damagedCsv), async ({ table, csv }) => {
        const strict = await readTableCsv(table, csv, 'strict');
        if (!strict.outcome.ok) expectSdkFailure(strict.outcome.error, [ExportFormatError, DataValidationError]);
        for (const mode of ['lenient', 'raw'] as const) {
          const { outcome, reported } = await readTableCsv(table, csv, mode);
          // Raw mode still checks each record's field count; lenient mode only reports it.
          if (!outcome.ok) expectSdkFailure(outcome.error, mode === 'raw' ? [ExportFormatError, DataValidationError] : [ExportFormatError]);
          for (const error of reported) expect(error).toMatchObject({ name: 'DataValidationError', source: table });
          // A file that reads strictly reads the same way leniently.
          if (mode === 'lenient' && strict.outcome.ok) expect(outcome).toEqual(strict.outcome);
        }
      }),
      propertyParameters(250),
    );
  });

  test('a random metadata.csv: the open succeeds with one valid row, or fails with an SdkError', async () => {
    const metadataCsv = fc.oneof(
      fc.string({ unit: fc.oneof(fc.constantFrom(',', '"', '\n', 'start_timestamp', 'end_timestamp', '2024-05-01T00:00:00Z', 'Z'), fc.string({ unit: 'grapheme', maxLength: 1 })), maxLength: 120 }),
      fc.array(structuralDamage, { minLength: 1, maxLength: 2 }).map((damages) => damageText(METADATA, damages)),
    );
    await fc.assert(
      fc.asyncProperty(metadataCsv, async (csv) => {
        const outcome = await settleWithin((signal) => openSpruceExport(buildZip([{ name: 'metadata.csv', data: csv }]), { signal }));
        if (outcome.ok) {
          expect(outcome.value.metadata.start_timestamp).toBeInstanceOf(Date);
          expect(outcome.value.metadata.end_timestamp).toBeInstanceOf(Date);
        } else {
          expectSdkFailure(outcome.error, [ExportFormatError, DataValidationError]);
        }
      }),
      propertyParameters(150),
    );
  });
});

// Keeps the helpers honest: the spelling generator only makes names the reader maps back.
test('every generated header spelling normalizes to its column', () => {
  fc.assert(
    fc.property(fc.constantFrom(...TABLES), (table) => {
      for (const column of Object.keys(TABLE_COLUMNS[table].shape)) {
        fc.assert(fc.property(spelling(column), (header) => header.trim().toLowerCase().replaceAll('_', '') === column.toLowerCase().replaceAll('_', '')), { numRuns: 5 });
      }
    }),
    { numRuns: 13 },
  );
});
