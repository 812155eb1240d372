import { InvalidParamsError } from '@x/core';

/** A whole number of at least `min`, or `undefined` when not given. */
export function optionalInteger(value: unknown, param: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new InvalidParamsError(`${param} must be an integer of at least ${min}`, { param });
  }
  return value;
}
