import { fileURLToPath } from 'node:url';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { browserAvailable, runInChromium } from '../src/index.js';

describe.skipIf(!browserAvailable())('runInChromium', () => {
  test('returns what the page computes in a real browser', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'testkit-'));
    const entry = join(dir, 'entry.ts');
    await writeFile(entry, `(globalThis as any).__result = { ua: navigator.userAgent.includes('Chrome'), sum: [1, 2, 3].reduce((a, b) => a + b) };`);
    expect(await runInChromium(entry)).toEqual({ ua: true, sum: 6 });
  });

  test('a Node built-in on the import path fails the bundle', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'testkit-'));
    const entry = join(dir, 'entry.ts');
    await writeFile(entry, `import { readFileSync } from 'node:fs'; (globalThis as any).__result = typeof readFileSync;`);
    await expect(runInChromium(entry)).rejects.toThrow(/node:fs/);
  });

  test('a page that reports an error rejects', async () => {
    const entry = fileURLToPath(new URL('./fixtures/failing-page.ts', import.meta.url));
    await expect(runInChromium(entry)).rejects.toThrow(/in the page: boom/);
  });
});
