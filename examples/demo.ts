/**
 * `pnpm demo`: the three user jobs end to end on the packages' built-in mocks, with no network
 * and no keys. Each example exports `demo()`, which starts its package's `testing` mocks (or
 * builds a Spruce export zip) and runs the example's `main()` against them.
 */
import { fileURLToPath } from 'node:url';

const examples = ['luscii-export.ts', 'dexcare-avr.ts', 'spruce-summary.ts'];

for (const file of examples) {
  const example = (await import(fileURLToPath(new URL(`./${file}`, import.meta.url)))) as { demo: () => Promise<void> };
  console.log(`\n=== ${file} ===`);
  await example.demo();
}
