import { packageBuild } from '../../tsup.shared';

// A file path is opened through package.json `imports` (`#file-blob`): `node:fs` in Node, a
// stub that refuses paths under the `browser` condition, so browser bundles reach no built-in.
export default packageBuild(
  {
    index: 'src/index.ts',
    testing: 'src/testing.ts',
    'file-blob.node': 'src/sources/file-blob.node.ts',
    'file-blob.browser': 'src/sources/file-blob.browser.ts',
  },
  { external: [/^@x\//, '#file-blob'] },
);
