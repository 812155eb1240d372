import { describe, expectTypeOf, it } from 'vitest';
import { LusciiClient, type LogLevel, type Logger, type LusciiClientOptions, type ResponseMeta } from '../src/index.js';

const client = new LusciiClient({ apiKey: 'key' });
const range = { startDate: '2024-05-01', endDate: '2024-05-31' };

describe('per-call options', () => {
  it('every export takes signal, timeoutMs, maxRetries and headers, whatever its date rule', () => {
    const signal = AbortSignal.timeout(1_000);
    client.export('patients', { signal, timeoutMs: 5_000, maxRetries: 0, headers: { 'x-trace-id': 't' } });
    client.export('measurements', { ...range, timeoutMs: 5_000, maxRetries: 4 });
    client.export('alerts', { ...range, raw: true, headers: { 'x-trace-id': 't' } });
    // @ts-expect-error timeoutMs is a number of milliseconds
    client.export('patients', { timeoutMs: '5s' });
    // @ts-expect-error header values are strings
    client.export('patients', { headers: { 'x-retry': 1 } });
    // @ts-expect-error per-call options do not lift the date rule
    client.export('measurements', { maxRetries: 0 });
  });

  it('pages carry the response metadata', () => {
    expectTypeOf(client.export('patients').pages()).toExtend<AsyncIterable<{ readonly response: ResponseMeta }>>();
    expectTypeOf<ResponseMeta>().toEqualTypeOf<{ readonly status: number; readonly requestId: string | undefined }>();
  });
});

describe('client options', () => {
  it('take a logger, a log level and extra headers', () => {
    expectTypeOf<LusciiClientOptions['logger']>().toEqualTypeOf<Logger | undefined>();
    expectTypeOf<LusciiClientOptions['logLevel']>().toEqualTypeOf<LogLevel | undefined>();
    expectTypeOf<LogLevel>().toEqualTypeOf<'off' | 'error' | 'warn' | 'info' | 'debug'>();
    new LusciiClient({ apiKey: 'key', logger: console, logLevel: 'debug', headers: { 'x-proxy-token': 't' } });
    // @ts-expect-error not a level
    new LusciiClient({ apiKey: 'key', logLevel: 'verbose' });
  });
});
