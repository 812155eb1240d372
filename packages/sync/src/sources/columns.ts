import { z } from 'zod';
import type { ColumnType } from '../destinations/destination.js';
import type { StreamColumn } from './source.js';

/**
 * Column specs from the clients' zod models: the `wireType` metadata core's `values.*` helpers
 * carry decides the type (instants `TIMESTAMPTZ`, date-times without an offset `TIMESTAMP`, plain
 * dates `DATE`, integers `BIGINT`, decimals `DOUBLE`), and a text column parsed into a structure
 * (`format` metadata, e.g. Spruce's `destinations`) or an object field is `JSON`.
 */

const WIRE_TYPES: Record<string, ColumnType> = {
  timestamp: 'TIMESTAMPTZ',
  'local-date-time': 'TIMESTAMP',
  date: 'DATE',
  integer: 'BIGINT',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
  string: 'TEXT',
  enum: 'TEXT',
};

/**
 * The longest column name: PostgreSQL's identifiers are at most 63 bytes (it cuts a longer one
 * silently), and a name is ASCII once snake-cased. Both destinations keep to it, so a table has
 * the same columns on either.
 */
const MAX_NAME_LENGTH = 63;

/**
 * A wire name as a column name: lower snake_case (`Patient_UUID` → `patient_uuid`,
 * `providerId` → `provider_id`), cut to 63 characters.
 *
 * @example
 * ```ts
 * columnName('Measurement_Date'); // 'measurement_date'
 * ```
 */
export function columnName(wire: string): string {
  const snake = wire
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
  const name = snake === '' ? 'column' : snake;
  return (/^[0-9]/.test(name) ? `c_${name}` : name).slice(0, MAX_NAME_LENGTH);
}

/**
 * `name`, or with `_` appended until no column of `taken` has it (then added to `taken`): two
 * fields of one name once snake-cased (`Visit ID`, `visit_id`) become two columns. A name at the
 * 63-character limit ends in the `_`s instead, cut to make room for them.
 *
 * @example
 * ```ts
 * const taken = new Set(['visit_id']);
 * claimColumnName('visit_id', taken); // 'visit_id_'
 * ```
 */
export function claimColumnName(name: string, taken: Set<string>): string {
  let free = name;
  for (let suffix = '_'; taken.has(free); suffix += '_') free = name.slice(0, MAX_NAME_LENGTH - suffix.length) + suffix;
  taken.add(free);
  return free;
}

/**
 * The columns of a zod object model, in its key order.
 *
 * @example
 * ```ts
 * modelColumns(LusciiMeasurementRow); // [{ wire: 'Patient_UUID', name: 'patient_uuid', type: 'TEXT' }, ...]
 * ```
 */
export function modelColumns(model: z.ZodObject): StreamColumn[] {
  return Object.entries(model.shape as Record<string, z.ZodType>).map(([wire, field]) => ({ wire, name: columnName(wire), type: fieldType(field) }));
}

function fieldType(field: z.ZodType): ColumnType {
  let wireType: string | undefined;
  let format: unknown;
  let structural: ColumnType | undefined;
  for (let schema: z.ZodType | undefined = field; schema; schema = inner(schema)) {
    const meta = z.globalRegistry.get(schema) ?? {};
    wireType ??= typeof meta.wireType === 'string' ? meta.wireType : undefined;
    format ??= meta.format;
    const kind = schema._zod.def.type;
    if (kind === 'object' || kind === 'array' || kind === 'record' || kind === 'tuple') structural ??= 'JSON';
    if (kind === 'boolean') structural ??= 'BOOLEAN';
    if (kind === 'date') structural ??= 'TIMESTAMPTZ';
    if (kind === 'number') structural ??= 'DOUBLE';
  }
  if (format !== undefined) return 'JSON';
  if (wireType !== undefined) return WIRE_TYPES[wireType] ?? 'TEXT';
  return structural ?? 'TEXT';
}

function inner(schema: z.ZodType): z.ZodType | undefined {
  const def = schema._zod.def as { type: string; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType };
  if (def.type === 'pipe') return def.in?._zod.def.type === 'transform' ? def.out : def.in;
  return def.innerType;
}
