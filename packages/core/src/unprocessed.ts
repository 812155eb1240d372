/** Network error codes raised before a request's bytes could reach the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Whether a failure proves the server did not act on the request: the connection was refused
 * (or the host was not found) before anything was sent, a 429, or a 503 that says when to come
 * back (`Retry-After`). A timeout, a reset after sending, another 5xx or a 2xx that could not
 * be read prove nothing: the server may have acted. Works on fetch's and ky's raw errors (in a
 * retry decision) and on the SDK's own errors (`ApiError`, `ConnectionError`).
 *
 * @example
 * ```ts
 * const { body } = await transport.json({ method: 'POST', path, json, retryWhen: 'unprocessed' });
 * ```
 */
export function provesNotProcessed(error: unknown): boolean {
  const response = responseOf(error);
  if (response) return response.status === 429 || (response.status === 503 && response.retryAfter);
  return hasCode(error, 0);
}

interface ResponseFacts {
  status: number;
  retryAfter: boolean;
}

/** The status of a ky `HTTPError` (its `response`) or of an `ApiError` (`status`, kept `headers`). */
function responseOf(error: unknown): ResponseFacts | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { response, status, headers } = error as { response?: unknown; status?: unknown; headers?: unknown };
  if (response instanceof Response) return { status: response.status, retryAfter: response.headers.has('retry-after') };
  if (typeof status === 'number' && typeof headers === 'object' && headers !== null) {
    return { status, retryAfter: typeof (headers as Record<string, unknown>)['retry-after'] === 'string' };
  }
  return undefined;
}

/** Looks for a not-sent code on the error and its causes (undici nests them; happy eyeballs aggregates them). */
function hasCode(error: unknown, depth: number): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && NOT_SENT_CODES.has(code)) return true;
  if (Array.isArray(errors) && errors.length > 0 && errors.every((inner) => hasCode(inner, depth + 1))) return true;
  return hasCode(cause, depth + 1);
}
