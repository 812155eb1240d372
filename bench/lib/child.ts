import { readFileSync } from 'node:fs';

/**
 * The child side of a benchmark case: runs one measurement in a fresh process and prints its
 * result as the last line of stdout, with the process's peak RSS, so each case's memory is its own.
 */
export interface CaseResult {
  /** Wall time of the measured part, in milliseconds. */
  ms: number;
  /** Rows (or requests, or whatever the case counts) processed. */
  count: number;
  /** Bytes processed, when the case has a size. */
  bytes?: number;
  /** Extra numbers a case reports (requests sent, lag). */
  extra?: Record<string, number>;
}

export interface ChildOutput extends CaseResult {
  maxRssMiB: number;
}

/** Runs `measure` for the case named on the command line and reports it to the parent. */
export async function runChild(cases: Record<string, (args: Record<string, string>) => Promise<CaseResult>>): Promise<void> {
  const [name, argsJson = '{}'] = process.argv.slice(2);
  const measure = name ? cases[name] : undefined;
  if (!measure) throw new Error(`unknown case ${name}; known: ${Object.keys(cases).join(', ')}`);
  const result = await measure(JSON.parse(argsJson) as Record<string, string>);
  const output: ChildOutput = { ...result, maxRssMiB: peakRssMiB() };
  console.log(JSON.stringify(output));
}

/**
 * This process's peak RSS. On Linux `getrusage`'s maxRSS survives `exec`: a child forked from a
 * parent of 300 MiB reports at least 300 MiB, whatever it uses itself. `VmHWM` in
 * /proc/self/status is the high-water mark of this process's own memory; other platforms fall
 * back to maxRSS.
 */
function peakRssMiB(): number {
  try {
    const kib = /^VmHWM:\s*(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kib !== undefined) return Number(kib) / 1024;
  } catch {
    // No procfs: not Linux.
  }
  return process.resourceUsage().maxRSS / 1024;
}

/** Times an async function. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}
