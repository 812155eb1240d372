import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { values } from '@x/core';
import { columnReference, modelDescription, renderColumnTable } from '../src/index.js';

describe('columnReference', () => {
  test('reads type, nullability, optionality and description from any zod object model', () => {
    const Model = z.object({
      at: values.timestamp().nullable().describe('When it happened.'),
      kind: values.openEnum(['A', 'B']).describe('Which kind.'),
      count: values.integer().describe('How many.'),
      dob: values.date().nullable().meta({ documentSpelling: 'birthdate' }).describe('Born.'),
      list: values
        .string()
        .transform((text) => text.split('|'))
        .meta({ wireType: 'string', format: 'list' }),
      plain: z.boolean(),
      note: values.string().optional().describe('A note.'),
      tag: values.string().nullish().describe('A tag.'),
    });
    expect(columnReference(Model)).toEqual([
      { column: 'at', type: 'timestamp → `Date`', nullable: true, optional: false, description: 'When it happened.' },
      { column: 'kind', type: 'enum (A, B; others pass)', nullable: false, optional: false, description: 'Which kind.' },
      { column: 'count', type: 'integer', nullable: false, optional: false, description: 'How many.' },
      {
        column: 'dob',
        type: 'date `YYYY-MM-DD` (text)',
        nullable: true,
        optional: false,
        description: 'Born. The document prints the name as `birthdate`.',
      },
      { column: 'list', type: 'string → list', nullable: false, optional: false, description: '' },
      { column: 'plain', type: 'boolean', nullable: false, optional: false, description: '' },
      { column: 'note', type: 'string', nullable: false, optional: true, description: 'A note.' },
      { column: 'tag', type: 'string', nullable: true, optional: true, description: 'A tag.' },
    ]);
  });

  test('renders a markdown table with pipes escaped', () => {
    const table = renderColumnTable([{ column: 'a', type: 'string', nullable: true, optional: false, description: 'x | y' }]);
    expect(table).toBe('| column | type | nullable | description |\n|---|---|---|---|\n| `a` | string | yes | x \\| y |');
  });

  test('renders whether a field can be null or missing, under another name heading', () => {
    const Model = z.object({
      a: values.string().describe('A.'),
      b: values.string().nullable().describe('B.'),
      c: values.string().optional().describe('C.'),
      d: values.string().nullish().describe('D.'),
    });
    expect(renderColumnTable(columnReference(Model), { nameHeading: 'field', showMissing: true })).toBe(
      [
        '| field | type | null / missing | description |',
        '|---|---|---|---|',
        '| `a` | string | no | A. |',
        '| `b` | string | null | B. |',
        '| `c` | string | missing | C. |',
        '| `d` | string | null or missing | D. |',
      ].join('\n'),
    );
  });
});

describe('modelDescription', () => {
  test("reads a model's own description, or nothing", () => {
    expect(modelDescription(z.object({ a: z.string().describe('A field.') }).describe('A model.'))).toBe('A model.');
    expect(modelDescription(z.object({ a: z.string().describe('A field.') }))).toBe('');
  });
});
