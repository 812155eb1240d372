import { checkApiKey, checkBaseUrl, checkHeaders, InvalidParamsError, type BackoffOptions, type LoggingOptions, type TransportOptions } from '@x/core';

// The package's version for the User-Agent: set from package.json at build by tsup's `define`
// (tsup.shared.ts) and in tests by vitest's (vitest.workspace.ts). The ESM build keeps one file
// per module, so a JSON import would stay a runtime import that Node 20 refuses without `with`.
declare const __X_PACKAGE_VERSION__: string | undefined;
const version = typeof __X_PACKAGE_VERSION__ === 'string' ? __X_PACKAGE_VERSION__ : '0.0.0-source';

/** The package as the `User-Agent` and log lines name it. */
export const DEXCARE_PACKAGE = 'x-dexcare-reporting';

/**
 * Options of {@link DexCareReportingClient}.
 *
 * @example
 * ```ts
 * const options: DexCareReportingClientOptions = {
 *   baseUrl: 'https://ecvapi.care.example.com',
 *   serviceKey: process.env.DEXCARE_SERVICE_KEY!,
 * };
 * ```
 */
export interface DexCareReportingClientOptions extends LoggingOptions {
  /** The DexCare API host for the All Visits Report: `'https://ecvapi.care.YOUR_DOMAIN.com'`. */
  baseUrl: string;
  /**
   * The reporting service key, sent as `Authorization: dc-token <key>`. A server-side secret:
   * keep it in a secret manager, never in a browser or mobile app. The SDK never prints it.
   */
  serviceKey: string;
  /**
   * The host of the All Providers Report, when it is not `baseUrl`.
   * @default baseUrl
   */
  aprBaseUrl?: string | undefined;
  /**
   * The All Providers Report API key, when it is not the service key (DexCare hands it out
   * separately).
   * @default serviceKey
   */
  aprKey?: string | undefined;
  /**
   * Timeout per attempt, in milliseconds: for the response headers, and for each gap between
   * chunks of a download.
   * @default 30_000
   */
  timeoutMs?: number | undefined;
  /**
   * Longest one attempt at a JSON request may take, from sending it to the last byte of the
   * body (a start, a status, a page of provider histories). A body that drips a byte at a time, each gap under `timeoutMs`, ends in a
   * `TimeoutError` here and is retried like any timeout. Streamed downloads are not bounded by
   * it (their length is not): pass `signal: AbortSignal.timeout(ms)` for a total limit.
   * @default 4 × timeoutMs
   */
  deadlineMs?: number | undefined;
  /**
   * Retries after the first attempt, on 408, 429, 5xx, timeouts and dropped connections.
   * @default 2
   */
  maxRetries?: number | undefined;
  /** A `fetch` to use instead of the global one (a proxy agent, a test double). */
  fetch?: typeof globalThis.fetch | undefined;
  /**
   * Extra headers sent with every request, to both hosts (a proxy's token, a tracing header).
   * Values of headers named like credentials are removed from errors, as the keys are.
   * `authorization` is the keys'.
   */
  headers?: Record<string, string> | undefined;
  /** Backoff between retries; the defaults suit production. */
  backoff?: BackoffOptions | undefined;
}

/** The two transports' options: AVR on `baseUrl` with the service key, APR on `aprBaseUrl` with its key. */
export interface ResolvedClientOptions {
  avr: TransportOptions;
  apr: TransportOptions;
}

/** Checks the options before any request and fills the defaults, in one place (the transports check their own). */
export function resolveClientOptions(options: DexCareReportingClientOptions): ResolvedClientOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidParamsError('DexCareReportingClient takes an options object with baseUrl and serviceKey', { param: 'options' });
  }
  const baseUrl = checkBaseUrl(options.baseUrl, 'baseUrl');
  const serviceKey = checkApiKey(options.serviceKey, 'serviceKey');
  const aprBaseUrl = options.aprBaseUrl === undefined ? baseUrl : checkBaseUrl(options.aprBaseUrl, 'aprBaseUrl');
  const aprKey = options.aprKey === undefined ? serviceKey : checkApiKey(options.aprKey, 'aprKey');
  const extra = checkHeaders(options.headers, 'headers');
  const shared = {
    timeoutMs: options.timeoutMs,
    deadlineMs: options.deadlineMs,
    maxRetries: options.maxRetries,
    fetch: options.fetch,
    backoff: options.backoff,
    logger: options.logger,
    logLevel: options.logLevel,
    client: { name: DEXCARE_PACKAGE, version },
  };
  return {
    avr: { ...shared, baseUrl, headers: { ...extra, authorization: `dc-token ${serviceKey}` } },
    apr: { ...shared, baseUrl: aprBaseUrl, headers: { ...extra, authorization: `dc-token ${aprKey}` } },
  };
}
