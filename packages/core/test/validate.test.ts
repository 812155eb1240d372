import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { DataValidationError, values } from '@x/core';
import { parseOrThrow, parseRow } from '@x/core/internal';

const Row = z.looseObject({ id: values.string(), count: values.number(), at: values.localDateTime().nullable() });

describe('parseRow', () => {
  test('returns the typed row', () => {
    expect(parseRow(Row, { id: 'a', count: '3', at: null, extra: 1 }, { source: 'r' })).toEqual({ id: 'a', count: 3, at: null, extra: 1 });
  });

  test('throws a DataValidationError at the location, naming the field but not the value', () => {
    const error = (() => {
      try {
        parseRow(Row, { id: 'a', count: 'Jane', at: null }, { source: 'patients', page: 2, index: 4 });
      } catch (caught) {
        return caught as DataValidationError;
      }
      throw new Error('expected a throw');
    })();
    expect(error).toBeInstanceOf(DataValidationError);
    expect(error).toMatchObject({ source: 'patients', page: 2, index: 4, field: 'count' });
    expect(error.message).not.toContain('Jane');
    expect(error.value).toBe('Jane');
  });

  test('in lenient mode reports and returns the row, bad fields as sent', () => {
    const reported: DataValidationError[] = [];
    const row = parseRow(Row, { id: 'a', count: 'x', at: '2024-05-02 14:46:11' }, { source: 'r' }, (error) => reported.push(error));
    expect(row).toEqual({ id: 'a', count: 'x', at: '2024-05-02 14:46:11' });
    expect(reported.map((error) => error.field)).toEqual(['count']);
  });

  test('parseOrThrow names nested paths', () => {
    const Page = z.object({ meta: z.object({ perPage: z.number() }) });
    expect(() => parseOrThrow(Page, { meta: { perPage: 'fifty' } }, { source: 'patients', page: 1 })).toThrow(
      'Invalid patients page 1, field "meta.perPage"',
    );
  });
});
