import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { values } from '@x/core';
import { columnReference, renderColumnTable } from '../src/index.js';

describe('columnReference', () => {
  test('reads type, nullability and description from any zod object model', () => {
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
    });
    expect(columnReference(Model)).toEqual([
      { column: 'at', type: 'timestamp → `Date`', nullable: true, description: 'When it happened.' },
      { column: 'kind', type: 'enum (A, B; others pass)', nullable: false, description: 'Which kind.' },
      { column: 'count', type: 'integer', nullable: false, description: 'How many.' },
      { column: 'dob', type: 'date `YYYY-MM-DD` (text)', nullable: true, description: 'Born. The document prints the name as `birthdate`.' },
      { column: 'list', type: 'string → list', nullable: false, description: '' },
      { column: 'plain', type: 'boolean', nullable: false, description: '' },
    ]);
  });

  test('renders a markdown table with pipes escaped', () => {
    const table = renderColumnTable([{ column: 'a', type: 'string', nullable: true, description: 'x | y' }]);
    expect(table).toBe('| column | type | nullable | description |\n|---|---|---|---|\n| `a` | string | yes | x \\| y |');
  });
});
