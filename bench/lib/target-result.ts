import type { TargetResult } from './report.js';

/**
 * A {@link TargetResult} for a "no more than" target: met when `measured <= limit`. `why` is
 * attached only when it is missed, where docs/benchmarks.md prints it.
 */
export function atMost(name: string, measured: number, limit: number, target: string, why: string): TargetResult {
  const met = measured <= limit;
  return met ? { name, measured, target, met } : { name, measured, target, met, limit: why };
}
