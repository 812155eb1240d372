import { InvalidParamsError } from '@x/core';

/** A whole number of at least `min`, or `undefined` when not given. */
export function optionalInteger(value: unknown, param: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new InvalidParamsError(`${param} must be an integer of at least ${min}`, { param });
  }
  return value;
}

/** A duration in milliseconds above 0 (or at least 0 with `allowZero`); `Infinity` only when allowed. */
export function optionalDuration(value: unknown, param: string, rules: { allowZero?: boolean; allowInfinity?: boolean } = {}): void {
  if (value === undefined) return;
  const valid =
    typeof value === 'number' &&
    !Number.isNaN(value) &&
    (rules.allowZero ? value >= 0 : value > 0) &&
    (rules.allowInfinity === true || Number.isFinite(value));
  if (!valid) {
    const range = rules.allowZero ? 'at least 0' : 'above 0';
    throw new InvalidParamsError(`${param} must be a number of milliseconds ${range}`, { param });
  }
}
