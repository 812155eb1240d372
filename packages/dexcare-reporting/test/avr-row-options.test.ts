import { describe, expect, test } from 'vitest';
import { InvalidParamsError } from '../src/index.js';
import { caught, fakeDexCare, FAST_WAIT, useMockServer } from './helpers/index.js';

const server = useMockServer();
const REPORT_ID = '3b690e39-4659-40f9-9909-58b27c0a4383';

/** Row options that csv-parse or the row reader would only trip over once the download is under way. */
const BAD_ROW_OPTIONS = [
  ['a negative maxRecordSize', { maxRecordSize: -1 }, 'maxRecordSize'],
  ['a maxRecordSize of 0 (csv-parse would lift the limit)', { maxRecordSize: 0 }, 'maxRecordSize'],
  ['a fractional maxRecordSize', { maxRecordSize: 1.5 }, 'maxRecordSize'],
  ['an infinite maxRecordSize', { maxRecordSize: Number.POSITIVE_INFINITY }, 'maxRecordSize'],
  ['a maxRecordSize given as text', { maxRecordSize: '1mb' }, 'maxRecordSize'],
  ['an onInvalidRow that is not a function', { onInvalidRow: 'log' }, 'onInvalidRow'],
  ['a normalizeHeader that is not a function', { normalizeHeader: 'lower' }, 'normalizeHeader'],
] as const;

describe('AVR row options', () => {
  test.each(BAD_ROW_OPTIONS)('getAvrResultRows refuses %s at the call, before any request', (_, options, param) => {
    const { dex, mock } = fakeDexCare(server);
    let error: unknown;
    try {
      dex.getAvrResultRows(REPORT_ID, options as never);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(InvalidParamsError);
    expect((error as InvalidParamsError).param).toBe(param);
    expect(mock.requests).toHaveLength(0);
  });

  test.each(BAD_ROW_OPTIONS)('runAvrReport refuses %s at the call, before a report is started', async (_, options, param) => {
    const { dex, mock } = fakeDexCare(server);
    const error = await caught(
      (async () => {
        for await (const _row of dex.runAvrReport({ type: 'virtual' }, { ...FAST_WAIT, ...(options as object) })) break;
      })(),
    );
    expect(error).toBeInstanceOf(InvalidParamsError);
    expect((error as InvalidParamsError).param).toBe(param);
    expect(mock.reports.size).toBe(0);
  });

  test('a positive whole maxRecordSize is taken', () => {
    const { dex } = fakeDexCare(server);
    expect(() => dex.getAvrResultRows(REPORT_ID, { maxRecordSize: 4_096 })).not.toThrow();
    expect(() => dex.runAvrReport({ type: 'virtual' }, { maxRecordSize: 4_096 })).not.toThrow();
  });
});
