import { InvalidParamsError } from './errors.js';

/**
 * Checks of the options every client takes, in one place. Each throws an `InvalidParamsError`
 * naming the option; none quotes the value, since a key or a URL with credentials may be in it.
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

/** The transport's own options: `timeoutMs` and `deadlineMs` above 0, `maxRetries` a whole number, `fetch` a function. */
export function checkTransportOptions(options: { timeoutMs?: unknown; deadlineMs?: unknown; maxRetries?: unknown; fetch?: unknown }): void {
  const { timeoutMs, deadlineMs, maxRetries, fetch } = options;
  for (const [param, value] of [['timeoutMs', timeoutMs], ['deadlineMs', deadlineMs]] as const) {
    if (value !== undefined && !(typeof value === 'number' && value > 0 && Number.isFinite(value))) {
      throw new InvalidParamsError(`${param} must be a positive number of milliseconds`, { param });
    }
  }
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && (maxRetries as number) >= 0)) {
    throw new InvalidParamsError('maxRetries must be a whole number, 0 or more', { param: 'maxRetries' });
  }
  if (fetch !== undefined && typeof fetch !== 'function') throw new InvalidParamsError('fetch must be a function', { param: 'fetch' });
}
