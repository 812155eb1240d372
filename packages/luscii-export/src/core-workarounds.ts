/**
 * Stand-ins for what `@x/core` lacks: two helpers it has but does not export, and a fix for an
 * error it builds without its URL. Kept here, small and private, until core has them (see the
 * package README, "Core changes wanted"); then this module goes.
 */
import { ApiError } from '@x/core';
import type { z } from 'zod';

const DROPPED_HEADERS = new Set(['set-cookie', 'set-cookie2', 'authorization', 'proxy-authorization', 'cookie']);

/** Response headers worth keeping on an error, without cookies or credentials (core's private `keptHeaders`). */
export function keptHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!DROPPED_HEADERS.has(name.toLowerCase())) kept[name.toLowerCase()] = value;
  });
  return kept;
}

/** Good fields converted, bad ones kept as sent (core's private CSV `lenientRow`, for JSON rows). */
export function lenientRow(row: Record<string, unknown>, model: z.ZodObject): Record<string, unknown> {
  const shape = model.shape as Record<string, z.ZodType | undefined>;
  const lenient: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const parsed = shape[key]?.safeParse(value);
    lenient[key] = parsed?.success ? parsed.data : value;
  }
  return lenient;
}

/**
 * `Transport.json()` reads a 2xx body through a rebuilt `Response`, which has no `url`, so the
 * `ApiError` for a 2xx that is not JSON (a proxy's HTML page) names no path. This rebuilds that
 * error with the request's URL; any other error passes unchanged.
 */
export function withRequestUrl(error: unknown, url: string): unknown {
  if (!(error instanceof ApiError) || error.url !== '') return error;
  const reason = error.message.slice(`${error.status} `.length, -` (${error.method} )`.length);
  return new ApiError({ status: error.status, body: error.body, method: error.method, url, headers: error.headers, message: reason, cause: error.cause });
}
