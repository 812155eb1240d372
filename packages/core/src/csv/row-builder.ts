import * as z from 'zod';
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
  return fastConverter(field) ?? ((cell) => {
    const result = field.safeParse(cell);
    return result.success ? result.data : INVALID;
  });
}

type FastConverter = (cell: string | null) => unknown;

/**
 * The converter of a column zod would parse the same way without being asked: a core `values`
 * helper, wrapped in `.nullable()`/`.optional()`, and optionally piped into a plain
 * `.transform()` (Spruce's `destinations` is text split into a list). Anything else, or a
 * wrapper or transform carrying checks (`.refine()`), is `undefined` and left to zod.
 */
function fastConverter(field: z.ZodType): FastConverter | undefined {
  const convert: CellConverter | undefined = cellConverter(field);
  if (convert) return (cell) => (cell === null ? INVALID : convert(cell));
  if ((field._zod.def.checks?.length ?? 0) > 0) return undefined;
  if (field instanceof z.ZodNullable) {
    const inner = fastConverter(field.unwrap() as z.ZodType);
    return inner && ((cell) => (cell === null ? null : inner(cell)));
  }
  // A cell is never undefined, so an optional column converts as its inner schema does.
  if (field instanceof z.ZodOptional) return fastConverter(field.unwrap() as z.ZodType);
  if (field instanceof z.ZodPipe && field.out instanceof z.ZodTransform) {
    const transform = field.out;
    if ((transform._zod.def.checks?.length ?? 0) > 0) return undefined;
    const input = fastConverter(field.in as z.ZodType);
    return input && transformed(input, transform._zod.def.transform);
  }
  return undefined;
}

/**
 * Runs a `.transform()` function as zod does, on a payload of its own: an issue it reports (or
 * a promise, which only zod's async parse can take) makes the cell {@link INVALID}, and the
 * caller's zod pass then reports the exact error.
 */
function transformed(input: FastConverter, transform: (value: unknown, payload: z.core.ParsePayload) => unknown): FastConverter {
  return (cell) => {
    const value = input(cell);
    if (value === INVALID) return INVALID;
    const issues: z.core.$ZodRawIssue[] = [];
    // `addIssue` as zod's classic transform context has it, for transforms that use it.
    const payload = { value, issues, addIssue: (issue: z.core.$ZodRawIssue) => issues.push(issue) };
    const output = transform(value, payload);
    return issues.length > 0 || output instanceof Promise ? INVALID : output;
  };
}
