/**
 * Two helpers that `@x/core` has but does not export. Kept here, small and private, until core
 * exports them (see the package README, "Core changes wanted"); then this module goes.
 */
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
