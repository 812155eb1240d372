/**
 * `pnpm demo`: the main job first (`x-sync` keeping a DuckDB warehouse in step with all three
 * sources), then the three SDK jobs end to end, all on the packages' built-in mocks, with no
 * network and no keys. Each example exports `demo()`, which starts its package's `testing` mocks
 * (or builds a Spruce export zip) and runs the example against them.
 */
import { fileURLToPath } from 'node:url';

const examples = ['sync-warehouse.ts', 'luscii-export.ts', 'dexcare-avr.ts', 'spruce-summary.ts'];

for (const file of examples) {
  const example = (await import(fileURLToPath(new URL(`./${file}`, import.meta.url)))) as { demo: () => Promise<void> };
  console.log(`\n=== ${file} ===`);
  await example.demo();
}
