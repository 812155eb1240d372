import { readFileSync, rmSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

/**
 * The one build recipe every package uses: no bundled workspace packages (a second copy of
 * `@x/core` would break `instanceof` on its error classes), and two outputs of one source:
 *
 * - ESM, one file per source module (`bundle: false`), so that a browser bundler can drop the
 *   modules a user does not import: `import { TABLE_NAMES }` takes a few hundred bytes instead of
 *   every model and zod with them (a bundled file keeps each model's top-level zod calls).
 * - CJS, one bundled file per entry (Node `require` needs no tree shaking, and CJS cannot keep
 *   the sources' `.js` specifiers), with the declarations of both formats.
 *
 * Source maps carry no `sourcesContent`: they point at `src/`, which the packages ship (for the
 * `@x/source` condition), so embedding the sources again would double the tarball.
 */
export function packageBuild(entry: Record<string, string>, overrides: Options = {}) {
  // tsup runs in the package's folder; its version reaches the code as `__X_PACKAGE_VERSION__`.
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  const shared: Options = {
    sourcemap: true,
    define: { __X_PACKAGE_VERSION__: JSON.stringify(version) },
    target: 'node20',
    platform: 'neutral',
    external: [/^@x\//],
    esbuildOptions(options) {
      options.sourcesContent = false;
    },
    ...overrides,
  };
  // dist/ is emptied here, once, before either build starts, not by tsup's `clean`: each config's
  // declaration build deletes every `.d.ts` and `.d.cts` in dist/ as it starts, in parallel with
  // the other's, and a rebuild over an existing dist/ failed with ENOENT when both deleted the
  // same file (and could delete what the other had just written).
  rmSync('dist', { recursive: true, force: true });
  return defineConfig([
    {
      ...shared,
      entry: ['src/**/*.ts'],
      format: ['esm'],
      bundle: false,
      dts: { entry },
    },
    {
      ...shared,
      entry,
      format: ['cjs'],
      dts: { entry },
      // A package with two entries over one engine (`@x/core`, `@x/core/internal`) splits, so
      // both share one copy of each class.
      splitting: overrides.splitting ?? false,
      treeshake: true,
    },
  ]);
}
