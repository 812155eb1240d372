import { z } from 'zod';
import { cellConverter, INVALID, type CellConverter } from '../values.js';
import type { ColumnLayout } from './header.js';

/**
 * Builds a typed row from a record's cells in one pass, or returns `undefined` when some cell
 * does not convert; the caller then runs the row through zod for the exact error (or the
 * lenient row). Made once per file: converters are chosen per column up front.
 */
export type RowBuilder = (cells: readonly string[]) => Record<string, unknown> | undefined;

interface Column {
  key: string;
  index: number;
  convert: (cell: string | null) => unknown;
}

/**
 * A one-pass builder for rows of `schema` laid out as `layout`, when zod would do nothing the
 * builder cannot: a plain object schema without object-level checks, every key in the header,
 * and unknown columns either passed through (`z.looseObject`) or dropped (`z.object`). Columns
 * made with core's `values` helpers convert with the very function the helper's zod transform
 * runs; any other column goes through its own field schema. Otherwise `undefined`: every row
 * then goes through zod whole.
 */
export function compileRowBuilder(schema: z.ZodObject, layout: ColumnLayout): RowBuilder | undefined {
  const { def } = schema;
  if ((def.checks?.length ?? 0) > 0) return undefined;
  const catchall = def.catchall;
  const passUnknown = catchall instanceof z.ZodUnknown || catchall instanceof z.ZodAny;
  if (catchall !== undefined && !passUnknown) return undefined;
  const position = new Map(layout.keys.map((key, index) => [key, index]));
  const shape = schema.shape as Record<string, z.ZodType>;
  const columns: Column[] = [];
  for (const [key, field] of Object.entries(shape)) {
    const index = position.get(key);
    if (index === undefined) return undefined;
    columns.push({ key, index, convert: columnConverter(field) });
  }
  const extras = passUnknown ? layout.keys.flatMap((key, index) => (layout.known[index] ? [] : [{ key, index }])) : [];
  const width = layout.keys.length;

  return (cells) => {
    if (cells.length !== width) return undefined;
    const row: Record<string, unknown> = {};
    for (const { key, index, convert } of columns) {
      const cell = cells[index]!;
      const value = convert(cell === '' ? null : cell);
      if (value === INVALID) return undefined;
      row[key] = value;
    }
    for (const { key, index } of extras) row[key] = cells[index];
    return row;
  };
}

/** How one column's cell (null when empty) becomes its value, or {@link INVALID}. */
function columnConverter(field: z.ZodType): (cell: string | null) => unknown {
  let inner = field;
  let nullable = false;
  while (inner instanceof z.ZodNullable || inner instanceof z.ZodOptional) {
    if (inner instanceof z.ZodNullable) nullable = true;
    inner = inner.unwrap() as z.ZodType;
  }
  const convert: CellConverter | undefined = cellConverter(inner);
  if (convert) return (cell) => (cell === null ? (nullable ? null : INVALID) : convert(cell));
  return (cell) => {
    const result = field.safeParse(cell);
    return result.success ? result.data : INVALID;
  };
}
