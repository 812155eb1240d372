import ky, { HTTPError, type KyInstance } from 'ky';
import { declaredLength, isEncoded, readStream } from './byte-stream.js';
import { checkCallOptions, checkTransportOptions } from './call-options.js';
import { declaredDecoder } from './csv/text-decoding.js';
import { safePath, toSdkError } from './error-mapping.js';
import { ApiError, SdkError } from './errors.js';
import { SdkLog } from './logger.js';
import { isRedirect, redirectTarget } from './redirects.js';
import { keptHeaders, safeUrl, showOnly } from './redact.js';
import { retryPolicy, type RetrySettings } from './retry-policy.js';
import { Secrets, secretsOfHeaders } from './secrets.js';
import { attemptFetch, bufferBody, discardBody, emptyBody, remainingMs, type AttemptClock, type SendContext } from './send-attempt.js';
import { defaultDeadlineMs, TRANSPORT_DEFAULTS as DEFAULTS, type RequestOptions, type ResponseInfo, type TransportOptions } from './transport-options.js';

/** A streamed response: its status, headers and body, and a count of the bytes read so far. */
export interface StreamedResponse extends ResponseInfo {
  /** The body, chunk by chunk. */
  body: AsyncIterable<Uint8Array>;
  /** How many body bytes the caller has read so far. */
  bytesRead: () => number;
}

