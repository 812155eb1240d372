/**
 * `pnpm run docs`: writes the generated docs from the packages' models: docs/data-reference.md,
 * the table section of packages/spruce-export-parser/README.md, and the row interfaces with
 * their TSDoc in the model files (scripts/row-types.ts).
 * `pnpm run docs --check` writes nothing and exits 1 when a generated file differs from what it
 * would write (CI runs it, so the docs cannot drift from the models).
 *
 * Mind the `run`: `pnpm docs` is npm's own `docs` command (it opens the package's home page),
 * which pnpm passes through to npm instead of running this script (pnpm/pnpm#6520).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withTableReference } from './table-reference.js';
import { DATA_REFERENCE_FILE, renderDataReference } from './data-reference.js';
import { rowTypeFiles } from './row-types.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const check = process.argv.includes('--check');

/** A file the script owns (whole or in part): its path from the root, and what it should hold. */
const generated: { file: string; render: (current: string | undefined) => string }[] = [
  { file: DATA_REFERENCE_FILE, render: () => renderDataReference() },
  {
    file: 'packages/spruce-export-parser/README.md',
    render: (current) => withTableReference(current ?? ''),
  },
  ...rowTypeFiles(),
];

/** 1-based number of the first line where two texts differ. */
function firstDifferentLine(a: string, b: string): number {
  const left = a.split('\n');
  const right = b.split('\n');
  let line = 0;
  while (line < left.length && line < right.length && left[line] === right[line]) line += 1;
  return line + 1;
}

const stale: string[] = [];
for (const { file, render } of generated) {
  const path = join(root, file);
  const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  const wanted = render(current);
  if (wanted === current) {
    console.log(`${file}: up to date`);
  } else if (check) {
    stale.push(file);
    const where = current === undefined ? 'missing' : `differs from the models from line ${firstDifferentLine(current, wanted)}`;
    console.error(`${file}: ${where}`);
  } else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, wanted);
    console.log(`${file}: written`);
  }
}

if (stale.length > 0) {
  console.error(`\nGenerated docs are out of date (${stale.join(', ')}): run \`pnpm run docs\` and commit the result.`);
  process.exit(1);
}
