import { HTTPError } from 'ky';
import { BodyTooLargeError, declaredLength, readAll } from './byte-stream.js';
import { safePath } from './error-mapping.js';
import { ApiError, TimeoutError } from './errors.js';
import type { SdkLog } from './logger.js';
import { keptHeaders, safeUrl } from './redact.js';
import { responseMeta } from './response-meta.js';
import type { Secrets } from './secrets.js';
import { anySignal, deadline } from './signals.js';

/**
 * One attempt of a request, as the transport's ky hooks and fetch see it: when it was sent,
 * what it logs, and how a JSON or text body is read inside ky's retry loop.
 */

/** What `#send` tells ky's hooks about a request. */
export interface SendContext {
  /** Read the whole body inside ky, so a cut is retried. */
  bufferBody: boolean;
  /** Longest gap between chunks of the body. */
  idleTimeoutMs: number;
  /** Longest an attempt may take, headers and body; `undefined` for no limit (downloads). */
  deadlineMs: number | undefined;
  /** Largest body read into memory: `maxJsonBytes` for a JSON request, `undefined` (no limit) otherwise. */
  maxBytes: number | undefined;
  /** The request's secrets, taken out of the error about a body too large. */
  secrets: Secrets;
  /** The caller's signal, which the hooks cannot reach through a retried request. */
  signal: AbortSignal | undefined;
  /** When the current attempt was sent. */
  attempt: AttemptClock;
}

/** The attempt in flight: its 1-based number and when it was sent, in `Date.now()` milliseconds. */
export interface AttemptClock {
  number: number;
  startedAt: number;
}

/**
 * The fetch each attempt goes through: it notes when the attempt was sent, logs it and its
 * response (method, path, attempt, status, duration, request id: never a header or a query),
 * and gives it the caller's signal directly. ky sends a retry as a clone of the first request,
 * and undici's clone follows the original's signal only through a weak reference that garbage
 * collection can drop: an abort during a retry then waited for the timeout.
 */
export function attemptFetch(
  fetch: typeof globalThis.fetch,
  { signal, attempt, log }: { signal: AbortSignal | undefined; attempt: AttemptClock; log: SdkLog },
): typeof globalThis.fetch {
  return async (input, init) => {
    attempt.number += 1;
    attempt.startedAt = Date.now();
    const method = input instanceof Request ? input.method : (init?.method ?? 'GET');
    const path = safePath(input instanceof Request ? input.url : String(input));
    log.debug('request sent', { method, path, attempt: attempt.number });
    const own = input instanceof Request ? input.signal : init?.signal;
    const response = await fetch(input, signal ? { ...init, signal: anySignal(own ?? undefined, signal) } : init);
    const { status, requestId } = responseMeta(response);
    log.debug('response', { method, path, status, durationMs: Date.now() - attempt.startedAt, requestId });
    return response;
  };
}

/**
 * Reads a successful body inside ky, so that a body cut off before the SDK used any of it is
 * retried by ky's own retry loop (same limit, same backoff) instead of a second one of ours.
 * With a deadline, the attempt must end (headers and body) within it, counted from its start.
 * With `maxBytes`, a larger body is an `ApiError` at once (a retry would read as much again),
 * which quotes nothing of the body.
 */
export async function bufferBody(request: Request, { context }: { context: Partial<SendContext> }, response: Response) {
  if (context.bufferBody !== true || !response.ok || !response.body) return undefined;
  const description = `${request.method} ${safePath(request.url)}`;
  const { deadlineMs } = context;
  const timeUp = deadline(remainingMs(context.attempt, deadlineMs), () => new TimeoutError(`${description}: the response took longer than ${deadlineMs} ms`, { timeoutMs: deadlineMs! }));
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await readAll(response.body, {
      ...(context.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: context.idleTimeoutMs }),
      signal: anySignal(request.signal, context.signal, timeUp.signal),
      description,
      expectedBytes: declaredLength(response.headers),
      maxBytes: context.maxBytes,
    });
  } catch (error) {
    if (!(error instanceof BodyTooLargeError) || !context.secrets) throw error;
    throw new ApiError({
      status: response.status,
      method: request.method,
      url: context.secrets.text(safeUrl(response.url)),
      headers: context.secrets.headers(keptHeaders(response.headers)),
      message: `the body is larger than maxJsonBytes (${error.maxBytes} bytes)`,
    });
  } finally {
    timeUp.clear();
  }
  const buffered = new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
  // A constructed Response has an empty `url`; errors about this response need the real one.
  Object.defineProperty(buffered, 'url', { value: response.url });
  return buffered;
}

/** How long the attempt in flight may still take under `deadlineMs`, counted from its start; no limit without one. */
export function remainingMs(attempt: AttemptClock | undefined, deadlineMs: number | undefined): number {
  return deadlineMs === undefined ? Number.POSITIVE_INFINITY : Math.max(0, (attempt?.startedAt ?? 0) + deadlineMs - Date.now());
}

/** A failed attempt's body is not read: cancel it so its socket is released before the retry. */
export function discardBody(error: unknown): void {
  if (error instanceof HTTPError) void error.response.body?.cancel().catch(() => undefined);
}

export async function* emptyBody(): AsyncGenerator<Uint8Array, void, undefined> {}
