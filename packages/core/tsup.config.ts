import { packageBuild } from '../../tsup.shared';

// The CSV engine is built twice and chosen by the consumer through package.json `imports`:
// csv-parse's Node build in Node, its polyfilled browser build under the `browser` condition.
export default packageBuild(
  { index: 'src/index.ts', 'csv-engine.node': 'src/csv/engine.node.ts', 'csv-engine.browser': 'src/csv/engine.browser.ts' },
  { external: [/^@x\//, '#csv-engine'] },
);
