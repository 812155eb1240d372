import ky, { HTTPError, type KyInstance, type RetryOptions } from 'ky';
import { declaredLength, readAll, readStream } from './byte-stream.js';
import { checkTransportOptions } from './client-options.js';
import { safePath, toSdkError } from './error-mapping.js';
import { ApiError, SdkError, TimeoutError } from './errors.js';
import { isRedirect, redirectTarget } from './redirects.js';
import { requestedWait } from './response-details.js';
import { keptHeaders, safeUrl, showOnly } from './redact.js';
import { Secrets, secretsOfHeaders } from './secrets.js';
import { anySignal, deadline } from './signals.js';

/** Options a client passes to its {@link Transport}. */
export interface TransportOptions {
  /** Base URL every request path is relative to: `'https://api.luscii.com'`. */
  baseUrl: string;
  /** Headers sent with every request, the auth header among them. Kept private. */
  headers?: Record<string, string>;
  /**
   * Timeout per attempt, in milliseconds: for the response headers, and again for each gap
   * between chunks of a body.
   * @default 30_000
   */
  timeoutMs?: number | undefined;
  /**
   * Longest one attempt at a JSON request (a page, a status, a start) may take, from sending it
   * to the last byte of its body: a body that drips a byte at a time, each gap under
   * `timeoutMs`, ends in a `TimeoutError` here, and is retried like any timeout. Streamed
   * downloads are not bounded by it (their length is not); give them an
   * `AbortSignal.timeout()` for a total limit.
   * @default 4 × timeoutMs
   */
  deadlineMs?: number | undefined;
  /**
   * Retries after the first attempt, on 408, 429, 500, 502, 503, 504, timeouts and dropped
   * connections.
   * @default 2
   */
  maxRetries?: number | undefined;
  /** A `fetch` to use instead of the global one (a proxy agent, a test double). */
  fetch?: typeof globalThis.fetch | undefined;
  /** Backoff tuning; the defaults suit production. */
  backoff?: BackoffOptions | undefined;
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
}

/** Status and headers of a response whose body the caller has. */
export interface ResponseInfo {
  status: number;
  headers: Headers;
}

