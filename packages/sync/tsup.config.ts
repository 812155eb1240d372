import { packageBuild } from '../../tsup.shared';

// The `x-sync` bin is the ESM module dist/cli/bin.js (one file per source module), so it is no entry here.
export default packageBuild({ index: 'src/index.ts', testing: 'src/testing.ts' }, { platform: 'node' });
