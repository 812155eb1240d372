import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, test } from 'vitest';
import { browserAvailable, runInChromium } from '@x/testkit';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

describe('browsers', () => {
  test.each(['../src/index.ts', '../src/testing.ts'])('an esbuild bundle of %s for platform browser reaches no Node built-in', async (entry) => {
    const result = await build({
      entryPoints: [source(entry)],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      conditions: ['@x/source'],
      metafile: true,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => input.startsWith('node:') || /(^|\/)node_modules\/(node-|@types\/node)/.test(input))).toEqual([]);
    expect(inputs.some((input) => input.endsWith('file-source.node.ts'))).toBe(false);
    expect(result.outputFiles[0]!.text).not.toMatch(/["']node:/);
    if (entry.endsWith('index.ts')) {
      // The `browser` branches of the package imports: the path stub here, csv-parse's sync
      // browser build in core (its streaming one carries stream polyfills).
      expect(inputs.some((input) => input.endsWith('file-source.browser.ts'))).toBe(true);
      expect(inputs.filter((input) => input.includes('csv-parse/dist/esm')).map((input) => input.split('/').pop())).toEqual(['sync.js']);
    }
  });

  describe.skipIf(!browserAvailable())('in headless Chromium', { timeout: 60_000 }, () => {
    test.each([
      ['DecompressionStream', 'fixtures/browser-read.ts', true],
      ['fflate, without DecompressionStream', 'fixtures/browser-read-fflate.ts', false],
    ])('a Blob export is read with %s; a path is refused', async (_name, fixture, decompressionStream) => {
      expect(await runInChromium(source(fixture), { timeoutMs: 45_000 })).toEqual({
        decompressionStream,
        tables: 14,
        start: '2024-05-01T00:00:00.000Z',
        messages: 1_500,
        multiLineBodies: true,
        membersEvents: true,
        pathError: 'InvalidParamsError',
      });
    });
  });
});
