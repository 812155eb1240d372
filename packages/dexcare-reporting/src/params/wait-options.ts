import type { WaitOptions } from '@x/core';
import { optionalDuration } from './numbers.js';

/**
 * Checks the numbers of a wait before the first status request. Core's `poll` takes them as
 * they come, and a `NaN` or negative interval would poll the server in a tight loop.
 */
export function checkWaitOptions(options: Omit<WaitOptions, 'onStatus'>): void {
  optionalDuration(options.pollIntervalMs, 'pollIntervalMs');
  optionalDuration(options.maxPollIntervalMs, 'maxPollIntervalMs');
  optionalDuration(options.timeoutMs, 'timeoutMs', { allowInfinity: true });
  optionalDuration(options.failedGraceMs, 'failedGraceMs', { allowZero: true, allowInfinity: true });
}
