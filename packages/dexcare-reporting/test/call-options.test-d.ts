import { describe, expectTypeOf, test } from 'vitest';
import type { DexCareReportingClient, DexCareReportingClientOptions, LogLevel, Logger, ResponseMeta } from '../src/index.js';

declare const dex: DexCareReportingClient;
const id = '3b690e39-4659-40f9-9909-58b27c0a4383';
const call = { signal: AbortSignal.timeout(1_000), timeoutMs: 5_000, maxRetries: 0, headers: { 'x-trace-id': 't' } };

describe('per-call options', () => {
  test('every method that makes requests takes signal, timeoutMs, maxRetries and headers', () => {
    void dex.startAvrReport({ type: 'virtual' }, call);
    void dex.getAvrReportStatus(id, call);
    void dex.getAvrResultCsv(id, call);
    void dex.getAvrResultRows(id, call);
    void dex.providerHistories({ startDate: '2023-11-06', endDate: '2023-11-08', ...call });
    // For a wait, timeoutMs is the whole wait's limit; maxRetries and headers go with each status request.
    void dex.waitForAvrReport(id, call);
    void dex.runAvrReport({ type: 'virtual' }, call);
    // @ts-expect-error timeoutMs is a number of milliseconds
    void dex.getAvrReportStatus(id, { timeoutMs: '5s' });
    // @ts-expect-error header values are strings
    void dex.getAvrResultCsv(id, { headers: { 'x-retry': 1 } });
    // @ts-expect-error maxRetries is a number
    void dex.providerHistories({ startDate: '2023-11-06', endDate: '2023-11-08', maxRetries: 'none' });
  });

  test('results and pages carry the response metadata', () => {
    expectTypeOf(dex.startAvrReport({ type: 'virtual' })).resolves.toHaveProperty('response').toEqualTypeOf<ResponseMeta>();
    expectTypeOf(dex.getAvrReportStatus(id)).resolves.toHaveProperty('response').toEqualTypeOf<ResponseMeta>();
    expectTypeOf(dex.waitForAvrReport(id)).resolves.toHaveProperty('response').toEqualTypeOf<ResponseMeta>();
    expectTypeOf(dex.providerHistories({ startDate: '2023-11-06', endDate: '2023-11-08' }).pages()).toExtend<
      AsyncIterable<{ readonly response: ResponseMeta }>
    >();
  });
});

describe('client options', () => {
  test('take a logger, a log level and extra headers', () => {
    expectTypeOf<DexCareReportingClientOptions['logger']>().toEqualTypeOf<Logger | undefined>();
    expectTypeOf<DexCareReportingClientOptions['logLevel']>().toEqualTypeOf<LogLevel | undefined>();
    expectTypeOf<DexCareReportingClientOptions['headers']>().toEqualTypeOf<Record<string, string> | undefined>();
  });
});
