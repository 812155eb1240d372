import type { ChildOutput } from './child.js';
import { formatNumber, table } from './report.js';
import { medianOf } from './runner.js';

/** The medians of one case's samples. */
export interface CaseMedians {
  ms: number;
  /** CPU time of the case's process during the read (see read-measure.ts). */
  cpuMs: number;
  peakRssMiB: number;
  /** Rows per sample: the same in every sample of a case. */
  count: number;
  bytes: number;
}

export function caseMedians(samples: ChildOutput[]): CaseMedians {
  return {
    ms: medianOf(samples, (sample) => sample.ms),
    cpuMs: medianOf(samples, (sample) => sample.extra?.cpuMs ?? Number.NaN),
    peakRssMiB: medianOf(samples, (sample) => sample.maxRssMiB),
    count: samples[0]?.count ?? 0,
    bytes: samples[0]?.bytes ?? 0,
  };
}

/** A markdown table of cases: median time, rows/s and MB/s (10^6 bytes) from it, median CPU time and peak RSS. */
export function caseTable(cases: [name: string, medians: CaseMedians][]): string {
  return table(
    ['case', 'rows', 'ms', 'rows/s', 'MB/s', 'CPU ms', 'peak RSS (MiB)'],
    cases.map(([name, { ms, cpuMs, peakRssMiB, count, bytes }]) => {
      const seconds = ms / 1000;
      const throughput = [count / seconds, bytes / 1e6 / seconds].map(formatNumber);
      return [name, formatNumber(count), formatNumber(ms), ...throughput, formatNumber(cpuMs), formatNumber(peakRssMiB)];
    }),
  );
}