/**
 * HTTP on ky, configured for long exports: retries with capped, jittered backoff, `Retry-After`
 * honoured up to a cap, a timeout per attempt and per body chunk, a deadline per attempt of a
 * JSON request, redirects judged rather than followed, every failure mapped to an
 * {@link SdkError} with the transport's secrets removed, and every request, response and retry
 * logged without a header value or a query. ky's `HTTPError` never escapes: its message holds
 * the URL and its options hold the request headers.
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
  /** Largest JSON body read into memory. */
  readonly maxJsonBytes: number;
  /** Where the transport, and the engines a client runs on it, write their log lines. */
  readonly log: SdkLog;
  readonly #ky: KyInstance;
  readonly #fetch: typeof globalThis.fetch;
  /** Every secret this transport sends, to be taken out of anything kept of a response. */
  readonly #secrets: Secrets;
  readonly #retry: RetrySettings;
  /** Whether `deadlineMs` was given, or follows each call's `timeoutMs`. */
  readonly #deadlineGiven: boolean;
  /** Whether a compressed response was logged already: a server that sends one sends them all. */
  #compressedLogged = false;

  /**
   * @throws {InvalidParamsError} when `timeoutMs`, `deadlineMs`, `maxRetries`, `fetch`, `logger` or `logLevel` is malformed.
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
    this.#deadlineGiven = options.deadlineMs !== undefined;
    this.deadlineMs = options.deadlineMs ?? defaultDeadlineMs(this.timeoutMs);
    this.maxJsonBytes = options.maxJsonBytes ?? DEFAULTS.maxJsonBytes;
    this.log = new SdkLog(options, options.client?.name);
    this.#secrets = new Secrets(secretsOfHeaders(options.headers));
    // Looked up per request, so a fetch patched after the client is made (msw, a tracer) is used.
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#retry = {
      initialDelayMs: options.backoff?.initialDelayMs ?? DEFAULTS.initialDelayMs,
      maxDelayMs: options.backoff?.maxDelayMs ?? DEFAULTS.maxDelayMs,
      maxRetryAfterMs: options.backoff?.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs,
    };
    showOnly(this, () => ({ baseUrl: this.baseUrl }));
    const userAgent = userAgentOf(options.client);
    this.#ky = ky.create({
      // Redirects are the SDK's to judge (see redirects.ts), not fetch's to follow.
      redirect: 'manual',
      // Bodies are asked for uncompressed. fetch inflates a compressed body leniently (undici
      // ends a gzip, deflate or br stream cut before its end without an error, and has no
      // strict mode), so a report cut off between two records would read as a whole, shorter
      // one; an uncompressed body keeps its Content-Length, which fetch and the SDK hold it to.
      // The vendors document no compression (their examples are curl without --compressed).
      headers: { ...(userAgent ? { 'user-agent': userAgent } : {}), 'accept-encoding': 'identity', ...options.headers },
      hooks: {
        beforeRetry: [({ error }) => discardBody(error)],
        afterResponse: [bufferBody],
      },
    });
  }

  /**
   * Sends a request and parses a JSON body. A body that is not JSON is an `ApiError` (with
   * the status, often a proxy's HTML page on a 200), never a bare `SyntaxError`.
   */
  async json(options: RequestOptions): Promise<ResponseInfo & { body: unknown }> {
    const deadlineMs = this.#deadlineGiven ? this.deadlineMs : defaultDeadlineMs(options.timeoutMs ?? this.timeoutMs);
    const { response, text } = await this.#buffered({ accept: 'application/json', ...options }, { deadlineMs, maxBytes: this.maxJsonBytes });
    try {
      return { status: response.status, headers: response.headers, body: JSON.parse(text.replace(/^\uFEFF/, '')) };
    } catch {
      const secrets = this.secretsFor(options.headers);
      const type = response.headers.get('content-type') ?? 'no content type';
      throw new ApiError({
        status: response.status,
        method: options.method,
        url: secrets.text(safeUrl(response.url)),
        headers: secrets.headers(keptHeaders(response.headers)),
        message: `expected a JSON body, received ${text === '' ? 'an empty body' : type}`,
        // JSON.parse quotes the start of the text it failed on, and that text may echo a key
        // (cut short, so it escapes redaction): the cause keeps only the kind of failure.
        cause: new SyntaxError('the body is not valid JSON'),
      });
    }
  }

  /** Sends a request and returns the body as text, exactly as sent, decoded in its declared charset (else UTF-8). */
  async text(options: RequestOptions): Promise<ResponseInfo & { body: string }> {
    const { response, text } = await this.#buffered(options, { deadlineMs: undefined, maxBytes: undefined });
    return { status: response.status, headers: response.headers, body: text };
  }

  /**
   * Sends a request and streams the body. Failures before the first byte are retried; once
   * the body flows it is never restarted: a dropped connection is a `ConnectionError`, a
   * stall longer than `timeoutMs` a `TimeoutError`. `bytesRead()` counts what was read so far.
   */
  async stream(options: RequestOptions): Promise<StreamedResponse> {
    const response = await this.#send(options, { bufferBody: false, deadlineMs: undefined, maxBytes: undefined });
    // A fetch double's Response may have no url: the request's own path describes it as well.
    const description = `${options.method} ${safePath(response.url) || `/${options.path.replace(/^\/+/, '')}`}`;
    let bytes = 0;
    const chunks = response.body
      ? readStream(response.body, {
          idleTimeoutMs: options.timeoutMs ?? this.timeoutMs,
          signal: options.signal,
          description,
          expectedBytes: declaredLength(response.headers),
        })
      : emptyBody();
    async function* counted() {
      for await (const chunk of chunks) {
        bytes += chunk.byteLength;
        yield chunk;
      }
    }
    return { status: response.status, headers: response.headers, body: counted(), bytesRead: () => bytes };
  }

  /**
   * The secrets of one call: this transport's, and those of the call's own `headers` (a proxy
   * token given for one export), which a proxy may echo as readily as the client's. A client
   * that builds an error from a response itself (Luscii's 200 with `errors[]`) takes them out
   * of the body and headers it keeps, as the transport does for its own errors.
   *
   * @example
   * ```ts
   * const secrets = transport.secretsFor(call.headers);
   * new ApiError({ status, method, url, body: secrets.value({ errors }), headers: secrets.headers(keptHeaders(response.headers)) });
   * ```
   */
  secretsFor(headers: RequestOptions['headers']): Secrets {
    return headers ? this.#secrets.with(secretsOfHeaders(headers)) : this.#secrets;
  }

  async #buffered(options: RequestOptions, limits: Pick<SendContext, 'deadlineMs' | 'maxBytes'>): Promise<{ response: Response; text: string }> {
    const response = await this.#send(options, { bufferBody: true, ...limits });
    // `Response.text()` drops a byte-order mark and ignores a declared charset; `text()` promises
    // the body exactly as sent, in the charset the server declares (UTF-8 when none or unknown).
    const text = declaredDecoder(response.headers.get('content-type')).decode(await response.arrayBuffer());
    return { response, text };
  }

  async #send(options: RequestOptions, context: Pick<SendContext, 'bufferBody' | 'deadlineMs' | 'maxBytes'>): Promise<Response> {
    checkCallOptions(options);
    const { method, path, query, json, signal, accept } = options;
    const maxRetries = options.maxRetries ?? this.maxRetries;
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const secrets = this.secretsFor(options.headers);
    let url = new URL(`${this.baseUrl}/${path.replace(/^\/+/, '')}`);
    for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.append(name, value);
    const attempt: AttemptClock = { number: 0, startedAt: 0 };
    const onRetry = (event: { reason: string; delayMs: number; retry: number }) => {
      if (!signal?.aborted) this.log.info('retry scheduled', { method, path: url.pathname, ...event, delayMs: Math.round(event.delayMs) });
    };
    for (let hops = 0; ; hops++) {
      try {
        const response = await this.#ky(url, {
          method,
          timeout: timeoutMs,
          retry: retryPolicy(maxRetries, this.#retry, onRetry, options.retryWhen),
          context: { ...context, idleTimeoutMs: timeoutMs, signal, attempt, secrets } satisfies SendContext,
          fetch: attemptFetch(this.#fetch, { signal, attempt, log: this.log }),
          ...(json === undefined ? {} : { json }),
          ...(signal ? { signal } : {}),
          headers: { ...options.headers, ...(accept ? { accept } : {}) },
        });
        this.#noteCompressed(response, method, url.pathname);
        return response;
      } catch (error) {
        if (error instanceof HTTPError && isRedirect(error.response) && !signal?.aborted) {
          discardBody(error);
          const next = redirectTarget(error.response, { from: url, hops, method, secrets });
          if (next instanceof ApiError) throw next;
          url = next;
          continue;
        }
        throw await toSdkError(error, { method, url: url.href, timeoutMs, remainingMs: remainingMs(attempt, context.deadlineMs), signal, secrets });
      }
    }
  }

  /**
   * A body sent compressed though the SDK asked for none: fetch inflated it without checking its
   * end, so a cut in it goes unnoticed. Said once, as a warning: the body is still read.
   */
  #noteCompressed(response: Response, method: string, path: string): void {
    if (this.#compressedLogged || !isEncoded(response.headers)) return;
    this.#compressedLogged = true;
    this.log.warn('response compressed though the SDK asked for none: a body cut short would not be noticed', { method, path });
  }
}

/** `x-luscii-export/0.2.0 node/22.11.0`: the package, its version and the runtime, when there is one. */
function userAgentOf(client: TransportOptions['client']): string | undefined {
  if (client === undefined) return undefined;
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
  // A browser sends its own User-Agent, and a custom one would need a CORS preflight allowance.
  return node === undefined ? undefined : `${client.name}/${client.version} node/${node}`;
}
