import type { ApiErrorDetail } from './errors.js';

/**
 * What the SDK reads off a failed response: the vendor's message and error list, and how long
 * `Retry-After` asks to wait. Vendors disagree on shape (DexCare sends `error`, `message` or
 * `msg`; Luscii an `errors[]` of `{ code, message, attribute }`), so each reader is lenient.
 */

/**
 * The headers a server may say how long to wait in, in the order ky reads them, so that the
 * SDK's cap and `RateLimitError.retryAfterMs` see the same wait ky's retry does.
 */
export const WAIT_HEADERS = ['retry-after', 'ratelimit-reset', 'x-ratelimit-retry-after', 'x-ratelimit-reset', 'x-rate-limit-reset'] as const;

/** Seconds this large are a Unix time (GitHub's `x-ratelimit-reset`), not a delay: ky's own threshold. */
const UNIX_TIME_THRESHOLD_MS = Date.parse('2024-01-01');

/**
 * Parses a wait header (delta seconds, an HTTP date, or Unix seconds) into milliseconds from now.
 *
 * @example
 * ```ts
 * parseRetryAfter('2'); // 2000
 * ```
 */
export function parseRetryAfter(value: string | undefined | null, now = Date.now()): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) {
    const ms = seconds * 1000;
    return Math.max(0, ms >= UNIX_TIME_THRESHOLD_MS ? ms - now : ms);
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The wait a response asks for, from the first of {@link WAIT_HEADERS} it sends. */
export function requestedWait(header: (name: string) => string | null | undefined, now = Date.now()): number | undefined {
  for (const name of WAIT_HEADERS) {
    const value = header(name);
    if (value != null && value !== '') return parseRetryAfter(value, now);
  }
  return undefined;
}

const MAX_VENDOR_MESSAGE = 300;

export function vendorMessage(body: unknown, details: readonly ApiErrorDetail[]): string | undefined {
  const listed = details
    .map((detail) => [detail.message, detail.attribute && `(${detail.attribute})`].filter(Boolean).join(' '))
    .filter((text) => text !== '');
  const text =
    stringField(body, 'error') ?? stringField(body, 'message') ?? stringField(body, 'msg') ?? (listed.length > 0 ? listed.join('; ') : undefined);
  return text === undefined ? undefined : text.slice(0, MAX_VENDOR_MESSAGE);
}

export function errorDetails(body: unknown): ApiErrorDetail[] {
  const errors = isRecord(body) ? body.errors : undefined;
  if (!Array.isArray(errors)) return [];
  return errors.filter(isRecord).map((entry) => {
    const detail: ApiErrorDetail = {};
    for (const key of ['code', 'message', 'attribute'] as const) {
      const value = entry[key];
      if (typeof value === 'string' || typeof value === 'number') detail[key] = String(value);
    }
    return detail;
  });
}

export function stringField(body: unknown, key: string): string | undefined {
  if (!isRecord(body)) return undefined;
  const value = body[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
