/**
 * Paging suite (issue 7, item 3): the SDK's paginators against a plain sequential fetch loop,
 * over a loopback server with 40 ms of latency per page.
 */
import { fileURLToPath } from 'node:url';
import type { ChildOutput } from '../lib/child.js';
import { withLoadNote } from '../lib/machine-load.js';
import { formatNumber, table, type SuiteReport, type TargetResult } from '../lib/report.js';
import { alternate, medianOf } from '../lib/runner.js';

const CASES = fileURLToPath(new URL('../cases/paging.ts', import.meta.url));
/** Enough pages that each case runs for seconds and the first page's cost is small beside the rest. */
const PAGES = 40;
const LATENCY_MS = 40;
/** Equal to the latency: the case where one page of prefetch can hide all of it. */
const WORK_MS = 40;
const ROUNDS = 3;

interface Measured {
  sdkMs: number;
  loopMs: number;
  sdkCpuMs: number;
  loopCpuMs: number;
  ratio: number;
}

interface Comparison {
  label: string;
  sdkCase: string;
  loopCase: string;
  workMs: number;
  /** The most the SDK's time may be, as a fraction of the loop's. */
  targetRatio: number;
  /** What bounds the SDK here, in the measured numbers: the `limit` of a missed target. */
  limit: (measured: Measured) => string;
}

const perPage = (ms: number) => formatNumber(ms / PAGES);

const COMPARISONS: Comparison[] = [
  {
    label: 'Luscii export, consumer work',
    sdkCase: 'luscii-sdk',
    loopCase: 'luscii-loop',
    workMs: WORK_MS,
    targetRatio: 0.55,
    limit: (m) =>
      `a cursor page cannot be asked for before the previous page (and its cursor) has arrived, so prefetch brings a page ` +
      `down to its fetch time at best, and a fetch took ${perPage(m.sdkMs)} ms a page where the latency is ${LATENCY_MS} ms: ` +
      `${perPage(m.sdkCpuMs)} ms of CPU a page (client and replay server; the loop ${perPage(m.loopCpuMs)} ms), which runs ` +
      'on the one thread the 40 ms hold and the consumer timers also wait on, and more of it on a loaded machine (load ' +
      'average above). A profile of the warm SDK without latency shows 3.6 ms of CPU a page ' +
      'against 2.8 ms for the loop, mostly undici and Node streams, rows validation under 0.3 ms; a one-off run at 200 ms of ' +
      'latency and of work (12 pages), where that overhead weighs less, gave 0.56–0.57 against an ideal 0.54.',
  },
  {
    label: 'DexCare APR, consumer work',
    sdkCase: 'apr-sdk',
    loopCase: 'apr-loop',
    workMs: WORK_MS,
    targetRatio: 0.55,
    limit: (m) =>
      `with four requests in flight the consumer's ${WORK_MS} ms a page is the floor; a page took ${perPage(m.sdkMs)} ms, the rest ` +
      `being the CPU spent on the pages arriving meanwhile (${perPage(m.sdkCpuMs)} ms a page, client and replay server) and ` +
      'timers firing late on a busy machine (load average above).',
  },
  {
    label: 'DexCare APR, no consumer work',
    sdkCase: 'apr-sdk',
    loopCase: 'apr-loop',
    workMs: 0,
    targetRatio: 0.35,
    limit: (m) =>
      `with four requests in flight a page could come every ${LATENCY_MS / 4} ms; one came every ${perPage(m.sdkMs)} ms, so the ` +
      `CPU (${perPage(m.sdkCpuMs)} ms a page: HTTP on both ends, JSON, validation) and waiting for it on a busy machine (load ` +
      'average above) set the pace, not the latency. A one-off run at 200 ms of latency (12 pages) gave 0.35–0.37 against an ideal 0.33.',
  },
];

