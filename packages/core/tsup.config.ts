import { packageBuild } from '../../tsup.shared';

// The CSV engine is built twice and chosen by the consumer through package.json `imports`:
// csv-parse's Node stream in Node, its sync browser build fed a record at a time under the `browser` condition.
// Two public entries (`index`, `internal`) share the error classes: `splitting` keeps them in one
// chunk in CJS too, so `instanceof` holds whichever entry a client imported a class from.
export default packageBuild(
  {
    index: 'src/index.ts',
    internal: 'src/internal.ts',
    'csv-engine.node': 'src/csv/engine.node.ts',
    'csv-engine.browser': 'src/csv/engine.browser.ts',
  },
  { external: [/^@x\//, '#csv-engine'], splitting: true },
);
