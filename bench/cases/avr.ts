/**
 * Child side of the AVR suite: one download of the report's rows per process, through the
 * client or through bare `fetch` and csv-parse. Run by bench/suites/avr.ts.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DexCareReportingClient } from '@x/dexcare-reporting';
import { parse } from 'csv-parse';
import { runChild } from '../lib/child.js';
import { measureRead } from '../lib/read-measure.js';

/** Arguments from the suite: where the report is served, and its size. */
interface AvrCaseArgs {
  baseUrl: string;
  dataUrl: string;
  reportId: string;
  serviceKey: string;
  bytes: string;
}

await runChild({
  /** What a user writes: rows of strings keyed by the header (the SDK ships no AVR model). */
  typed: (args) => {
    const { baseUrl, reportId, serviceKey, bytes } = args as unknown as AvrCaseArgs;
    return measureRead(Number(bytes), async () => {
      const dex = new DexCareReportingClient({ baseUrl, serviceKey });
      let count = 0;
      for await (const _row of dex.getAvrResultRows(reportId)) count += 1;
      return count;
    });
  },
  /** The floor: the same request with `fetch`, the body piped into csv-parse with `columns: true`. */
  bare: (args) => {
    const { dataUrl, serviceKey, bytes } = args as unknown as AvrCaseArgs;
    return measureRead(Number(bytes), async () => {
      const response = await fetch(dataUrl, { headers: { authorization: `dc-token ${serviceKey}` } });
      if (!response.ok || !response.body) throw new Error(`the report's data answered ${response.status}`);
      const parser = parse({ columns: true });
      const feeding = pipeline(Readable.from(response.body), parser);
      let count = 0;
      for await (const _record of parser) count += 1;
      await feeding;
      return count;
    });
  },
});
