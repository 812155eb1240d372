import { InvalidParamsError } from '@x/core';

/**
 * Refuses a parameter object with a key the method does not know. TypeScript catches a typo
 * only in an object literal; at run time a misspelt filter or date would be dropped silently
 * and widen the search (more records, more personal data) or change the date range.
 */
export function refuseUnknownKeys(params: object, known: readonly string[], method: string): void {
  for (const key of Object.keys(params)) {
    if (!known.includes(key)) throw new InvalidParamsError(`${method} does not take a parameter "${key}"`, { param: key });
  }
}

/** Refuses anything but a plain object of parameters. */
export function requireObject(params: unknown, method: string): asserts params is Record<string, unknown> {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new InvalidParamsError(`${method} takes an object of parameters`, { param: 'params' });
  }
}
