/** What one suite hands back to `bench/run.ts` for docs/benchmarks.md. */
export interface SuiteReport {
  /** Section heading: `'Spruce: messages table'`. */
  title: string;
  /** What was measured and how, then a table of medians: markdown, no heading. */
  markdown: string;
  /** Each target of the issue this suite measures, with the measured value. */
  targets: TargetResult[];
}

export interface TargetResult {
  /** `'Spruce typed rows / bare pipeline (time ratio)'`. */
  name: string;
  /** The measured median, in the unit of `target`. */
  measured: number;
  /** The target as written: `'≤ 1.0'`, `'≤ 100 MiB'`. */
  target: string;
  met: boolean;
  /** When not met: what limits it (from a profile), in a sentence or two. */
  limit?: string;
}

/** A markdown table from a header row and body rows. */
export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A number for a table: `1234.5` → `'1,235'`; small values keep two decimals. */
export function formatNumber(value: number): string {
  return Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
}
