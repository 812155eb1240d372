import { describe, expect, test } from 'vitest';
import { InvalidParamsError } from '../src/index.js';
import { caught, collect, fakeDexCare, FAST_WAIT, useMockServer } from './helpers/index.js';

const server = useMockServer();

describe('runAvrReport callbacks', () => {
  test.each([
    ['an onStarted that is not a function (the id it should save would be lost with the report running)', { onStarted: 'save' }, 'onStarted'],
    ['an onStatus that is not a function', { onStatus: 'log' }, 'onStatus'],
    ['a signal that is not an AbortSignal', { signal: { aborted: false } }, 'signal'],
  ] as const)('refuses %s at the call, before a report is started', async (_, options, param) => {
    const { dex, mock } = fakeDexCare(server);
    const error = await caught((async () => collect(dex.runAvrReport({ type: 'virtual' }, { ...FAST_WAIT, ...(options as object) })))());
    expect(error).toBeInstanceOf(InvalidParamsError);
    expect((error as InvalidParamsError).param).toBe(param);
    expect(mock.reports.size).toBe(0);
  });
});
