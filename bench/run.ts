/**
 * `pnpm bench`: every suite on the built packages, each case in a fresh Node process, written
 * to docs/benchmarks.md with the machine it ran on. `pnpm bench spruce avr` runs only those and
 * prints them, leaving the document alone.
 */
import { writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import type { SuiteReport } from './lib/report.js';

const SUITES: Record<string, () => Promise<{ suite: () => Promise<SuiteReport> }>> = {
  spruce: () => import('./suites/spruce.js'),
  access: () => import('./suites/spruce-access.js'),
  avr: () => import('./suites/avr.js'),
  paging: () => import('./suites/paging.js'),
  polling: () => import('./suites/polling.js'),
  sync: () => import('./suites/sync.js'),
  'sync-postgres': () => import('./suites/sync-postgres.js'),
};

const chosen = process.argv.slice(2).filter((name) => name !== '--');
const names = chosen.length > 0 ? chosen : Object.keys(SUITES);
const started = performance.now();
const reports: SuiteReport[] = [];
for (const name of names) {
  const load = SUITES[name];
  if (!load) throw new Error(`unknown suite ${name}; known: ${Object.keys(SUITES).join(', ')}`);
  console.log(`bench: ${name}…`);
  const report = await (await load()).suite();
  for (const target of report.targets) {
    console.log(`  ${target.met ? 'met ' : 'MISS'} ${target.name}: ${shown(target.measured)} (target ${target.target})`);
  }
  reports.push(report);
}
const minutes = (performance.now() - started) / 60_000;

const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
const lines = [
  '# Benchmarks',
  '',
  'Written by `pnpm bench` (do not edit by hand). Each case runs in a fresh Node process on the',
  'built packages (`dist/`); cases alternate (A B B A …) and the tables show medians.',
  '',
  `- Machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
  `- Node.js ${process.version} on ${process.platform}/${process.arch}`,
  `- Date: ${new Date().toISOString().slice(0, 10)}; suites: ${names.join(', ')}; ${minutes.toFixed(1)} min`,
  '',
  '## Targets',
  '',
  '| target | measured | goal | |',
  '| --- | --- | --- | --- |',
  ...reports.flatMap((report) =>
    report.targets.map((target) => `| ${target.name} | ${shown(target.measured)} | ${target.target} | ${target.met ? 'met' : 'missed'} |`),
  ),
  '',
  ...reports.flatMap((report) => [`## ${report.title}`, '', report.markdown, '', ...limits(report), '']),
];
if (chosen.length === 0) {
  await writeFile(new URL('../docs/benchmarks.md', import.meta.url), lines.join('\n'));
  console.log(`bench: wrote docs/benchmarks.md in ${minutes.toFixed(1)} min`);
} else {
  // A partial run would make the document describe only some suites.
  console.log(`bench: ${minutes.toFixed(1)} min; docs/benchmarks.md is written only by a run of every suite`);
}

/** Ratios to three decimals, so a value just past its bound does not print as the bound itself. */
function shown(measured: number): string {
  return measured >= 10 ? measured.toFixed(1) : measured.toFixed(3);
}

function limits(report: SuiteReport): string[] {
  const missed = report.targets.filter((target) => !target.met && target.limit);
  return missed.map((target) => `**${target.name}** misses its target: ${target.limit}`);
}
