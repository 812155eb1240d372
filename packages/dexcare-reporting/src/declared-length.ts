import { ConnectionError } from '@x/core';

/**
 * The length a response promises for its body, when the bytes we read can be held to it: a
 * `Content-Length` without a `Content-Encoding` (a decompressed body is longer than it says).
 */
function declaredLength(headers: Headers): number | undefined {
  const encoding = headers.get('content-encoding');
  if (encoding !== null && encoding.trim().toLowerCase() !== 'identity') return undefined;
  const length = Number(headers.get('content-length') ?? Number.NaN);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

function shortBody(description: string, received: number, declared: number): ConnectionError {
  return new ConnectionError(`${description}: the body ended after ${received} of its ${declared} bytes`);
}

/**
 * Passes a streamed body through, and fails it if it ends before its declared length. Node's
 * own fetch already fails such a body; this guard holds for any `fetch` (a proxy agent, a
 * polyfill, a mock), so a connection closed cleanly between two CSV records can never look
 * like a complete, shorter report.
 */
export async function* requireDeclaredLength(
  body: AsyncIterable<Uint8Array>,
  headers: Headers,
  description: string,
): AsyncGenerator<Uint8Array, void, undefined> {
  const declared = declaredLength(headers);
  let received = 0;
  for await (const chunk of body) {
    received += chunk.byteLength;
    yield chunk;
  }
  if (declared !== undefined && received < declared) throw shortBody(description, received, declared);
}

/**
 * The same check for a body read whole as text. Re-encoding never yields fewer bytes than
 * arrived (an invalid sequence becomes a 3-byte U+FFFD), so a shortfall means bytes are missing.
 */
export function checkDeclaredLength(text: string, headers: Headers, description: string): void {
  const declared = declaredLength(headers);
  if (declared === undefined) return;
  const received = new TextEncoder().encode(text).byteLength;
  if (received < declared) throw shortBody(description, received, declared);
}
