import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { values } from '@x/core';
import { columnLayout } from '../src/csv/header.js';
import { compileRowBuilder } from '../src/csv/row-builder.js';

const Loose = z.looseObject({
  id: values.string(),
  count: values.number().nullable(),
  whole: values.integer(),
  flag: values.boolean(),
  at: values.timestamp().nullable(),
  day: values.date().nullable(),
  local: values.localDateTime().nullable(),
  kind: values.openEnum(['A', 'B']),
  note: values.string().optional(),
  email: z.string().email().nullable(),
});

/** Cells that are sometimes valid for some column and sometimes not. */
const cell = fc.oneof(
  fc.constantFrom('', 'A', 'Z', 'true', 'FALSE', 'yes', '0', '-3', '2.5', '1e3', 'x1', '2024-05-02', '2024-02-30', '2024-05-02 14:46:11'),
  fc.constantFrom('2006-01-02T15:04:05.999999999-07:00', '2024-05-02T14:46:11Z', '2024-05-02T14:46:11', 'a@b.example', 'not-an-email'),
  fc.string({ maxLength: 6 }),
);

/** What the zod path gives for the same record: empty cells of known columns become null. */
function viaZod(schema: z.ZodObject, header: string[], cells: string[]) {
  const shape = schema.shape as Record<string, unknown>;
  const input = Object.fromEntries(header.map((key, i) => [key, key in shape && cells[i] === '' ? null : cells[i]]));
  return schema.safeParse(input);
}

describe('compileRowBuilder', () => {
  test.each([
    ['a loose object', Loose],
    ['a stripping object', z.object(Loose.shape)],
  ])('agrees with zod on every record, for %s', (_, schema) => {
    const header = [...Object.keys(Loose.shape).reverse(), 'extra_col'];
    const build = compileRowBuilder(schema, columnLayout(header, { source: 't', schema }))!;
    expect(build).toBeDefined();
    fc.assert(
      fc.property(fc.array(cell, { minLength: header.length, maxLength: header.length }), (cells) => {
        const built = build(cells);
        const zod = viaZod(schema, header, cells);
        // Never a row zod would refuse, never a different row; and no slow path where zod succeeds.
        expect(built !== undefined).toBe(zod.success);
        if (built !== undefined && zod.success) {
          expect(built).toEqual(zod.data);
          expect(Object.keys(built)).toEqual(Object.keys(zod.data));
        }
      }),
      { numRuns: 2_000 },
    );
  });

  test('declines what only zod can do: strict objects, object checks, absent keys, wrong widths', () => {
    const header = Object.keys(Loose.shape);
    const layout = columnLayout(header, { source: 't', schema: Loose });
    expect(compileRowBuilder(z.strictObject(Loose.shape), layout)).toBeUndefined();
    expect(compileRowBuilder(Loose.refine(() => true), layout)).toBeUndefined();
    const fewer = columnLayout(['id'], { source: 't', schema: z.looseObject({ id: values.string(), note: values.string().optional() }) });
    expect(compileRowBuilder(z.looseObject({ id: values.string(), note: values.string().optional() }), fewer)).toBeUndefined();
    const build = compileRowBuilder(Loose, layout)!;
    expect(build(['only-one-cell'])).toBeUndefined();
  });
});
