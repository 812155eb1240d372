import { describe, expect, test } from 'vitest';
import type { z } from 'zod';
import { values } from '@x/core';

const ok = (schema: z.ZodType, input: unknown) => schema.parse(input);
const message = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a failure');
  return result.error.issues[0]!.message;
};

describe('values', () => {
  test('number: numbers and numeric strings', () => {
    expect(ok(values.number(), '246')).toBe(246);
    expect(ok(values.number(), 0)).toBe(0);
    expect(ok(values.number(), '-1.5e3')).toBe(-1500);
    expect(ok(values.number(), '.5')).toBe(0.5);
    for (const bad of ['', ' 1', '1,5', '120/80', 'NaN', 'Infinity', null, true]) {
      expect(message(values.number(), bad)).toBe('expected a number');
    }
  });

  test('integer refuses fractions', () => {
    expect(ok(values.integer(), '7')).toBe(7);
    expect(ok(values.integer(), '-3')).toBe(-3);
    expect(message(values.integer(), '7.5')).toBe('expected an integer (digits only, at most 2^53 - 1 either way)');
  });

  test('integer: an exponent (1e3) or a trailing .0 is not how an int64 column is written', () => {
    for (const bad of ['1e3', '1E3', '7.0', '0x10', ' 7', '']) expect(() => ok(values.integer(), bad)).toThrow();
  });

  test('integer: beyond 2^53 is refused, never silently rounded (an int64 id of 9007199254740993)', () => {
    expect(ok(values.integer(), '9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(ok(values.integer(), '-9007199254740991')).toBe(-Number.MAX_SAFE_INTEGER);
    for (const bad of ['9007199254740993', '9007199254740992', '-9007199254740993', 2 ** 53, 1e21]) {
      expect(message(values.integer(), bad)).toMatch(/2\^53 - 1/);
    }
  });

  test('count: an integer of at least 0; a negative count is meaningless and refused', () => {
    expect(ok(values.count(), '0')).toBe(0);
    expect(ok(values.count(), 12)).toBe(12);
    for (const bad of ['-1', -1, '-0.5', '1e3']) expect(message(values.count(), bad)).toBe('expected a count (digits only, from 0 to 2^53 - 1)');
  });

  test('boolean: true/false in any case, nothing else', () => {
    expect(ok(values.boolean(), 'true')).toBe(true);
    expect(ok(values.boolean(), 'FALSE')).toBe(false);
    expect(ok(values.boolean(), false)).toBe(false);
    for (const bad of ['yes', '1', '', 1]) expect(message(values.boolean(), bad)).toBe('expected true or false');
  });

  test('timestamp: RFC 3339 with 0 to 9 fractional digits and any offset', () => {
    const cases: [string, string][] = [
      ['2006-01-02T15:04:05Z', '2006-01-02T15:04:05.000Z'],
      ['2006-01-02T15:04:05.9Z', '2006-01-02T15:04:05.900Z'],
      ['2006-01-02T15:04:05.999999999-07:00', '2006-01-02T22:04:05.999Z'],
      ['2022-04-13T15:00:00+0000', '2022-04-13T15:00:00.000Z'],
      ['2024-02-29T23:59:59.5+05:30', '2024-02-29T18:29:59.500Z'],
    ];
    for (const [input, iso] of cases) expect((ok(values.timestamp(), input) as Date).toISOString()).toBe(iso);
    for (const bad of ['2024-05-02 14:46:11', '2024-05-02T14:46:11', '2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-05-02T25:00:00Z', '']) {
      expect(message(values.timestamp(), bad)).toBe('expected an RFC 3339 timestamp with an offset');
    }
  });

  test('leap days follow the Gregorian rules in every year, 0000 to 0099 too', () => {
    for (const leap of ['0000-02-29', '0004-02-29', '0096-02-29', '2000-02-29', '2024-02-29']) expect(ok(values.date(), leap)).toBe(leap);
    for (const bad of ['0001-02-29', '0100-02-29', '1900-02-29', '2023-02-29', '0099-04-31']) expect(message(values.date(), bad)).toMatch(/^expected/);
    expect((ok(values.timestamp(), '0000-02-29T00:00:00Z') as Date).toISOString()).toBe('0000-02-29T00:00:00.000Z');
  });

  test('date and local date-time are validated and stay strings', () => {
    expect(ok(values.date(), '1986-03-27')).toBe('1986-03-27');
    expect(message(values.date(), '1986-02-30')).toBe('expected a date YYYY-MM-DD');
    expect(message(values.date(), '27/03/1986')).toBe('expected a date YYYY-MM-DD');
    expect(ok(values.localDateTime(), '2024-05-02 14:46:11')).toBe('2024-05-02 14:46:11');
    expect(message(values.localDateTime(), '2024-05-02T14:46:11Z')).toBe('expected a date-time YYYY-MM-DD HH:MM:SS');
  });

  test('openEnum passes a value the vendor adds later', () => {
    const kind = values.openEnum(['PATIENT', 'PROVIDER']);
    expect(ok(kind, 'PATIENT')).toBe('PATIENT');
    expect(ok(kind, 'ROBOT')).toBe('ROBOT');
    expect(kind.safeParse(3).success).toBe(false);
  });

  test('nullable helpers take null; without it, null is refused', () => {
    expect(ok(values.number().nullable(), null)).toBeNull();
    expect(values.timestamp().safeParse(null).success).toBe(false);
  });

  test('each helper records its wire type for the docs', () => {
    expect(values.timestamp().meta()).toMatchObject({ wireType: 'timestamp' });
    expect(values.number().meta()).toMatchObject({ wireType: 'number' });
  });
});
