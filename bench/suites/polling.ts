/**
 * Polling suite (issue 7, item 4): status checks sent, and the lag between an All Visits
 * Report becoming ready and the wait returning, for `waitForAvrReport` against a fixed-interval
 * loop. No target: the two are shown side by side.
 */
import { fileURLToPath } from 'node:url';
import type { ChildOutput } from '../lib/child.js';
import { withLoadNote } from '../lib/machine-load.js';
import { table, type SuiteReport } from '../lib/report.js';
import { alternate, median } from '../lib/runner.js';

const CASES = fileURLToPath(new URL('../cases/polling.ts', import.meta.url));
/**
 * Every duration runs at a quarter of its real length (intervals, ceiling, ready times), so a
 * 20 s report takes 5 s. Backoff and fixed polling are both proportional to their intervals, so
 * the counts are those of the real durations and lags scale back by this factor. A status
 * check's own time (a few ms on loopback, tens on a busy machine) does not scale: it weighs 4× more.
 */
const TIME_SCALE = 4;
const READY_AFTER_MS = [2_000, 7_000, 20_000];
/** Reports waited on at once in each case, ready at phases spread over one fixed interval. */
const REPORTS = 5;
/** The SDK's defaults (`pollIntervalMs`, `maxPollIntervalMs`). */
const SDK_INTERVAL_MS = 1_000;
const SDK_MAX_INTERVAL_MS = 15_000;
/** The naive loop's interval: see the markdown for why 1 s. */
const FIXED_INTERVAL_MS = 1_000;
const ROUNDS = 3;

interface Row {
  readyAfterMs: number;
  sdk: WaitSample[];
  fixed: WaitSample[];
}

/** One wait: status checks sent, and lag in real (unscaled) milliseconds. */
interface WaitSample {
  checks: number;
  lagMs: number;
}

export async function suite(): Promise<SuiteReport> {
  // The cases mostly sleep, so the three ready times run side by side to fit the time budget;
  // each alternates its own two cases.
  const { value: rows, loadNote } = await withLoadNote(() => Promise.all(READY_AFTER_MS.map(measure)));
  return { title: 'Polling: DexCare All Visits Report', markdown: markdown(rows, loadNote), targets: [] };
}

async function measure(readyAfterMs: number): Promise<Row> {
  const samples = await alternate(CASES, ['sdk-wait', 'fixed-interval'], ROUNDS, {
    reports: REPORTS,
    readyAfterMs: readyAfterMs / TIME_SCALE,
    spreadMs: FIXED_INTERVAL_MS / TIME_SCALE,
    pollIntervalMs: SDK_INTERVAL_MS / TIME_SCALE,
    maxPollIntervalMs: SDK_MAX_INTERVAL_MS / TIME_SCALE,
    fixedIntervalMs: FIXED_INTERVAL_MS / TIME_SCALE,
  });
  return { readyAfterMs, sdk: waits(samples['sdk-wait']!), fixed: waits(samples['fixed-interval']!) };
}

/** Every wait of every round, lags scaled back to real time. */
function waits(outputs: ChildOutput[]): WaitSample[] {
  return outputs.flatMap((output) =>
    Array.from({ length: REPORTS }, (_, k) => ({
      checks: output.extra?.[`checks_${k}`] ?? Number.NaN,
      lagMs: (output.extra?.[`lag_${k}`] ?? Number.NaN) * TIME_SCALE,
    })),
  );
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(2))} s`;
const wholeMs = (ms: number) => Math.round(ms).toLocaleString('en-US');
const checksCell = (samples: WaitSample[]) => {
  const counts = samples.map((sample) => sample.checks);
  return `${median(counts)} (${Math.min(...counts)}–${Math.max(...counts)})`;
};
const lagCell = (samples: WaitSample[]) => {
  const lags = samples.map((sample) => sample.lagMs);
  return `${wholeMs(median(lags))} ms (${wholeMs(Math.min(...lags))}–${wholeMs(Math.max(...lags))})`;
};

function markdown(rows: Row[], loadNote: string): string {
  const spread = (readyAfterMs: number) => `${seconds(readyAfterMs)}–${seconds(readyAfterMs + ((REPORTS - 1) * FIXED_INTERVAL_MS) / REPORTS)}`;
  const body = rows.map(({ readyAfterMs, sdk, fixed }) => [spread(readyAfterMs), checksCell(sdk), lagCell(sdk), checksCell(fixed), lagCell(fixed)]);
  const scaled = (ms: number) => seconds(ms / TIME_SCALE);
  return [
    "Each case starts All Visits Reports on the package's own DexCare fake (`@x/dexcare-reporting/testing`, msw handlers",
    "behind a `node:http` server on 127.0.0.1, in the case's process); a report is `RUNNING` until a set time after the fake",
    'received its start, then `SUCCEEDED`. Counted: the status checks (`GET …/allvisitsreport/{id}`) the server received.',
    'Lag: from the moment the report became ready to the moment the wait returned.',
    '',
    `- **SDK**: \`waitForAvrReport(id)\` with its default intervals: first ${seconds(SDK_INTERVAL_MS)}, then a random delay between`,
    `  that and a ceiling that doubles up to ${seconds(SDK_MAX_INTERVAL_MS)}.`,
    `- **Fixed 1 s**: \`while ((await dex.getAvrReportStatus(id)).status !== 'SUCCEEDED') await sleep(${FIXED_INTERVAL_MS})\`.`,
    "  One second is the interval a user writing a quick loop picks (short, so nothing waits long), and the SDK's own first",
    '  interval, so both start alike and the table shows what backing off trades: requests against lag. A fixed interval T',
    '  sends about (ready time / T) checks and lags T / 2 on average; a longer T saves requests in the same proportion as it',
    '  adds lag.',
    '',
    `Each case waits on ${REPORTS} reports at once, each on its own fake, ready at ${REPORTS} points spread over one fixed`,
    "interval (the table's ranges), so the fixed loop meets every phase rather than a lucky or unlucky one. Each process",
    'first waits on one report that is ready at once and opens its connections, untimed (module loading, JIT).',
    '',
    `To fit the time budget every duration ran at 1/${TIME_SCALE} of the length shown: SDK intervals ${scaled(SDK_INTERVAL_MS)} to`,
    `${scaled(SDK_MAX_INTERVAL_MS)}, fixed ${scaled(FIXED_INTERVAL_MS)}, ready after ${READY_AFTER_MS.map(scaled).join(', ')} and on. Both schedules are`,
    `proportional to their intervals, so the counts are those of the real durations, and lags are shown ×${TIME_SCALE}, in`,
    "real time. A status check's own time (a few ms on loopback, tens on a busy machine) does not scale and so weighs",
    `${TIME_SCALE}× more: the fixed loop, which sleeps after each answer, drifts further than at full length and sends a`,
    `few fewer checks. The three ready times ran side by side (the cases mostly sleep); ${ROUNDS} rounds each, alternating.`,
    `Medians of all ${ROUNDS * REPORTS} waits, with their range; the SDK's jitter makes its counts and lags vary from wait to`,
    `wait. ${loadNote}`,
    '',
    table(['ready after', 'SDK status checks', 'SDK lag', 'fixed 1 s status checks', 'fixed 1 s lag'], body),
  ].join('\n');
}
