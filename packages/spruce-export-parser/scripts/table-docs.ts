/**
 * `pnpm run docs`: regenerates the table reference in README.md from the models.
 * `pnpm run docs -- --check` exits 1 when the README is out of date instead of writing it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { withTableReference } from './table-reference.js';

const path = new URL('../README.md', import.meta.url);
const current = readFileSync(path, 'utf8');
const updated = withTableReference(current);
if (process.argv.includes('--check')) {
  if (updated !== current) {
    console.error('README.md is out of date: run `pnpm --filter @x/spruce-export-parser run docs`');
    process.exit(1);
  }
} else if (updated !== current) {
  writeFileSync(path, updated);
  console.log('README.md: table reference updated');
} else {
  console.log('README.md: table reference already up to date');
}
