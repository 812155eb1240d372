import fc from 'fast-check';
import { z } from 'zod';
import { TABLE_COLUMNS, type TableName } from '../../src/index.js';
import { spruceCell } from '../../src/testing.js';

/**
 * fast-check arbitraries for the rows of each table, derived from the table models: a column's
 * `wireType` metadata picks the values, its nullability whether `null` is among them. Each
 * arbitrary gives what is written (`input`), what `exp.rows(table)` must give back (`typed`),
 * and what raw mode must give back (`raw`).
 */
export interface GeneratedRow {
  input: Record<string, unknown>;
  typed: Record<string, unknown>;
  raw: Record<string, string>;
}

/** The characters CSV, the zip writer and the value parsers are most likely to get wrong. */
const TRICKY = [',', '"', '""', '\n', '\r\n', '\r', ' ', '\t', '|', ':', '\\.', '\uFEFF', '\u00a0', '\u0000', 'é', '漢', '👋🏽', '👩‍⚕️', '🏳️‍🌈', 'null', 'true', '0', '-', '{', '}'];

/** Non-empty text: any grapheme, with the tricky pieces mixed in often. */
export const text = fc.string({
  unit: fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...TRICKY) }, { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) }),
  minLength: 1,
  maxLength: 24,
});

/** Instants a `Date` holds from year 1 (Go's zero time) to 9999, to the millisecond. */
const instant = fc.date({ min: new Date('0001-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });

/** Metadata of a column, from the field and the schemas it wraps (outer wins). */
function metaOf(field: z.ZodType): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  for (let schema: z.ZodType | undefined = field; schema; ) {
    for (const [key, value] of Object.entries(z.globalRegistry.get(schema) ?? {})) if (!(key in meta)) meta[key] = value;
    const def = schema._zod.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
    schema = def.type === 'pipe' ? def.in : def.innerType;
  }
  return meta;
}

interface Cell {
  input: unknown;
  typed: unknown;
}

const cell = (input: unknown, typed: unknown = input): Cell => ({ input, typed });

/** One column's values, typed as the model reads them back. */
function columnArbitrary(table: TableName, column: string, field: z.ZodType): fc.Arbitrary<Cell> {
  const meta = metaOf(field);
  const nullable = field.safeParse(null).success;
  let value: fc.Arbitrary<Cell>;
  if (table === 'messages' && column === 'destinations') {
    const destination = fc.record({
      // Types and values are trimmed when read: written without surrounding white space.
      type: text.filter((part) => !part.includes(':') && !part.includes('|') && part.trim() === part),
      value: text.filter((part) => !part.includes('|') && part.trim() === part),
    });
    // An empty list is written as an empty cell, which reads back as [].
    return fc.oneof(fc.array(destination, { maxLength: 3 }), fc.constant(null)).map((list) => cell(list, list ?? []));
  }
  switch (meta.wireType) {
    case 'timestamp':
      value = instant.map((date) => cell(date));
      break;
    case 'date':
      value = instant.map((date) => cell(date.toISOString().slice(0, 10)));
      break;
    case 'boolean':
      value = fc.boolean().map((flag) => cell(flag));
      break;
    case 'integer':
      // A count (`minimum: 0`) is never negative.
      value = fc
        .oneof(fc.integer(), fc.maxSafeInteger(), fc.constant(0))
        .map((n) => (meta.minimum === 0 ? Math.abs(n) : n))
        .map((n) => cell(n));
      break;
    case 'number':
      value = fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => cell(n, Number(String(n))));
      break;
    case 'enum':
      value = fc.oneof(fc.constantFrom(...(meta.values as string[])), text).map((name) => cell(name));
      break;
    default:
      value = text.map((part) => cell(part));
  }
  return nullable ? fc.oneof(value, fc.constant(cell(null))) : value;
}

/** `data` of a conversation event, by event: what is written and what it reads back as. */
function eventData(event: string): fc.Arbitrary<Cell> {
  const ids = fc.array(text, { maxLength: 3 });
  switch (event) {
    case 'ARCHIVE':
      return fc
        .record({ archive: fc.boolean(), unassign: fc.boolean(), implicit: fc.boolean() }, { requiredKeys: [] })
        .map((data) => cell(data, { archive: false, unassign: false, implicit: false, ...data }));
    case 'UPDATE_MEMBERS':
      return fc
        .record({ add_entity_ids: fc.oneof(ids, fc.constant(null)), remove_entity_ids: fc.oneof(ids, fc.constant(null)) }, { requiredKeys: [] })
        .map((data) => cell(data, { ...data, add_entity_ids: data.add_entity_ids ?? [], remove_entity_ids: data.remove_entity_ids ?? [] }));
    case 'UPDATE_ASSIGNMENT':
      return fc
        .record({ assign_entity_id: fc.oneof(text, fc.constant(''), fc.constant(null)) }, { requiredKeys: [] })
        .map((data) => cell(data, { ...data, assign_entity_id: data.assign_entity_id ? data.assign_entity_id : null }));
    default:
      // DELETE and events Spruce adds later: any JSON object, or nothing.
      return fc.oneof(
        fc.constant(cell(null)),
        fc.dictionary(text, fc.jsonValue({ maxDepth: 2 })).map((data) => cell(data, JSON.parse(JSON.stringify(data)) as unknown)),
      );
  }
}

/** A row of `table`, every column drawn from its model. */
export function rowArbitrary(table: TableName): fc.Arbitrary<GeneratedRow> {
  const shape = TABLE_COLUMNS[table].shape as Record<string, z.ZodType>;
  const columns = Object.keys(shape).filter((column) => !(table === 'conversation_events' && column === 'data'));
  const record = fc.tuple(...columns.map((column) => columnArbitrary(table, column, shape[column]!)));
  const withData =
    table === 'conversation_events'
      ? record.chain((cells) => {
          const event = cells[columns.indexOf('event')]!.input as string;
          return eventData(event).map((data): [Cell[], Cell] => [cells, data]);
        })
      : record.map((cells): [Cell[], Cell | undefined] => [cells, undefined]);
  return withData.map(([cells, data]) => {
    const entries = columns.map((column, i) => [column, cells[i]!] as const);
    if (data) entries.push(['data', data]);
    const input = Object.fromEntries(entries.map(([column, { input }]) => [column, input]));
    return {
      input,
      typed: Object.fromEntries(entries.map(([column, { typed }]) => [column, typed])),
      raw: Object.fromEntries(entries.map(([column, { input: value }]) => [column, spruceCell(value)])),
    };
  });
}
