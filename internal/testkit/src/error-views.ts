import { inspect } from 'node:util';

/**
 * Every view of an error that a user or a log may print, down its cause chain: `message`,
 * `String(error)`, the stack, `JSON.stringify`, `util.inspect` (with and without hidden
 * properties), and the `body` and `headers` an API error keeps. Search it for what must not leak.
 *
 * @example
 * ```ts
 * expect(everyView(error)).not.toContain(SECRET_KEY);
 * ```
 */
export function everyView(error: unknown): string {
  const views: string[] = [inspect(error, { depth: 10 }), inspect(error, { depth: 10, showHidden: true })];
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    views.push(current.message, String(current), current.stack ?? '', JSON.stringify(current));
    const { body, headers } = current as { body?: unknown; headers?: unknown };
    views.push(JSON.stringify(body) ?? '', String(body), JSON.stringify(headers) ?? '');
  }
  return views.join('\n');
}
