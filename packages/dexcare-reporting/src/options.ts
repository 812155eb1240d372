import type { HttpClientOptions } from '@x/core';
import { checkApiKey, checkBaseUrl, resolveHttpClientOptions, type TransportOptions } from '@x/core/internal';

// The package's version for the User-Agent: set from package.json at build by tsup's `define`
// (tsup.shared.ts) and in tests by vitest's (vitest.workspace.ts). The ESM build keeps one file
// per module, so a JSON import would stay a runtime import that Node 20 refuses without `with`.
declare const __X_PACKAGE_VERSION__: string | undefined;
const version = typeof __X_PACKAGE_VERSION__ === 'string' ? __X_PACKAGE_VERSION__ : '0.0.0-source';

/** The package as the `User-Agent` and log lines name it. */
export const DEXCARE_PACKAGE = 'x-dexcare-reporting';

/**
 * Options of {@link DexCareReportingClient}: the hosts and keys of the two reports, and the
 * HTTP options every `@x` client takes (`timeoutMs`, `deadlineMs`, `maxRetries`, `maxJsonBytes`,
 * `fetch`, `headers`, `backoff`, `logger`, `logLevel`), which apply to both hosts.
 *
 * @example
 * ```ts
 * const options: DexCareReportingClientOptions = {
 *   baseUrl: 'https://ecvapi.care.example.com',
 *   serviceKey: process.env.DEXCARE_SERVICE_KEY!,
 * };
 * ```
 */
export interface DexCareReportingClientOptions extends HttpClientOptions {
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
}

/** The two transports' options: AVR on `baseUrl` with the service key, APR on `aprBaseUrl` with its key. */
export interface ResolvedClientOptions {
  avr: TransportOptions;
  apr: TransportOptions;
}

/** Checks the options before any request and fills the defaults, in one place (the transports check their own). */
export function resolveClientOptions(options: DexCareReportingClientOptions): ResolvedClientOptions {
  const http = resolveHttpClientOptions(options);
  const baseUrl = checkBaseUrl(options.baseUrl, 'baseUrl');
  const serviceKey = checkApiKey(options.serviceKey, 'serviceKey');
  const aprBaseUrl = options.aprBaseUrl === undefined ? baseUrl : checkBaseUrl(options.aprBaseUrl, 'aprBaseUrl');
  const aprKey = options.aprKey === undefined ? serviceKey : checkApiKey(options.aprKey, 'aprKey');
  const client = { name: DEXCARE_PACKAGE, version };
  return {
    avr: { ...http, client, baseUrl, headers: { ...http.headers, authorization: `dc-token ${serviceKey}` } },
    apr: { ...http, client, baseUrl: aprBaseUrl, headers: { ...http.headers, authorization: `dc-token ${aprKey}` } },
  };
}
