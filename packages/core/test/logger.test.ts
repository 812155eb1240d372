import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { InvalidParamsError, type Logger } from '@x/core';
import { LOG_LEVEL_ENV, SdkLog } from '@x/core/internal';
import { BASE_URL, SECRET, testTransport, useMockServer } from './helpers/index.js';

const server = useMockServer();

/** A logger that keeps every line, as `[level, message, details]`. */
function capture() {
  const lines: [string, string, unknown][] = [];
  const logger: Logger = {
    debug: (message, details) => lines.push(['debug', message, details]),
    info: (message, details) => lines.push(['info', message, details]),
    warn: (message, details) => lines.push(['warn', message, details]),
    error: (message, details) => lines.push(['error', message, details]),
  };
  return { lines, logger };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('levels', () => {
  test('default is warn: debug and info lines are dropped', () => {
    vi.stubEnv(LOG_LEVEL_ENV, '');
    const { lines, logger } = capture();
    const log = new SdkLog({ logger }, 'x-test');
    log.debug('request sent');
    log.info('retry scheduled');
    log.warn('careful', { path: '/a' });
    expect(lines).toEqual([['warn', '[x-test] careful', { path: '/a' }]]);
  });

  test(`${LOG_LEVEL_ENV} sets the level when the client does not`, () => {
    vi.stubEnv(LOG_LEVEL_ENV, 'debug');
    const { lines, logger } = capture();
    new SdkLog({ logger }).debug('page read', { page: 1, rows: 50 });
    expect(lines).toEqual([['debug', '[x-sdk] page read', { page: 1, rows: 50 }]]);
    expect(new SdkLog({ logger, logLevel: 'error' }).level).toBe('error');
  });

  test(`an unknown ${LOG_LEVEL_ENV} is a warning, and warn is used`, () => {
    vi.stubEnv(LOG_LEVEL_ENV, 'verbose');
    const { lines, logger } = capture();
    expect(new SdkLog({ logger }).level).toBe('warn');
    expect(lines[0]?.[1]).toContain(`${LOG_LEVEL_ENV} is not a log level`);
  });

  test("'off' writes nothing, not even errors", () => {
    const { lines, logger } = capture();
    new SdkLog({ logger, logLevel: 'off' }).error('boom');
    expect(lines).toEqual([]);
  });

  test('a bad logger or level is refused at construction', () => {
    expect(() => new SdkLog({ logger: { debug() {} } as never })).toThrow(InvalidParamsError);
    expect(() => new SdkLog({ logLevel: 'verbose' as never })).toThrow(InvalidParamsError);
  });

  test('a logger that throws does not break the call', () => {
    const logger = { debug: () => { throw new Error('disk full'); }, info() {}, warn() {}, error() {} };
    expect(() => new SdkLog({ logger, logLevel: 'debug' }).debug('x')).not.toThrow();
  });
});

describe('what the transport logs', () => {
  test('request sent, response and retry scheduled, with method, path, attempt, status, request id and delay', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE_URL}/v1/things`, () =>
        ++calls === 1 ? HttpResponse.json({}, { status: 503 }) : HttpResponse.json({ ok: true }, { headers: { 'x-request-id': 'req_42' } }),
      ),
    );
    const { lines, logger } = capture();
    const transport = testTransport({ logger, logLevel: 'debug', headers: { authorization: `Bearer ${SECRET}`, 'x-proxy-token': 'proxy-secret-1' } });
    await transport.json({ method: 'POST', path: 'v1/things', query: { cursor: 'c-secret-cursor' }, headers: { 'x-trace': 'trace-value-9' } });
    const events = lines.map(([level, message]) => `${level} ${message}`);
    expect(events).toEqual([
      'debug [x-sdk] request sent',
      'debug [x-sdk] response',
      'info [x-sdk] retry scheduled',
      'debug [x-sdk] request sent',
      'debug [x-sdk] response',
    ]);
    expect(lines[0]![2]).toEqual({ method: 'POST', path: '/v1/things', attempt: 1 });
    expect(lines[2]![2]).toMatchObject({ method: 'POST', path: '/v1/things', reason: 'status 503', retry: 1, delayMs: expect.any(Number) });
    expect(lines[4]![2]).toMatchObject({ status: 200, requestId: 'req_42', durationMs: expect.any(Number) });
    const printed = JSON.stringify(lines);
    for (const secret of [SECRET, 'proxy-secret-1', 'trace-value-9', 'c-secret-cursor', '?']) expect(printed).not.toContain(secret);
  });
});
