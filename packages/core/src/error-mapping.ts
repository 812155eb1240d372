import { HTTPError, isTimeoutError } from 'ky';
import { readStream } from './byte-stream.js';
import { declaredDecoder } from './csv/text-decoding.js';
import { ApiError, ConnectionError, SdkError, TimeoutError } from './errors.js';
import { keptHeaders, safeUrl } from './redact.js';
import type { Secrets } from './secrets.js';
import { anySignal, deadline } from './signals.js';

/**
 * Turning whatever a request failed with into an {@link SdkError}. Everything kept of the
 * response (status text, body, headers, URL, causes) has the request's secrets removed first:
 * a server or proxy that echoes the `Authorization` header puts the key in its error page.
 */

const MAX_ERROR_BODY_BYTES = 64 * 1024;
/**
 * The longest an error body is waited for: it only explains a status already known, and a
 * server dripping it a byte at a time must not hold the call past its timeout.
 */
const MAX_ERROR_BODY_MS = 5_000;

/** What the mapping needs to know about the request that failed. */
export interface FailureContext {
  method: string;
  url: string;
  timeoutMs: number;
  /** How long the failed attempt may still take under its deadline (`Infinity` without one). */
  remainingMs: number;
  signal: AbortSignal | undefined;
  secrets: Secrets;
}

export async function toSdkError(error: unknown, { method, url, timeoutMs, remainingMs, signal, secrets }: FailureContext): Promise<unknown> {
  if (signal?.aborted) return signal.reason;
  const where = `${method} ${safePath(url)}`;
  if (error instanceof HTTPError) {
    const { response } = error;
    const body = await readErrorBody(response, { secrets, signal, limitMs: Math.min(MAX_ERROR_BODY_MS, timeoutMs, remainingMs) });
    // An abort while the body was read ends the call as every abort does, with the signal's reason.
    if (signal?.aborted) return signal.reason;
    return ApiError.fromStatus({
      status: response.status,
      body,
      method,
      url: secrets.text(safeUrl(response.url || url)),
      headers: secrets.headers(keptHeaders(response.headers)),
      message: secrets.text(response.statusText) || 'request failed',
    });
  }
  if (error instanceof SdkError) return error;
  if (isTimeoutError(error)) {
    return new TimeoutError(`${where}: no response within ${timeoutMs} ms`, { timeoutMs });
  }
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  const detail = typeof code === 'string' ? ` (${code})` : '';
  return new ConnectionError(`${where}: the request could not be completed${detail}`, { cause: secrets.error(error) });
}

/**
 * An error body, at most 64 KiB of it and what arrives within `limitMs`, read in its declared
 * charset (else UTF-8), parsed as JSON when it is JSON, with secrets removed; none when it is
 * empty or holds a NUL. A body cut by a limit or a lost connection keeps what came before.
 */
async function readErrorBody(
  response: Response,
  { secrets, signal, limitMs }: { secrets: Secrets; signal: AbortSignal | undefined; limitMs: number },
): Promise<unknown> {
  if (!response.body) return undefined;
  const chunks: Uint8Array[] = [];
  let length = 0;
  let cut = false;
  const timeUp = deadline(limitMs, () => new TimeoutError(`the error body took longer than ${limitMs} ms`, { timeoutMs: limitMs }));
  try {
    for await (const chunk of readStream(response.body, { signal: anySignal(signal, timeUp.signal) })) {
      chunks.push(chunk);
      length += chunk.byteLength;
      if (length >= MAX_ERROR_BODY_BYTES) {
        cut = true;
        break;
      }
    }
  } catch {
    cut = true;
  } finally {
    timeUp.clear();
  }
  const decoder = declaredDecoder(response.headers.get('content-type'));
  const text = (chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode()).replace(/^\uFEFF/, '');
  // A NUL means text in another encoding than the one read (UTF-16 without its charset, or with
  // a wrong one): a key in it is spelt `k\0e\0y`, which no redaction matches. No page needs it.
  if (text.trim() === '' || text.includes('\0')) return undefined;
  try {
    return secrets.value(JSON.parse(text) as unknown);
  } catch {
    return cut ? secrets.truncatedText(text.slice(0, MAX_ERROR_BODY_BYTES)) : secrets.text(text);
  }
}

/** The path of a URL, without its query; `''` when it does not parse. */
export function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}
