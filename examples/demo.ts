/**
 * `pnpm demo`: runs every example end to end on the built-in mocks, with no network and no
 * keys. Each example exports `demo()`, which starts its package's `testing` mocks and runs the
 * example's `main()` against them.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const examples = ['core-tour.ts', 'luscii-export.ts', 'dexcare-avr.ts', 'spruce-summary.ts'];

for (const file of examples) {
  const path = fileURLToPath(new URL(`./${file}`, import.meta.url));
  if (!existsSync(path)) continue;
  const example = (await import(path)) as { demo: () => Promise<void> };
  console.log(`\n=== ${file} ===`);
  await example.demo();
}
