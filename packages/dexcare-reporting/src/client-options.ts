import { InvalidParamsError, type BackoffOptions, type TransportOptions } from '@x/core';
import { optionalDuration, optionalInteger } from './params/numbers.js';

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
export interface DexCareReportingClientOptions {
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
   * Retries after the first attempt, on 408, 429, 5xx, timeouts and dropped connections.
   * @default 2
   */
  maxRetries?: number | undefined;
  /** A `fetch` to use instead of the global one (a proxy agent, a test double). */
  fetch?: typeof globalThis.fetch | undefined;
  /** Backoff between retries; the defaults suit production. */
  backoff?: BackoffOptions | undefined;
}

/** The two transports' options: AVR on `baseUrl` with the service key, APR on `aprBaseUrl` with its key. */
export interface ResolvedClientOptions {
  avr: TransportOptions;
  apr: TransportOptions;
}

// Visible ASCII only: a key with a line break or a space would make `fetch` throw an error
// whose message quotes the header value, key and all.
const HEADER_SAFE_KEY = /^[\x21-\x7e]+$/;

/** Checks the options before any request and fills the defaults, in one place. */
export function resolveClientOptions(options: DexCareReportingClientOptions): ResolvedClientOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidParamsError('DexCareReportingClient takes an options object with baseUrl and serviceKey', { param: 'options' });
  }
  const baseUrl = checkBaseUrl(options.baseUrl, 'baseUrl');
  const serviceKey = checkKey(options.serviceKey, 'serviceKey');
  const aprBaseUrl = options.aprBaseUrl === undefined ? baseUrl : checkBaseUrl(options.aprBaseUrl, 'aprBaseUrl');
  const aprKey = options.aprKey === undefined ? serviceKey : checkKey(options.aprKey, 'aprKey');
  optionalDuration(options.timeoutMs, 'timeoutMs');
  optionalInteger(options.maxRetries, 'maxRetries', 0);
  const shared = {
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
    fetch: options.fetch === undefined ? undefined : checkFetch(options.fetch),
    backoff: options.backoff,
  };
  return {
    avr: { ...shared, baseUrl, headers: { authorization: `dc-token ${serviceKey}` } },
    apr: { ...shared, baseUrl: aprBaseUrl, headers: { authorization: `dc-token ${aprKey}` } },
  };
}

function checkBaseUrl(value: unknown, param: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidParamsError(`${param} is required`, { param });
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidParamsError(`${param} must be an absolute http(s) URL`, { param });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InvalidParamsError(`${param} must be an absolute http(s) URL`, { param });
  // The URL is shown by inspect and in errors; credentials in it would be shown with it.
  if (url.username !== '' || url.password !== '') throw new InvalidParamsError(`${param} must not hold credentials`, { param });
  return value;
}

function checkFetch(value: unknown): typeof globalThis.fetch {
  if (typeof value !== 'function') throw new InvalidParamsError('fetch must be a function', { param: 'fetch' });
  return value as typeof globalThis.fetch;
}

function checkKey(value: unknown, param: string): string {
  if (typeof value !== 'string' || value === '') throw new InvalidParamsError(`${param} is required`, { param });
  if (!HEADER_SAFE_KEY.test(value)) {
    throw new InvalidParamsError(`${param} may hold only visible ASCII characters (no spaces or line breaks)`, { param });
  }
  return value;
}
