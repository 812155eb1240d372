import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
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
  // Models describe every column (a clone of the helper) and pipe some into a transform.
  described: values.timestamp().describe('a described helper').nullable(),
  pair: values.string().nullable().transform(splitPair).describe('text split into a pair'),
  checked: values.string().nullable().refine((text) => text !== 'A', { error: 'not A' }),
});

/** `a:b` → `['a', 'b']`; empty → `[]`; anything else is an issue, as a model's transform reports it. */
function splitPair(text: string | null, ctx: z.RefinementCtx): string[] {
  if (text === null) return [];
  const parts = text.split(':');
  if (parts.length !== 2) ctx.issues.push({ code: 'custom', message: 'expected a:b', input: undefined });
  return parts;
}

/** Cells that are sometimes valid for some column and sometimes not. */
const cell = fc.oneof(
  fc.constantFrom('', 'A', 'Z', 'true', 'FALSE', 'yes', '0', '-3', '2.5', '1e3', 'x1', '2024-05-02', '2024-02-30', '2024-05-02 14:46:11'),
  fc.constantFrom('2006-01-02T15:04:05.999999999-07:00', '2024-05-02T14:46:11Z', '2024-05-02T14:46:11', 'a@b.example', 'not-an-email', 'a:b'),
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

  test('converts described helpers and plain transforms without zod; a refined column still goes through zod', () => {
    const shape = { at: values.timestamp().describe('when'), pair: values.string().nullable().transform(splitPair).describe('pair'), checked: Loose.shape.checked };
    const schema = z.looseObject(shape);
    const spies = Object.values(shape).map((field) => vi.spyOn(field, 'safeParse'));
    const build = compileRowBuilder(schema, columnLayout(Object.keys(shape), { source: 't', schema }))!;
    expect(build(['2024-05-02T14:46:11Z', 'a:b', 'B'])).toEqual({ at: new Date('2024-05-02T14:46:11Z'), pair: ['a', 'b'], checked: 'B' });
    expect(build(['2024-05-02T14:46:11Z', 'a:b', 'A'])).toBeUndefined();
    expect(build(['2024-05-02T14:46:11Z', 'ab', 'B'])).toBeUndefined();
    expect(spies.map((spy) => spy.mock.calls.length)).toEqual([0, 0, 2]);
  });
});
