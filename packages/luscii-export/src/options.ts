import type { HttpClientOptions } from '@x/core';
import { checkApiKey, checkBaseUrl, resolveHttpClientOptions, type TransportOptions } from '@x/core/internal';

// The package's version for the User-Agent: set from package.json at build by tsup's `define`
// (tsup.shared.ts) and in tests by vitest's (vitest.workspace.ts). The ESM build keeps one file
// per module, so a JSON import would stay a runtime import that Node 20 refuses without `with`.
declare const __X_PACKAGE_VERSION__: string | undefined;
const version = typeof __X_PACKAGE_VERSION__ === 'string' ? __X_PACKAGE_VERSION__ : '0.0.0-source';

/**
 * Options of {@link LusciiClient}: the key, the host, and the HTTP options every `@x` client
 * takes (`timeoutMs`, `deadlineMs`, `maxRetries`, `maxJsonBytes`, `fetch`, `headers`, `backoff`,
 * `logger`, `logLevel`). An export only reads, so its `POST` is retried like a `GET`.
 *
 * @example
 * ```ts
 * new LusciiClient({ apiKey: process.env.LUSCII_API_KEY!, timeoutMs: 60_000, maxRetries: 4 });
 * ```
 */
export interface LusciiClientOptions extends HttpClientOptions {
  /** Your organisation's Export API key, sent as `Authorization: Bearer <apiKey>`. Kept private. */
  apiKey: string;
  /**
   * The API's base URL.
   * @default 'https://api.luscii.com'
   */
  baseUrl?: string | undefined;
}

/** The package as the `User-Agent` and log lines name it. */
export const LUSCII_PACKAGE = 'x-luscii-export';

/** Where the Luscii Export API lives. */
export const LUSCII_BASE_URL = 'https://api.luscii.com';

/**
 * Checks the client options and turns them into the transport's, with the auth header. Throws
 * an `InvalidParamsError` naming the option (the transport checks its own); no message quotes
 * the key or the URL.
 */
export function transportOptions(options: LusciiClientOptions): TransportOptions {
  const http = resolveHttpClientOptions(options);
  return {
    ...http,
    baseUrl: checkBaseUrl(options.baseUrl ?? LUSCII_BASE_URL, 'baseUrl'),
    headers: { ...http.headers, authorization: `Bearer ${checkApiKey(options.apiKey, 'apiKey')}` },
    client: { name: LUSCII_PACKAGE, version },
  };
}
