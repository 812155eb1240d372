import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { TABLE_COLUMNS, TABLE_NAMES } from '../src/index.js';
import { columnReference } from '@x/docgen';
import { withTableReference } from '../../../scripts/table-reference.js';

describe('the README table reference', () => {
  test('is up to date with the models (run `pnpm run docs` at the root)', async () => {
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

describe('columnReference on the Spruce models', () => {
  test('a column whose empty cell becomes something else than null is not nullable', () => {
    expect(columnReference(TABLE_COLUMNS.messages).find((column) => column.column === 'destinations')).toMatchObject({ nullable: false });
  });
});
