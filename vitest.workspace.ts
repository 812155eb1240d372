import { defineProject } from 'vitest/config';

/** One vitest project per package, running on the sources through the `@x/source` condition. */
const packages = ['core', 'luscii-export', 'dexcare-reporting', 'spruce-export-parser'].map((name) => `packages/${name}`);
const internal = ['internal/testkit', 'internal/docgen'];

export default [...packages, ...internal].map((root) =>
  defineProject({
    resolve: { conditions: ['@x/source'] },
    ssr: { resolve: { conditions: ['@x/source'] } },
    test: {
      name: root.split('/').pop(),
      root: `./${root}`,
      include: ['test/**/*.test.ts'],
      typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    },
  }),
);