export async function suite(): Promise<SuiteReport> {
  const { value: results, loadNote } = await withLoadNote(async () => {
    const results: { comparison: Comparison; measured: Measured }[] = [];
    for (const comparison of COMPARISONS) results.push({ comparison, measured: await compare(comparison) });
    return results;
  });
  return {
    title: 'Paging: Luscii export and DexCare All Providers Report',
    markdown: markdown(results, loadNote),
    targets: results.map(({ comparison, measured }) => target(comparison, measured)),
  };
}

async function compare(comparison: Comparison): Promise<Measured> {
  const args = { pages: PAGES, latencyMs: LATENCY_MS, workMs: comparison.workMs };
  const samples = await alternate(CASES, [comparison.sdkCase, comparison.loopCase], ROUNDS, args);
  const sdk = samples[comparison.sdkCase]!;
  const loop = samples[comparison.loopCase]!;
  const sdkMs = medianOf(sdk, (sample) => sample.ms);
  const loopMs = medianOf(loop, (sample) => sample.ms);
  return { sdkMs, loopMs, sdkCpuMs: cpuMs(sdk), loopCpuMs: cpuMs(loop), ratio: sdkMs / loopMs };
}

function cpuMs(samples: ChildOutput[]): number {
  return medianOf(samples, (sample) => sample.extra?.cpuMs ?? Number.NaN);
}

function target(comparison: Comparison, measured: Measured): TargetResult {
  const met = measured.ratio <= comparison.targetRatio;
  return {
    name: `${comparison.label}: SDK / sequential loop (time ratio)`,
    measured: measured.ratio,
    target: `≤ ${comparison.targetRatio}`,
    met,
    ...(met ? {} : { limit: comparison.limit(measured) }),
  };
}

function markdown(results: { comparison: Comparison; measured: Measured }[], loadNote: string): string {
  const rows = results.map(({ comparison, measured }) => [
    comparison.label,
    `${comparison.workMs} ms`,
    formatNumber(measured.sdkMs),
    formatNumber(measured.loopMs),
    measured.ratio.toFixed(3),
    `≤ ${comparison.targetRatio}`,
    `${perPage(measured.sdkCpuMs)} / ${perPage(measured.loopCpuMs)}`,
  ]);
  return [
    `Each case reads ${PAGES} pages of 50 rows (${formatNumber(PAGES * 50)} rows) from a \`node:http\` server on 127.0.0.1 that holds`,
    `every response ${LATENCY_MS} ms before sending it. The server replays pages recorded at startup from the package's own`,
    "`testing` fake (its envelopes, cursors and `count` exactly), so serving a page costs a lookup rather than the fake's",
    "10 ms and more of CPU, which would run on the client's event loop and be charged to the client. Consumer work is an",
    `await of a ${WORK_MS} ms timer after each page's rows (a database insert, say).`,
    '',
    "- **SDK**: `LusciiClient.export('measurements', …).pages()` (cursor pages, one page of prefetch) and",
    '  `DexCareReportingClient.providerHistories(…).pages()` (offset pages of 50, concurrency 4: the defaults).',
    '- **Loop**: what a user writes without the SDK: `fetch` a page, `response.json()`, the same consumer work, then the',
    '  next page. No validation, no retries, no timeouts.',
    '',
    'Time runs from the first request to the last page consumed; each process first reads a few pages untimed (module',
    `loading, JIT, connections). ${ROUNDS} rounds, alternating; medians. With a fetch and the work both at ${LATENCY_MS} ms, one page of prefetch`,
    `can at best bring the ratio to (${PAGES} + 1) / (2 × ${PAGES}) ≈ ${((PAGES + 1) / (2 * PAGES)).toFixed(2)}, and concurrency 4 without work to`,
    `(1 + ${PAGES - 1} / 4) / ${PAGES} ≈ ${((1 + (PAGES - 1) / 4) / PAGES).toFixed(2)}; every ms a page spends beyond the latency (the client's CPU,`,
    `waiting for a CPU) comes on top. The CPU column is the case process's: client and replay server. ${loadNote}`,
    '',
    table(['case', 'consumer work / page', 'SDK ms', 'loop ms', 'SDK / loop', 'target', 'process CPU ms / page, SDK / loop'], rows),
  ].join('\n');
}
