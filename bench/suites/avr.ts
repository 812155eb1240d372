/**
 * AVR: how fast `getAvrResultRows` streams a 300,000-row report over a real socket, compared
 * with bare `fetch` and csv-parse on the same response, and its peak memory.
 */
import { fileURLToPath } from 'node:url';
import { writeAvrFixture, type AvrFixture } from '../lib/avr-fixture.js';
import { AVR_REPORT_ID, AVR_SERVICE_KEY, startAvrServer } from '../lib/avr-server.js';
import type { ChildOutput } from '../lib/child.js';
import { caseMedians, caseTable } from '../lib/case-table.js';
import { compiledCase } from '../lib/compiled-case.js';
import { withLoadNote } from '../lib/machine-load.js';
import { formatNumber, type SuiteReport } from '../lib/report.js';
import { alternate } from '../lib/runner.js';
import { atMost } from '../lib/target-result.js';
import { withTempDir } from '../lib/temp-dir.js';

const ROWS = 300_000;
/** Rounds of typed and bare, alternating; an odd count gives a true median. */
const ROUNDS = 9;
const CASES = fileURLToPath(new URL('../cases/avr.ts', import.meta.url));

export async function suite(): Promise<SuiteReport> {
  return withTempDir('bench-avr', async (dir) => {
    const fixture = await writeAvrFixture(dir, ROWS);
    const file = await compiledCase(CASES);
    // The server runs in this process, which only waits while a case runs in its own.
    const server = await startAvrServer(fixture.path);
    try {
      const args = { baseUrl: server.baseUrl, dataUrl: server.dataUrl, reportId: AVR_REPORT_ID, serviceKey: AVR_SERVICE_KEY, bytes: fixture.bytes };
      const { value: samples, loadNote } = await withLoadNote(() => alternate(file, ['typed', 'bare'], ROUNDS, args));
      return report(fixture, samples.typed!, samples.bare!, loadNote);
    } finally {
      await server.close();
    }
  });
}

function report(fixture: AvrFixture, typedSamples: ChildOutput[], bareSamples: ChildOutput[], loadNote: string): SuiteReport {
  const typed = caseMedians(typedSamples);
  const bare = caseMedians(bareSamples);
  const ratio = typed.ms / bare.ms;
  const markdown = [
    `Downloads an All Visits Report result of ${formatNumber(fixture.rows)} rows (${formatNumber(fixture.bytes / 1e6)} MB of CSV, the package's ` +
      `\`fakeVisitsCsv\`) from a node:http server on 127.0.0.1 that streams it from a file: \`getAvrResultRows(id)\` without a schema ` +
      `(typed: rows keyed by the header) against \`fetch\` with the body piped into csv-parse with \`columns: true\` (bare). ` +
      `${ROUNDS} rounds each, alternating; the server shares the machine with the case.`,
    '',
    caseTable([
      ['typed', typed],
      ['bare', bare],
    ]),
    '',
    `Typed / bare time: **${ratio.toFixed(2)}** (CPU time: ${(typed.cpuMs / bare.cpuMs).toFixed(2)}). ${loadNote}`,
  ].join('\n');
  return {
    title: 'DexCare: All Visits Report rows',
    markdown,
    targets: [
      atMost('AVR typed / bare (time ratio)', ratio, 1.1, '≤ 1.1', RATIO_LIMIT),
      atMost('AVR typed peak RSS (MiB)', typed.peakRssMiB, 100, '≤ 100 MiB', RSS_LIMIT),
    ],
  };
}

// What limits each target, from profiles of both downloads (node --cpu-prof); shown when one is missed.
const RATIO_LIMIT =
  'Both spend about three quarters of their time in the same csv-parse. The rest of the difference (about 0.15 s of 2.1 s in the ' +
  'profiles) is in the layers around it: each row passes through two async generators (core\'s `csvRows` and the client\'s row ' +
  'iterable) where the baseline has csv-parse\'s stream iterator, and each body chunk through core\'s guarded reader (idle timeout, ' +
  '`Content-Length` check). Those hops wait their turn for a CPU, so a busy machine widens the gap.';
const RSS_LIMIT =
  'The bare download in the same process peaks within a few MiB of it: Node.js with the client\'s modules loaded holds about 62 MiB, ' +
  'and undici\'s `fetch` adds 15 to 25 MiB once the body flows (the same download through `node:http` peaks at about 71 MiB). ' +
  'The SDK\'s own streaming adds a few MiB (batches of records, young-generation garbage).';
