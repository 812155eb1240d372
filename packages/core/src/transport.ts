import ky, { HTTPError, isTimeoutError, type KyInstance, type RetryOptions } from 'ky';
import { declaredLength, readAll, readStream } from './byte-stream.js';
import { checkTransportOptions } from './checks.js';
import { ApiError, ConnectionError, SdkError, TimeoutError } from './errors.js';
import { HTTP_CLIENT_DEFAULTS, type HttpClientOptions } from './http-client-options.js';
import { requestedWait } from './response-details.js';
import { keptHeaders, safeUrl, showOnly } from './redact.js';
import { anySignal } from './signals.js';
import { provesNotProcessed } from './unprocessed.js';

/** Options a client passes to its {@link Transport}: the client's HTTP options, for one host. */
export interface TransportOptions extends HttpClientOptions {
  /** Base URL every request path is relative to: `'https://api.luscii.com'`. */
  baseUrl: string;
  /** Headers sent with every request, the auth header among them. Kept private. */
  headers?: Record<string, string>;
}

/** Exponential backoff with full jitter, capped, with `Retry-After` honoured up to a cap. */
export interface BackoffOptions {
  /** @default 500 */
  initialDelayMs?: number | undefined;
  /** @default 8_000 */
  maxDelayMs?: number | undefined;
  /**
   * The longest `Retry-After` the SDK waits for; a longer one ends in a `RateLimitError`
   * carrying `retryAfterMs`, so the caller decides.
   * @default 60_000
   */
  maxRetryAfterMs?: number | undefined;
}

/** One request. */
export interface RequestOptions {
  method: 'GET' | 'POST';
  /** Path below the base URL, with or without a leading slash. */
  path: string;
  /** Query parameters; `undefined` values are left out. */
  query?: Record<string, string | undefined> | undefined;
  /** A body sent as JSON. */
  json?: unknown;
  signal?: AbortSignal | undefined;
  /**
   * Retries for this request, overriding the client's `maxRetries`. `0` for a request that
   * must not be sent twice.
   */
  maxRetries?: number | undefined;
  /** The `Accept` header. */
  accept?: string | undefined;
  /**
   * Which failures are retried. `'any'`: 408, 429, 5xx, timeouts and dropped connections.
   * `'unprocessed'`: only a failure that proves the server did not act on the request
   * (connection refused, 429, 503 with `Retry-After`; see {@link provesNotProcessed}), for a
   * request that creates something.
   * @default 'any'
   */
  retryWhen?: 'any' | 'unprocessed' | undefined;
}

/** Status and headers of a response whose body the caller has. */
export interface ResponseInfo {
  status: number;
  headers: Headers;
}

const DEFAULTS = { timeoutMs: HTTP_CLIENT_DEFAULTS.timeoutMs, maxRetries: HTTP_CLIENT_DEFAULTS.maxRetries, ...HTTP_CLIENT_DEFAULTS.backoff } as const;
const RETRY_STATUS_CODES = [408, 429, 500, 502, 503, 504];
const RETRY_AFTER_STATUS_CODES = [429, 503];
const ALL_METHODS: NonNullable<RetryOptions['methods']> = ['get', 'post', 'put', 'patch', 'head', 'delete', 'options'];
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * HTTP on ky, configured for long exports: retries with capped, jittered backoff, `Retry-After`
 * honoured up to a cap, a timeout per attempt and per body chunk, and every failure mapped to
 * an {@link SdkError}. ky's `HTTPError` never escapes: its message holds the URL and its
 * options hold the request headers.
 *
 * @example
 * ```ts
 * const transport = new Transport({ baseUrl, headers: { authorization: `Bearer ${key}` } });
 * const { body } = await transport.json({ method: 'POST', path: 'v1/export/patients' });
 * ```
 */
export class Transport {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly #ky: KyInstance;
  readonly #fetch: typeof globalThis.fetch;
  readonly #shouldRetry: NonNullable<RetryOptions['shouldRetry']>;

