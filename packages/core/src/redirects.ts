import { ApiError } from './errors.js';
import { keptHeaders } from './redact.js';
import type { Secrets } from './secrets.js';

/**
 * Redirects, handled by the SDK rather than by fetch (requests go out with `redirect: 'manual'`).
 * An export API has no reason to redirect, and a followed redirect to another host sends the
 * request there (a POST turned into a GET) and accepts that host's rows. So a redirect to
 * another origin is an `ApiError`; a same-origin 307 or 308, which keeps method and body, is
 * followed, up to {@link MAX_REDIRECTS} times.
 */

/** Same-origin redirects followed in one request before it is an error. */
export const MAX_REDIRECTS = 5;

const FOLLOWED = new Set([307, 308]);

/** Whether a response is a redirect (a 3xx with a `Location`, or a browser's opaque redirect). */
export function isRedirect(response: Response): boolean {
  return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400 && response.headers.has('location'));
}

/**
 * The URL to follow a redirect to, or an `ApiError` naming the status and the target's origin
 * (never its path or query: a signed URL carries its credentials there).
 *
 * @example
 * ```ts
 * const next = redirectTarget(response, { from: url, hops, method: 'GET', secrets });
 * if (next instanceof ApiError) throw next;
 * ```
 */
export function redirectTarget(
  response: Response,
  { from, hops, method, secrets }: { from: URL; hops: number; method: string; secrets: Secrets },
): URL | ApiError {
  const location = response.headers.get('location');
  const target = location === null || response.type === 'opaqueredirect' ? undefined : parse(location, from);
  const fail = (reason: string) =>
    new ApiError({
      status: response.status,
      method,
      url: `${from.origin}${from.pathname}`,
      headers: secrets.headers(withoutLocation(keptHeaders(response.headers))),
      message: reason,
    });
  if (target === undefined) return fail('redirected to a location that could not be read; redirects are not followed');
  if (target.origin !== from.origin) return fail(`redirected to another origin (${target.origin}); not followed`);
  if (!FOLLOWED.has(response.status)) return fail(`redirected within ${target.origin}; only 307 and 308 are followed`);
  if (hops >= MAX_REDIRECTS) return fail(`redirected more than ${MAX_REDIRECTS} times`);
  return target;
}

function parse(location: string, base: URL): URL | undefined {
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

/** The `Location` of a refused redirect may be a signed URL: errors keep only its origin, in the message. */
function withoutLocation(headers: Record<string, string>): Record<string, string> {
  const { location: _, ...rest } = headers;
  return rest;
}