const DEFAULTS = { timeoutMs: 30_000, maxRetries: 2, initialDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000, deadlineTimeouts: 4 } as const;
const RETRY_STATUS_CODES = [408, 429, 500, 502, 503, 504];
const RETRY_AFTER_STATUS_CODES = [429, 503];
const ALL_METHODS: NonNullable<RetryOptions['methods']> = ['get', 'post', 'put', 'patch', 'head', 'delete', 'options'];

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
  /** Per attempt of a JSON request, headers and body together. */
  readonly deadlineMs: number;
  readonly #ky: KyInstance;
  readonly #fetch: typeof globalThis.fetch;
  /** Every secret this transport sends, to be taken out of anything kept of a response. */
  readonly #secrets: Secrets;

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
    this.deadlineMs = options.deadlineMs ?? DEFAULTS.deadlineTimeouts * this.timeoutMs;
    this.#secrets = new Secrets(secretsOfHeaders(options.headers));
    // Looked up per request, so a fetch patched after the client is made (msw, a tracer) is used.
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    showOnly(this, () => ({ baseUrl: this.baseUrl }));
    const initialDelayMs = options.backoff?.initialDelayMs ?? DEFAULTS.initialDelayMs;
    const maxRetryAfterMs = options.backoff?.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs;
    this.#ky = ky.create({
      // Redirects are the SDK's to judge (see redirects.ts), not fetch's to follow.
      redirect: 'manual',
      ...(options.headers ? { headers: options.headers } : {}),
      timeout: this.timeoutMs,
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
        shouldRetry: ({ error }) => {
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
        },
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
    const { response, text } = await this.#buffered({ accept: 'application/json', ...options }, { deadlineMs: this.deadlineMs });
    try {
      return { status: response.status, headers: response.headers, body: JSON.parse(text.replace(/^\uFEFF/, '')) };
    } catch {
      const type = response.headers.get('content-type') ?? 'no content type';
      throw new ApiError({
        status: response.status,
        method: options.method,
        url: this.#secrets.text(safeUrl(response.url)),
        headers: this.#secrets.headers(keptHeaders(response.headers)),
        message: `expected a JSON body, received ${text === '' ? 'an empty body' : type}`,
        // JSON.parse quotes the start of the text it failed on, and that text may echo a key
        // (cut short, so it escapes redaction): the cause keeps only the kind of failure.
        cause: new SyntaxError('the body is not valid JSON'),
      });
    }
  }

  /** Sends a request and returns the body as text, exactly as sent (UTF-8). */
  async text(options: RequestOptions): Promise<ResponseInfo & { body: string }> {
    const { response, text } = await this.#buffered(options, { deadlineMs: undefined });
    return { status: response.status, headers: response.headers, body: text };
  }

  /**
   * Sends a request and streams the body. Failures before the first byte are retried; once
   * the body flows it is never restarted: a dropped connection is a `ConnectionError`, a
   * stall longer than `timeoutMs` a `TimeoutError`.
   */
  async stream(options: RequestOptions): Promise<ResponseInfo & { body: AsyncIterable<Uint8Array> }> {
    const response = await this.#send(options, { bufferBody: false, deadlineMs: undefined });
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

  /**
   * Removes this transport's secrets (its key, its auth header) from a value kept of a
   * response: a vendor's error list, a body an error will carry.
   */
  redact<T>(value: T): T {
    return this.#secrets.value(value);
  }

  async #buffered(options: RequestOptions, { deadlineMs }: { deadlineMs: number | undefined }): Promise<{ response: Response; text: string }> {
    const response = await this.#send(options, { bufferBody: true, deadlineMs });
    // `Response.text()` drops a byte-order mark; `text()` promises the body exactly as sent.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    return { response, text };
  }

  async #send(options: RequestOptions, context: Pick<SendContext, 'bufferBody' | 'deadlineMs'>): Promise<Response> {
    const { method, path, query, json, signal, accept } = options;
    const maxRetries = options.maxRetries ?? this.maxRetries;
    let url = new URL(`${this.baseUrl}/${path.replace(/^\/+/, '')}`);
    for (const [name, value] of Object.entries(withoutUndefined(query ?? {}))) url.searchParams.append(name, value);
    const attempt: AttemptClock = { startedAt: 0 };
    for (let hops = 0; ; hops++) {
      try {
        return await this.#ky(url, {
          method,
          context: { ...context, signal, attempt } satisfies SendContext,
          fetch: clockedFetch(this.#fetch, signal, attempt),
          ...(json === undefined ? {} : { json }),
          ...(signal ? { signal } : {}),
          ...(accept ? { headers: { accept } } : {}),
          ...(maxRetries === this.maxRetries ? {} : { retry: { limit: maxRetries } }),
        });
      } catch (error) {
        if (error instanceof HTTPError && isRedirect(error.response) && !signal?.aborted) {
          discardBody(error);
          const next = redirectTarget(error.response, { from: url, hops, method, secrets: this.#secrets });
          if (next instanceof ApiError) throw next;
          url = next;
          continue;
        }
        throw await toSdkError(error, { method, url: url.href, timeoutMs: this.timeoutMs, signal, secrets: this.#secrets });
      }
    }
  }
}

/**
 * Reads a successful body inside ky, so that a body cut off before the SDK used any of it is
 * retried by ky's own retry loop (same limit, same backoff) instead of a second one of ours.
 */
async function bufferBody(request: Request, options: { context: Partial<SendContext> }, response: Response, timeoutMs: number) {
  const { context } = options;
  if (context.bufferBody !== true || !response.ok || !response.body) return undefined;
  const description = `${request.method} ${safePath(request.url)}`;
  const { deadlineMs } = context;
  // The clock started when this attempt was sent: the deadline covers headers and body.
  const remaining = deadlineMs === undefined ? Number.POSITIVE_INFINITY : Math.max(0, (context.attempt?.startedAt ?? 0) + deadlineMs - Date.now());
  const timeUp = deadline(remaining, () => new TimeoutError(`${description}: the response took longer than ${deadlineMs} ms`, { timeoutMs: deadlineMs! }));
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await readAll(response.body, {
      idleTimeoutMs: timeoutMs,
      signal: anySignal(request.signal, context.signal, timeUp.signal),
      description,
      expectedBytes: declaredLength(response.headers),
    });
  } finally {
    timeUp.clear();
  }
  const buffered = new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
  // A constructed Response has an empty `url`; errors about this response need the real one.
  Object.defineProperty(buffered, 'url', { value: response.url });
  return buffered;
}

/** What `#send` tells ky's hooks about a request. */
interface SendContext {
  /** Read the whole body inside ky, so a cut is retried. */
  bufferBody: boolean;
  /** Longest an attempt may take, headers and body; `undefined` for no limit (downloads). */
  deadlineMs: number | undefined;
  /** The caller's signal, which the hooks cannot reach through a retried request. */
  signal: AbortSignal | undefined;
  /** When the current attempt was sent. */
  attempt: AttemptClock;
}

/** When the attempt in flight was sent, in `Date.now()` milliseconds. */
interface AttemptClock {
  startedAt: number;
}

/**
 * The fetch each attempt goes through: it notes when the attempt was sent, and gives it the
 * caller's signal directly. ky sends a retry as a clone of the first request, and undici's
 * clone follows the original's signal only through a weak reference that garbage collection
 * can drop: an abort during a retry then waited for the timeout.
 */
function clockedFetch(fetch: typeof globalThis.fetch, signal: AbortSignal | undefined, attempt: AttemptClock): typeof globalThis.fetch {
  return (input, init) => {
    attempt.startedAt = Date.now();
    if (!signal) return fetch(input, init);
    const own = input instanceof Request ? input.signal : init?.signal;
    return fetch(input, { ...init, signal: anySignal(own ?? undefined, signal) });
  };
}

/** A failed attempt's body is not read: cancel it so its socket is released before the retry. */
function discardBody(error: unknown): void {
  if (error instanceof HTTPError) void error.response.body?.cancel().catch(() => undefined);
}

async function* emptyBody(): AsyncGenerator<Uint8Array, void, undefined> {}

function withoutUndefined(query: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
