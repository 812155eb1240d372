/**
 * Child side of the Spruce access suite: one run per process, either the access analysis over an
 * export, or a plain typed read of the tables that analysis needs. Run by bench/suites/spruce-access.ts.
 */
import { ACCESS_TABLES, conversationAccess, openSpruceExport } from '@x/spruce-export-parser';
import { FAKE_ACCESS_ENDPOINTS } from '@x/spruce-export-parser/testing';
import { runChild } from '../lib/child.js';
import { measureRead } from '../lib/read-measure.js';

/** Arguments from the suite: the zip and its size. */
interface AccessCaseArgs {
  path: string;
  zipBytes: string;
}

await runChild({
  /** `conversationAccess` over the export, with the fake export's strict privacy setup. */
  analysis: (args) => {
    const { path, zipBytes } = args as unknown as AccessCaseArgs;
    return measureRead(Number(zipBytes), async () => {
      const report = await conversationAccess(await openSpruceExport(path), FAKE_ACCESS_ENDPOINTS);
      return report.viewers.length + report.exceptions.length;
    });
  },
  /** The floor: every row of the tables the analysis reads, typed, once each. */
  tables: (args) => {
    const { path, zipBytes } = args as unknown as AccessCaseArgs;
    return measureRead(Number(zipBytes), async () => {
      const exp = await openSpruceExport(path);
      let count = 0;
      for (const table of ACCESS_TABLES) for await (const _row of exp.rows(table)) count += 1;
      return count;
    });
  },
});
