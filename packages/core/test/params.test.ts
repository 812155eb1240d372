import { describe, expect, test } from 'vitest';
import { InvalidParamsError } from '@x/core';
import { calendarDate, checkApiKey, checkBaseUrl, checkRange, instant, Transport } from '@x/core/internal';

describe('params', () => {
  test('calendarDate takes YYYY-MM-DD or a Date (its UTC calendar date)', () => {
    expect(calendarDate('2024-05-01', 'startDate')).toBe('2024-05-01');
    expect(calendarDate(new Date('2024-05-01T23:30:00-02:00'), 'startDate')).toBe('2024-05-02');
    for (const bad of ['2024-5-1', '2024-02-30', '01/05/2024', new Date('nope')]) {
      expect(() => calendarDate(bad, 'startDate')).toThrow(InvalidParamsError);
    }
  });

  test('instant takes Dates, ISO date-times with an offset, and plain dates', () => {
    expect(instant('2022-04-13T15:00:00+0000', 'startDate').toISOString()).toBe('2022-04-13T15:00:00.000Z');
    expect(instant('2023-10-12', 'startDate').toISOString()).toBe('2023-10-12T00:00:00.000Z');
    expect(() => instant('2023-10-12 07:00', 'startDate')).toThrow(InvalidParamsError);
  });

  test('checkRange refuses a start after the end and names the parameter', () => {
    expect(() => checkRange('2024-05-01', '2024-05-01')).not.toThrow();
    try {
      checkRange('2024-05-02', '2024-05-01');
      throw new Error('expected a throw');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidParamsError);
      expect((error as InvalidParamsError).param).toBe('startDate');
    }
    expect(() => checkRange(new Date(2), new Date(1))).toThrow(InvalidParamsError);
  });
});

describe('client options', () => {
  test('checkApiKey refuses empty keys and keys that cannot be a header, without quoting them', () => {
    expect(checkApiKey('sk_live_1', 'apiKey')).toBe('sk_live_1');
    for (const bad of ['', '  ', 'has space', 'line\nbreak', 'ünïcode', 42]) {
      try {
        checkApiKey(bad, 'apiKey');
        throw new Error('expected a throw');
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidParamsError);
        expect((error as InvalidParamsError).param).toBe('apiKey');
        if (typeof bad === 'string' && bad.trim() !== '') expect((error as Error).message).not.toContain(bad);
      }
    }
  });

  test('checkBaseUrl takes absolute http(s) URLs without credentials, query or fragment', () => {
    expect(checkBaseUrl('https://api.example.com/v2/', 'baseUrl')).toBe('https://api.example.com/v2');
    for (const bad of ['api.example.com', 'ftp://x.example', 'https://user:pw@x.example', 'https://x.example?key=1', 'https://x.example#a', undefined]) {
      expect(() => checkBaseUrl(bad, 'aprBaseUrl')).toThrow(InvalidParamsError);
    }
    expect(() => checkBaseUrl('https://user:secretpw@x.example', 'baseUrl')).not.toThrow(/secretpw/);
  });

  test('a Transport refuses malformed timeoutMs, maxRetries, maxJsonBytes and fetch', () => {
    const base = { baseUrl: 'https://x.example' };
    const bad = [['timeoutMs', 0], ['timeoutMs', Number.NaN], ['maxRetries', -1], ['maxRetries', 1.5], ['maxJsonBytes', 0], ['maxJsonBytes', '1mb'], ['fetch', 'fetch']] as const;
    for (const [param, value] of bad) {
      expect(() => new Transport({ ...base, [param]: value })).toThrow(expect.objectContaining({ param }));
    }
  });

  test('a Transport refuses a timeoutMs or deadlineMs of 30 days (above 2^31 − 1 ms, which setTimeout and ky cannot wait), in the one wording', () => {
    const thirtyDays = 30 * 24 * 60 * 60 * 1_000;
    for (const param of ['timeoutMs', 'deadlineMs'] as const) {
      expect(() => new Transport({ baseUrl: 'https://x.example', [param]: thirtyDays })).toThrow(
        expect.objectContaining({ name: 'InvalidParamsError', param, message: `${param} must be a number of milliseconds above 0 and at most 2147483647 (about 24.8 days)` }),
      );
    }
    expect(new Transport({ baseUrl: 'https://x.example', timeoutMs: 2 ** 31 - 1, deadlineMs: 2 ** 31 - 1 }).deadlineMs).toBe(2 ** 31 - 1);
  });

  test('a Transport refuses backoff delays that are not 0 to 2^31 − 1 ms (NaN, negative, 30 days, Infinity)', () => {
    const bad = [Number.NaN, -1, 30 * 24 * 60 * 60 * 1_000, Number.POSITIVE_INFINITY, '500'];
    for (const name of ['initialDelayMs', 'maxDelayMs', 'maxRetryAfterMs'] as const) {
      for (const value of bad) {
        expect(() => new Transport({ baseUrl: 'https://x.example', backoff: { [name]: value } }), `${name} ${value}`).toThrow(
          expect.objectContaining({ name: 'InvalidParamsError', param: `backoff.${name}` }),
        );
      }
      expect(() => new Transport({ baseUrl: 'https://x.example', backoff: { [name]: 0 } })).not.toThrow();
    }
  });
});
