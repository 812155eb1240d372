import { ConnectionError, SdkError, TimeoutError } from './errors.js';

/**
 * Chunks of bytes from an iterable or an async iterable (a Node stream is an
 * `AsyncIterable<Buffer>`); a text chunk stands for its UTF-8 bytes.
 */
export type ByteChunks = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/**
 * Anything that yields bytes: a web `ReadableStream` (fetch bodies, `Blob.stream()`), a Node
 * stream, or any iterable or async iterable of chunks.
 */
export type ByteSource = ReadableStream<Uint8Array> | ByteChunks;

/** How {@link readStream} guards a network body. */
export interface ReadStreamOptions {
  /** Longest wait for the next chunk before the body counts as stalled. */
  idleTimeoutMs?: number;
  /** Aborts the read; the iterator then rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** What the body is, for messages: `'GET /v1/export/patients'`. */
  description?: string;
  /**
   * The length the body promised (its `Content-Length`). A body that ends short of it, or runs
   * past it, is a `ConnectionError`: Node's fetch checks this itself, other fetches (a proxy
   * agent, a polyfill, a mock) may not, and a cut between two CSV records must never look like
   * a complete, shorter file.
   */
  expectedBytes?: number | undefined;
}

/**
 * Reads a web stream chunk by chunk. With `description` set it treats the stream as a network
 * body: a read failure becomes a {@link ConnectionError}, a stall a {@link TimeoutError}.
 * The reader is cancelled whenever iteration stops before the end.
 *
 * After an abort the cancel waits one task: the aborted fetch errors its own body first. A
 * cancel in the same tick, on a body ky has tee'd for its hooks, settles undici's own cancel of
 * the other branch with the abort reason, which undici rethrows as an unhandled rejection.
 */
export async function* readStream(
  stream: ReadableStream<Uint8Array>,
  options: ReadStreamOptions = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  const { idleTimeoutMs = Number.POSITIVE_INFINITY, signal, description } = options;
  const reader = stream.getReader();
  let finished = false;
  let bytes = 0;
  try {
    while (true) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await nextChunk(reader, idleTimeoutMs, signal);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (error instanceof SdkError || description === undefined) throw error;
        throw new ConnectionError(`${description}: the connection was lost after ${bytes} bytes of the body`, { cause: error });
      }
      if (result === STALLED) {
        throw new TimeoutError(`${description ?? 'stream'}: no data for ${idleTimeoutMs} ms after ${bytes} bytes of the body`, {
          timeoutMs: idleTimeoutMs,
        });
      }
      if (result.done) {
        finished = true;
        if (options.expectedBytes !== undefined && bytes !== options.expectedBytes) {
          throw new ConnectionError(`${description ?? 'stream'}: the body ended after ${bytes} of its ${options.expectedBytes} bytes`);
        }
        return;
      }
      bytes += result.value.byteLength;
      if (options.expectedBytes !== undefined && bytes > options.expectedBytes) {
        throw new ConnectionError(`${description ?? 'stream'}: the body ran past its ${options.expectedBytes} bytes`);
      }
      yield result.value;
    }
  } finally {
    if (finished) reader.releaseLock();
    else if (signal?.aborted) setTimeout(() => cancelQuietly(reader), 0);
    else cancelQuietly(reader);
  }
}

function cancelQuietly(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  reader.cancel().catch(() => undefined);
}

const STALLED = { done: true, value: undefined, stalled: true } as const satisfies ReadableStreamReadDoneResult<Uint8Array> & { stalled: true };

function nextChunk(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  idleTimeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  if (!Number.isFinite(idleTimeoutMs) && !signal) return reader.read();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = Number.isFinite(idleTimeoutMs) ? setTimeout(() => settle(() => resolve(STALLED)), idleTimeoutMs) : undefined;
    const onAbort = () => settle(() => reject(signal?.reason));
    signal?.addEventListener('abort', onAbort, { once: true });
    let settled = false;
    function settle(action: () => void) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      action();
    }
    reader.read().then(
      (result) => settle(() => resolve(result)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}

/** How {@link readAll} reads a body: the guards of {@link readStream}, and a size limit. */
export interface ReadAllOptions extends ReadStreamOptions {
  /** The most bytes held: a body that declares or delivers more is a {@link BodyTooLargeError}. */
  maxBytes?: number | undefined;
}

/** A body longer than {@link ReadAllOptions.maxBytes}; callers turn it into an error naming their request. */
export class BodyTooLargeError extends Error {
  override readonly name: string = 'BodyTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`the body is larger than ${maxBytes} bytes`);
  }
}

/**
 * Reads a whole network body into one array, with the same guards as {@link readStream}. With
 * `maxBytes`, a body that declares more is refused before a byte is read, and one that sends
 * more is cancelled as soon as it passes the limit: a body that never ends must not take all
 * the memory before some deadline stops it.
 */
export async function readAll(stream: ReadableStream<Uint8Array>, options: ReadAllOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
  const { maxBytes = Number.POSITIVE_INFINITY, ...guards } = options;
  if ((guards.expectedBytes ?? 0) > maxBytes) {
    void stream.cancel().catch(() => undefined);
    throw new BodyTooLargeError(maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of readStream(stream, guards)) {
    length += chunk.byteLength;
    // Leaving the loop cancels the body, and with it the download.
    if (length > maxBytes) throw new BodyTooLargeError(maxBytes);
    chunks.push(chunk);
  }
  const [only] = chunks;
  if (chunks.length === 1 && only!.buffer instanceof ArrayBuffer) return only as Uint8Array<ArrayBuffer>;
  const all = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}

/** Whether a {@link ByteSource} is a web stream, to be read through {@link readStream}. */
export function isReadableStream(source: ByteSource): source is ReadableStream<Uint8Array> {
  return typeof (source as ReadableStream).getReader === 'function';
}

/**
 * Whether a response's body came compressed (a `Content-Encoding` other than `identity`): `fetch`
 * has inflated it, and its `Content-Length` counts the compressed bytes.
 */
export function isEncoded(headers: Headers): boolean {
  const encoding = headers.get('content-encoding')?.trim().toLowerCase();
  return encoding !== undefined && encoding !== '' && encoding !== 'identity';
}

/**
 * The length a response promises for the bytes a reader will see: its `Content-Length`, unless
 * a `Content-Encoding` means the decoded body is longer than that.
 */
export function declaredLength(headers: Headers): number | undefined {
  if (isEncoded(headers)) return undefined;
  const length = Number(headers.get('content-length') ?? Number.NaN);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}
