/**
 * Keeping secrets out of what the SDK prints: URLs in errors, headers kept on errors, and the
 * way a client shows itself in `util.inspect` and `JSON.stringify`.
 */

const SECRET_NAME = /key|token|secret|password|passwd|signature|auth|credential|session/i;
const DROPPED_HEADERS = new Set(['set-cookie', 'set-cookie2', 'authorization', 'proxy-authorization', 'cookie']);

/** The URL without user info, and with secret-looking query parameters replaced by `[redacted]`. */
export function safeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '';
  }
  parsed.username = '';
  parsed.password = '';
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_NAME.test(name)) parsed.searchParams.set(name, '[redacted]');
  }
  return parsed.toString();
}

/** Response headers worth keeping on an error, without cookies or credentials. */
export function keptHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!DROPPED_HEADERS.has(name.toLowerCase())) kept[name.toLowerCase()] = value;
  });
  return kept;
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * Makes `util.inspect(client)` and `JSON.stringify(client)` show only `visible()`. Clients keep
 * their keys in `#private` fields too, so this is the second of two locks.
 *
 * @example
 * ```ts
 * class MyClient { constructor() { showOnly(this, () => ({ baseUrl: this.baseUrl })); } }
 * ```
 */
export function showOnly(target: object, visible: () => Record<string, unknown>): void {
  const name = target.constructor.name;
  Object.defineProperties(target, {
    toJSON: { value: visible, enumerable: false },
    [INSPECT]: {
      value: (_depth: number, options: unknown, inspect?: (value: unknown, options: unknown) => string) =>
        `${name} ${inspect ? inspect(visible(), options) : JSON.stringify(visible())}`,
      enumerable: false,
    },
  });
}