  /**
   * @throws {InvalidParamsError} when `timeoutMs`, `maxRetries` or `fetch` is malformed.
   * @throws {SdkError} on a runtime without `AbortSignal.any` (Node.js before 20.3).
   */
  constructor(options: TransportOptions) {
    checkTransportOptions(options);
    // ky and the SDK combine signals with it; without it every request would fail later as an
    // unexplained ConnectionError.
    if (typeof AbortSignal.any !== 'function') throw new SdkError('This SDK needs Node.js 20.3 or later, or a browser with AbortSignal.any');
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
    this.maxRetries = options.maxRetries ?? DEFAULTS.maxRetries;
    // Looked up per request, so a fetch patched after the client is made (msw, a tracer) is used.
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    showOnly(this, () => ({ baseUrl: this.baseUrl }));
    const initialDelayMs = options.backoff?.initialDelayMs ?? DEFAULTS.initialDelayMs;
    const maxRetryAfterMs = options.backoff?.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs;
    this.#ky = ky.create({
      prefixUrl: `${this.baseUrl}/`,
      ...(options.headers ? { headers: options.headers } : {}),
      timeout: this.timeoutMs,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      retry: {
        limit: this.maxRetries,
        methods: ALL_METHODS,
        statusCodes: RETRY_STATUS_CODES,
        afterStatusCodes: RETRY_AFTER_STATUS_CODES,
        maxRetryAfter: maxRetryAfterMs,
        delay: (attempt) => initialDelayMs * 2 ** (attempt - 1),
        backoffLimit: options.backoff?.maxDelayMs ?? DEFAULTS.maxDelayMs,
        jitter: true,
        retryOnTimeout: true,
        // A wait longer than the cap is the caller's decision, not a silent hour inside a call.
        shouldRetry: (this.#shouldRetry = ({ error }) => {
          if (!(error instanceof HTTPError)) return undefined;
          if (RETRY_AFTER_STATUS_CODES.includes(error.response.status)) {
            const wait = requestedWait((name) => error.response.headers.get(name));
            if (wait !== undefined && wait > maxRetryAfterMs) return false;
          }
          // ky retries this one after a delay and never reads its body. Release the body now:
          // an abort during the delay would otherwise have undici cancel the unread body itself
          // and rethrow the abort reason as an unhandled rejection.
          if (RETRY_STATUS_CODES.includes(error.response.status)) discardBody(error);
          return undefined;
        }),
      },
      hooks: {
        beforeRetry: [({ error }) => discardBody(error)],
        afterResponse: [(request, kyOptions, response) => bufferBody(request, kyOptions, response, this.timeoutMs)],
      },
    });
  }

  /**
   * Sends a request and parses a JSON body. A body that is not JSON is an `ApiError` (with
   * the status, often a proxy's HTML page on a 200), never a bare `SyntaxError`.
   */
  async json(options: RequestOptions): Promise<ResponseInfo & { body: unknown }> {
    const { response, text } = await this.#buffered({ accept: 'application/json', ...options });
    try {
      return { status: response.status, headers: response.headers, body: JSON.parse(text.replace(/^\uFEFF/, '')) };
    } catch (error) {
      const type = response.headers.get('content-type') ?? 'no content type';
      throw new ApiError({
        status: response.status,
        method: options.method,
        url: safeUrl(response.url),
        headers: keptHeaders(response.headers),
        message: `expected a JSON body, received ${text === '' ? 'an empty body' : type}`,
        cause: error,
      });
    }
  }

  /** Sends a request and returns the body as text, exactly as sent (UTF-8). */
  async text(options: RequestOptions): Promise<ResponseInfo & { body: string }> {
    const { response, text } = await this.#buffered(options);
    return { status: response.status, headers: response.headers, body: text };
  }

  /**
   * Sends a request and streams the body. Failures before the first byte are retried; once
   * the body flows it is never restarted: a dropped connection is a `ConnectionError`, a
   * stall longer than `timeoutMs` a `TimeoutError`.
   */
  async stream(options: RequestOptions): Promise<ResponseInfo & { body: AsyncIterable<Uint8Array> }> {
    const response = await this.#send(options, { bufferBody: false });
    // A fetch double's Response may have no url: the request's own path describes it as well.
    const description = `${options.method} ${safePath(response.url) || `/${options.path.replace(/^\/+/, '')}`}`;
    const body = response.body
      ? readStream(response.body, {
          idleTimeoutMs: this.timeoutMs,
          signal: options.signal,
          description,
          expectedBytes: declaredLength(response.headers),
        })
      : emptyBody();
    return { status: response.status, headers: response.headers, body };
  }

  async #buffered(options: RequestOptions): Promise<{ response: Response; text: string }> {
    const response = await this.#send(options, { bufferBody: true });
    // `Response.text()` drops a byte-order mark; `text()` promises the body exactly as sent.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    return { response, text };
  }

  async #send(options: RequestOptions, context: Pick<SendContext, 'bufferBody'>): Promise<Response> {
    const { method, path, query, json, signal, accept } = options;
    const maxRetries = options.maxRetries ?? this.maxRetries;
    const url = `${this.baseUrl}/${path.replace(/^\/+/, '')}`;
    try {
      return await this.#ky(path.replace(/^\/+/, ''), {
        method,
        context: { ...context, signal },
        ...(signal ? { fetch: followingSignal(this.#fetch, signal) } : {}),
        ...(query ? { searchParams: withoutUndefined(query) } : {}),
        ...(json === undefined ? {} : { json }),
        ...(signal ? { signal } : {}),
        ...(accept ? { headers: { accept } } : {}),
        ...(options.retryWhen === 'unprocessed'
          ? { retry: { limit: maxRetries, shouldRetry: (state) => provesNotProcessed(state.error) && this.#shouldRetry(state) } }
          : maxRetries === this.maxRetries
            ? {}
            : { retry: { limit: maxRetries } }),
      });
    } catch (error) {
      throw await toSdkError(error, { method, url, timeoutMs: this.timeoutMs, signal });
    }
  }

}

/**
 * Reads a successful body inside ky, so that a body cut off before the SDK used any of it is
 * retried by ky's own retry loop (same limit, same backoff) instead of a second one of ours.
 */
async function bufferBody(request: Request, options: { context: Partial<SendContext> }, response: Response, timeoutMs: number) {
  if (options.context.bufferBody !== true || !response.ok || !response.body) return undefined;
  const bytes = await readAll(response.body, {
    idleTimeoutMs: timeoutMs,
    signal: anySignal(request.signal, options.context.signal),
    description: `${request.method} ${safePath(request.url)}`,
    expectedBytes: declaredLength(response.headers),
  });
  const buffered = new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
  // A constructed Response has an empty `url`; errors about this response need the real one.
  Object.defineProperty(buffered, 'url', { value: response.url });
  return buffered;
}

/** What `#send` tells ky's hooks about a request. */
interface SendContext {
  /** Read the whole body inside ky, so a cut is retried. */
  bufferBody: boolean;
  /** The caller's signal, which the hooks cannot reach through a retried request. */
  signal: AbortSignal | undefined;
}

/**
 * ky sends a retry as a clone of the first request, and undici's clone follows the original's
 * signal only through a weak reference that garbage collection can drop: an abort during a
 * retry then waited for the timeout. Every attempt gets the caller's signal directly.
 */
function followingSignal(fetch: typeof globalThis.fetch, signal: AbortSignal): typeof globalThis.fetch {
  return (input, init) => {
    const own = input instanceof Request ? input.signal : init?.signal;
    return fetch(input, { ...init, signal: anySignal(own ?? undefined, signal) });
  };
}

/** A failed attempt's body is not read: cancel it so its socket is released before the retry. */
function discardBody(error: unknown): void {
  if (error instanceof HTTPError) void error.response.body?.cancel().catch(() => undefined);
}

async function* emptyBody(): AsyncGenerator<Uint8Array, void, undefined> {}

interface FailureContext {
  method: string;
  url: string;
  timeoutMs: number;
  signal: AbortSignal | undefined;
}

async function toSdkError(error: unknown, { method, url, timeoutMs, signal }: FailureContext): Promise<unknown> {
  if (signal?.aborted) return signal.reason;
  const where = `${method} ${safePath(url)}`;
  if (error instanceof HTTPError) {
    const { response } = error;
    return ApiError.fromStatus({
      status: response.status,
      body: await readErrorBody(response),
      method,
      url: safeUrl(response.url || url),
      headers: keptHeaders(response.headers),
      message: response.statusText || 'request failed',
    });
  }
  if (error instanceof SdkError) return error;
  if (isTimeoutError(error)) {
    return new TimeoutError(`${where}: no response within ${timeoutMs} ms`, { timeoutMs });
  }
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  const detail = typeof code === 'string' ? ` (${code})` : '';
  return new ConnectionError(`${where}: the request could not be completed${detail}`, { cause: error });
}

async function readErrorBody(response: Response): Promise<unknown> {
  if (!response.body) return undefined;
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for await (const chunk of readStream(response.body, { idleTimeoutMs: 5_000 })) {
      chunks.push(chunk);
      length += chunk.byteLength;
      if (length >= MAX_ERROR_BODY_BYTES) break;
    }
  } catch {
    return undefined;
  }
  const decoder = new TextDecoder();
  const text = chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, MAX_ERROR_BODY_BYTES);
  }
}

function withoutUndefined(query: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}
