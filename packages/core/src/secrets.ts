/**
 * The secrets a transport sends, and their removal from everything it keeps of a response.
 * Servers and proxies echo request headers into error bodies (framework debug pages,
 * misconfigured gateways): `500 Unknown error for Bearer <key>`. The transport knows every value
 * it sends, so it takes each out of a response's message, body, headers and causes before an
 * error is built from them.
 */

import { SdkError } from './errors.js';

/** What a removed secret reads as. */
export const REDACTED = '[redacted]';

/** Header names whose values are credentials: `authorization`, `x-api-key`, a proxy's token. */
export const SECRET_HEADER = /key|token|secret|password|passwd|signature|auth|credential|session|cookie/i;

const MAX_DEPTH = 32;

/**
 * The secret values of a set of request headers: each whole value, and the credential after
 * an auth scheme (`Bearer <key>` gives the value and `<key>`), each also as percent-encoded.
 *
 * @example
 * ```ts
 * const secrets = new Secrets(secretsOfHeaders({ authorization: `Bearer ${key}` }));
 * secrets.text(`Unknown error for Bearer ${key}`); // 'Unknown error for [redacted]'
 * ```
 */
export function secretsOfHeaders(headers: Record<string, string> | undefined): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!SECRET_HEADER.test(name) || value.trim() === '') continue;
    found.push(value.trim());
    const credential = value.trim().split(/\s+/).pop();
    if (credential !== undefined && credential !== value.trim()) found.push(credential);
  }
  return found;
}

/** A set of secret strings, and the means to remove them from text, values, headers and errors. */
export class Secrets {
  readonly #values: readonly string[];

  constructor(values: Iterable<string>) {
    const all = new Set<string>();
    for (const value of values) {
      if (value === '') continue;
      all.add(value);
      all.add(encodeURIComponent(value));
    }
    // Longest first, so `Bearer <key>` is replaced whole before `<key>` alone.
    this.#values = [...all].sort((a, b) => b.length - a.length);
  }

  /** These secrets and `more`. */
  with(more: Iterable<string>): Secrets {
    return new Secrets([...this.#values, ...more]);
  }

  /** The text with every secret replaced by `[redacted]`. */
  text(text: string): string {
    let result = text;
    for (const secret of this.#values) if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    return result;
  }

  /**
   * Text that was cut at a length limit: redacted, and without a trailing start of a secret
   * the cut left behind (`…Bearer sk_li`).
   */
  truncatedText(text: string): string {
    const result = this.text(text);
    for (const secret of this.#values) {
      for (let length = Math.min(secret.length - 1, result.length); length > 0; length--) {
        if (result.endsWith(secret.slice(0, length))) return result.slice(0, result.length - length);
      }
    }
    return result;
  }

  /** A copy of a parsed JSON value with secrets removed from every string, keys included. */
  value<T>(value: T): T {
    return redactValue(value, this, 0) as T;
  }

  /** Header values with secrets removed. */
  headers(headers: Record<string, string>): Record<string, string> {
    return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, this.text(value)]));
  }

  /**
   * An error safe to keep as a `cause`: an SDK error passes as it is (its message is built
   * without secrets); any other becomes a plain `Error` of the same name and code, its message
   * and causes redacted. Fetch errors quote an invalid header value; `JSON.parse` quotes text.
   */
  error(error: unknown, depth = 0): unknown {
    if (!(error instanceof Error) || depth > 4) return typeof error === 'string' ? this.text(error) : error;
    if (error instanceof SdkError) return error;
    const cause = error.cause === undefined ? undefined : this.error(error.cause, depth + 1);
    const copy = new Error(this.text(error.message), cause === undefined ? undefined : { cause });
    copy.name = error.name;
    copy.stack = this.text(error.stack ?? '');
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') Object.assign(copy, { code });
    return copy;
  }
}

function redactValue(value: unknown, secrets: Secrets, depth: number): unknown {
  if (typeof value === 'string') return secrets.text(value);
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [secrets.text(key), redactValue(item, secrets, depth + 1)]));
}
