import { readFileSync } from 'node:fs';
import { defineProject } from 'vitest/config';

/** One vitest project per package, running on the sources through the `@x/source` condition. */
const packages = ['core', 'luscii-export', 'dexcare-reporting', 'spruce-export-parser', 'sync'].map((name) => `packages/${name}`);
const internal = ['internal/testkit', 'internal/docgen'];

export default [...packages, ...internal].map((root) =>
  defineProject({
    // What tsup's build sets (tsup.shared.ts): the package's version, for the User-Agent.
    define: { __X_PACKAGE_VERSION__: JSON.stringify((JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { version: string }).version) },
    // Inherit the root's test options (timeouts): inline projects do not by default.
    extends: true,
    resolve: { conditions: ['@x/source'] },
    ssr: { resolve: { conditions: ['@x/source'] } },
    test: {
      name: root.split('/').pop(),
      root: `./${root}`,
      include: ['test/**/*.test.ts'],
      // Type tests do not depend on the runtime, and `tsc` checks them: `pnpm test` type-checks
      // once with `pnpm typecheck` and sets VITEST_TYPECHECK=0, as CI does on the other Node majors.
      typecheck: { enabled: process.env.VITEST_TYPECHECK !== '0', include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    },
  }),
);
