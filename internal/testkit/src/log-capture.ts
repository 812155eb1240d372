import { inspect } from 'node:util';
import type { SetupServer } from 'msw/node';

/** A logger in the SDK's shape that keeps every call as `[level, message, ...details]`. */
export interface CapturedLog {
  lines: unknown[][];
  logger: Record<'debug' | 'info' | 'warn' | 'error', (...args: unknown[]) => void>;
  /** Every line as JSON and as `util.inspect` prints it: search it for what must not leak. */
  printed(): string;
}

/**
 * A logger that records every line, for tests that assert what is logged, and what is not.
 *
 * @example
 * ```ts
 * const log = captureLog();
 * const client = new LusciiClient({ apiKey, logger: log.logger, logLevel: 'debug' });
 * expect(log.printed()).not.toContain(apiKey);
 * ```
 */
export function captureLog(): CapturedLog {
  const lines: unknown[][] = [];
  const keep = (level: string) => (...args: unknown[]) => {
    lines.push([level, ...args]);
  };
  return {
    lines,
    logger: { debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') },
    printed: () => lines.map((line) => `${JSON.stringify(line)}\n${inspect(line, { depth: 10 })}`).join('\n'),
  };
}

/**
 * Every text value of the rows long enough (6 characters or more) to be told apart from a word
 * of a log line, each line of a multi-line value on its own: the patient values a log must not show.
 */
export function textCells(rows: Iterable<object>): Set<string> {
  const cells = new Set<string>();
  for (const row of rows) {
    for (const value of Object.values(row)) {
      if (typeof value !== 'string' || value.length < 6) continue;
      for (const line of value.split(/[\r\n]+/)) if (line.length >= 6) cells.add(line);
    }
  }
  return cells;
}

/** The headers of every request an msw server sees from now on (remove its listeners after the test). */
export function recordRequestHeaders(server: SetupServer): Headers[] {
  const seen: Headers[] = [];
  server.events.on('request:start', ({ request }) => seen.push(new Headers(request.headers)));
  return seen;
}
