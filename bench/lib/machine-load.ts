/**
 * The machine's load around a suite. Latency-bound cases (paging, polling) are sensitive to
 * waiting for a CPU: every timer, socket read and microtask hop waits its turn, so a result
 * only makes sense next to how busy the machine was.
 */
import { cpus, loadavg } from 'node:os';

/** Runs `work` and describes the 1-minute load average before and after it, in a sentence. */
export async function withLoadNote<T>(work: () => Promise<T>): Promise<{ value: T; loadNote: string }> {
  const before = loadavg()[0]!;
  const value = await work();
  const after = loadavg()[0]!;
  const loadNote = `Load average (1 min) on this ${cpus().length}-core machine: ${before.toFixed(1)} when the suite started, ${after.toFixed(1)} when it ended.`;
  return { value, loadNote };
}
