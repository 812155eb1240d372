import { describe, expect, test } from 'vitest';
import * as z from 'zod';
import { extraFields, values } from '@x/core';
import { csvRows } from '@x/core/internal';
import { chunksOf, collect } from './helpers/index.js';

const Visit = z.looseObject({ visit_id: values.string(), minutes: values.integer().nullable() });

describe('extraFields', () => {
  test('a column the vendor added later is read from a typed row, and the known ones are not repeated', async () => {
    const csv = 'visit_id,priority,minutes,channel\nv1,high,12,video\n';
    const [row] = await collect(csvRows(chunksOf(csv, 5), { source: 'visits', schema: Visit }));
    expect(row).toMatchObject({ visit_id: 'v1', minutes: 12 });
    expect(extraFields(row!, Visit)).toEqual({ priority: 'high', channel: 'video' });
  });

  test('a new JSON field named __proto__ or constructor stays a field, and no prototype is touched', () => {
    // JSON.parse keeps "__proto__" as an own field, as a record from an API arrives.
    const row = JSON.parse('{"visit_id":"v1","minutes":3,"__proto__":{"polluted":true},"constructor":"ctor"}') as object;
    const extra = extraFields(row, Visit);
    expect(Object.keys(extra).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(extra)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(extra, '__proto__')?.value).toEqual({ polluted: true });
    expect((extra as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('a row without new fields gives an empty object, and the row is not changed', () => {
    const row = { visit_id: 'v1', minutes: null };
    expect(extraFields(row, Visit)).toEqual({});
    expect(row).toEqual({ visit_id: 'v1', minutes: null });
  });
});
