import { InvalidParamsError } from './errors.js';

/**
 * The parameter checks every client uses, in one place and one wording: `<param> must be …`.
 * Each throws an `InvalidParamsError` naming the parameter; none quotes the value, since a key,
 * a URL with credentials or a patient value may be in it. Dates and ranges are in `params.ts`.
 */

// Visible ASCII only: a key with a space, a line break or a non-ASCII character cannot go in a
// header, and fetch's own error about it would quote the header, key and all.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/**
 * A key for an auth header: a non-empty string of visible ASCII characters.
 *
 * @example
 * ```ts
 * const headers = { authorization: `Bearer ${checkApiKey(options.apiKey, 'apiKey')}` };
 * ```
 */
export function checkApiKey(value: unknown, param: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidParamsError(`${param} must be a non-empty string`, { param });
  if (!HEADER_SAFE.test(value)) {
    throw new InvalidParamsError(`${param} contains characters that cannot be sent in a header (white space or non-ASCII)`, { param });
  }
  return value;
}

/**
 * A base URL: absolute `http(s)`, without credentials (URLs are shown in errors and by
 * `inspect`), a query or a fragment (paths are appended to it). Returned without a trailing slash.
 *
 * @example
 * ```ts
 * const baseUrl = checkBaseUrl(options.baseUrl ?? 'https://api.luscii.com', 'baseUrl');
 * ```
 */
export function checkBaseUrl(value: unknown, param: string): string {
  const url = typeof value === 'string' && URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new InvalidParamsError(`${param} must be an absolute http or https URL`, { param });
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new InvalidParamsError(`${param} must not carry credentials, a query or a fragment`, { param });
  }
  return (value as string).replace(/\/+$/, '');
}

/**
 * Refuses anything but a plain object of parameters or options.
 *
 * @example
 * ```ts
 * requireObject(params, 'params');
 * ```
 */
export function requireObject(value: unknown, param: string): asserts value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidParamsError(`${param} must be an object`, { param });
  }
}

/**
 * Refuses an object with a key the call does not know. TypeScript catches a typo only in an
 * object literal; at run time a misspelt filter, date or limit would be dropped silently and
 * widen a search (more records, more personal data) or lift a limit.
 *
 * @example
 * ```ts
 * refuseUnknownKeys(params, ['type', 'startDate', 'endDate'], 'startAvrReport');
 * ```
 */
export function refuseUnknownKeys(value: object, known: readonly string[], call: string): void {
  const unknown = Object.keys(value).find((key) => !known.includes(key));
  if (unknown !== undefined) throw new InvalidParamsError(`unknown parameter "${unknown}": ${call} takes ${known.join(', ')}`, { param: unknown });
}

/**
 * The option names of `T`, checked by the compiler to be all of them: an option added to the
 * interface and not to the list is a type error, not a key refused at run time.
 *
 * @example
 * ```ts
 * const KEYS = keysOf<RowsOptions>()(['raw', 'onInvalidRow', 'signal']);
 * ```
 */
export function keysOf<T>() {
  return <const K extends readonly (keyof T & string)[]>(keys: K & ([Exclude<keyof T, K[number]>] extends [never] ? unknown : { missing: Exclude<keyof T, K[number]> })): K =>
    keys;
}

/** A whole number of at least `min`. */
export function integer(value: unknown, param: string, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new InvalidParamsError(`${param} must be an integer of at least ${min}`, { param });
  }
  return value;
}

/** A whole number of at least `min`, or `undefined` when not given. */
export function optionalInteger(value: unknown, param: string, min: number): number | undefined {
  return value === undefined ? undefined : integer(value, param, min);
}

/** A number above 0 (`Infinity` allowed, to lift a limit), or `undefined` when not given. */
export function optionalPositive(value: unknown, param: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) throw new InvalidParamsError(`${param} must be a positive number`, { param });
  return value;
}

/**
 * The longest delay a timer waits: 2^31 − 1 ms, about 24.8 days. `setTimeout` (Node's and
 * browsers') fires a longer one after 1 ms, so a longer limit would end a wait at once.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Which durations an option takes besides those above 0 and up to {@link MAX_TIMER_MS}. */
export interface MillisecondsRule {
  /** 0 too. */
  zero?: boolean | undefined;
  /** `Infinity` too, for no limit. */
  infinite?: boolean | undefined;
}

/**
 * A number of milliseconds that a timer can wait: above 0 (or 0 too), at most
 * {@link MAX_TIMER_MS}, or `Infinity` where the rule allows it; `undefined` when not given.
 *
 * @example
 * ```ts
 * const maxWaitMs = optionalMilliseconds(options.maxWaitMs, 'maxWaitMs', { infinite: true });
 * ```
 */
export function optionalMilliseconds(value: unknown, param: string, rule: MillisecondsRule = {}): number | undefined {
  if (value === undefined) return undefined;
  const inRange = typeof value === 'number' && (rule.zero ? value >= 0 : value > 0);
  if (inRange && (value <= MAX_TIMER_MS || (rule.infinite && value === Number.POSITIVE_INFINITY))) return value;
  const least = rule.zero ? 'of at least 0' : 'above 0';
  throw new InvalidParamsError(`${param} must be a number of milliseconds ${least} and at most ${MAX_TIMER_MS} (about 24.8 days)${rule.infinite ? ', or Infinity' : ''}`, { param });
}

/** An `AbortSignal`, or `undefined` when not given. */
export function optionalSignal(value: unknown, param = 'signal'): AbortSignal | undefined {
  if (value === undefined || value instanceof AbortSignal) return value;
  throw new InvalidParamsError(`${param} must be an AbortSignal`, { param });
}

/** A function, or `undefined` when not given. */
export function optionalFunction<F extends (...args: never[]) => unknown>(value: unknown, param: string): F | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') throw new InvalidParamsError(`${param} must be a function`, { param });
  return value as F;
}

/** Extra headers: an object of visible-ASCII header names and values that fit in a header. */
export function checkHeaders(headers: unknown, param: string): Record<string, string> | undefined {
  if (headers === undefined) return undefined;
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) throw new InvalidParamsError(`${param} must be an object of header names and values`, { param });
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new InvalidParamsError(`${param} has a header name that is not a token`, { param });
    if (typeof value !== 'string' || !/^[\t\x20-\x7e]*$/.test(value)) {
      throw new InvalidParamsError(`${param}["${name}"] must be a string of visible ASCII characters`, { param });
    }
  }
  return headers as Record<string, string>;
}
