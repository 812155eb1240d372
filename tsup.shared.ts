import { defineConfig, type Options } from 'tsup';

/**
 * The one build recipe every package uses: ESM + CJS + declarations, no bundled workspace
 * packages (a second copy of `@x/core` would break `instanceof` on its error classes).
 */
export function packageBuild(entry: Record<string, string>, overrides: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    platform: 'neutral',
    splitting: false,
    treeshake: true,
    external: [/^@x\//],
    ...overrides,
  });
}
