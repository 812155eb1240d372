import { packageBuild } from '../../tsup.shared';

// A file path is opened through package.json `imports` (`#file-source`): `node:fs` in Node, a
// stub that refuses paths under the `browser` condition, so browser bundles reach no built-in.
export default packageBuild(
  {
    index: 'src/index.ts',
    testing: 'src/testing.ts',
    'file-source.node': 'src/sources/file-source.node.ts',
    'file-source.browser': 'src/sources/file-source.browser.ts',
  },
  { external: [/^@x\//, '#file-source'] },
);
