import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { values } from '@x/core';
import { TABLE_COLUMNS, TABLE_NAMES } from '../src/index.js';
import { columnReference, renderColumnTable } from '../src/data-reference.js';
import { withTableReference } from '../src/table-reference.js';

describe('the README table reference', () => {
  test('is up to date with the models (run `pnpm --filter @x/spruce-export-parser run docs`)', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(withTableReference(readme)).toBe(readme);
  });

  test('documents every table and every column, each with a description', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    for (const table of TABLE_NAMES) {
      expect(readme).toContain(`### \`${table}.csv\``);
      for (const column of columnReference(TABLE_COLUMNS[table])) {
        expect(column.description, `${table}.${column.column}`).not.toBe('');
        expect(readme).toContain(`| \`${column.column}\` |`);
      }
    }
  });
});

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

  test('a column whose empty cell becomes something else than null is not nullable', () => {
    expect(columnReference(TABLE_COLUMNS.messages).find((column) => column.column === 'destinations')).toMatchObject({ nullable: false });
  });

  test('renders a markdown table with pipes escaped', () => {
    const table = renderColumnTable([{ column: 'a', type: 'string', nullable: true, description: 'x | y' }]);
    expect(table).toBe('| column | type | nullable | description |\n|---|---|---|---|\n| `a` | string | yes | x \\| y |');
  });
});
