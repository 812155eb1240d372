import * as z from 'zod';

/**
 * Data-reference rows from a zod object model, for generated docs that cannot drift from the
 * code. Schema-generic: any `z.object` whose fields use core's `values.*` helpers (they carry
 * `wireType` metadata) and `.describe()`. Reads these metadata keys, outermost first:
 * `description`, `wireType`, `values` (enums), `format` (what a text column is parsed into),
 * `documentSpelling` (how the vendor's document prints the name).
 */

/** One column of a model, as a data reference shows it. */
export interface ColumnReference {
  column: string;
  /** `timestamp`, `boolean`, `enum (A, B)`, `string → list of { type, value }`, ... */
  type: string;
  /** Whether the value can be `null` (an empty cell, a JSON `null`). */
  nullable: boolean;
  /** Whether the field can be left out of a record (JSON); the row then lacks it. */
  optional: boolean;
  description: string;
}

/** How {@link renderColumnTable} lays a table out. */
export interface ColumnTableOptions {
  /**
   * The heading of the name column.
   * @default 'column'
   */
  nameHeading?: string;
  /**
   * Replace the `nullable` column by `null / missing`, which also says whether the field can be
   * left out (`null`, `missing`, `null or missing` or `no`): for JSON records, where a field can
   * be absent as well as `null`.
   * @default false
   */
  showMissing?: boolean;
}

interface ColumnMeta {
  description?: string;
  wireType?: string;
  values?: string[];
  format?: string;
  documentSpelling?: string;
}

/**
 * The columns of a zod object model, in its key order.
 *
 * @example
 * ```ts
 * columnReference(z.object({ at: values.timestamp().nullable().describe('When.') }));
 * // [{ column: 'at', type: 'timestamp → Date', nullable: true, optional: false, description: 'When.' }]
 * ```
 */
export function columnReference(schema: z.ZodObject): ColumnReference[] {
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([column, field]) => {
    const meta = collectMeta(field);
    const parsedNull = field.safeParse(null);
    const parsedMissing = field.safeParse(undefined);
    const spelling = meta.documentSpelling ? ` The document prints the name as \`${meta.documentSpelling}\`.` : '';
    return {
      column,
      type: describeType(meta, field),
      nullable: parsedNull.success && parsedNull.data === null,
      optional: parsedMissing.success && parsedMissing.data === undefined,
      description: (meta.description ?? '') + spelling,
    };
  });
}

/**
 * A markdown table of column references; pipes in text are escaped.
 *
 * @example
 * ```ts
 * renderColumnTable(columnReference(SpruceMessageRow));
 * renderColumnTable(columnReference(DexCareProviderHistoryRow), { nameHeading: 'field', showMissing: true });
 * ```
 */
export function renderColumnTable(columns: readonly ColumnReference[], options: ColumnTableOptions = {}): string {
  const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const presence = options.showMissing ? 'null / missing' : 'nullable';
  const lines = [`| ${options.nameHeading ?? 'column'} | type | ${presence} | description |`, '|---|---|---|---|'];
  for (const column of columns) {
    const present = options.showMissing ? presenceOf(column) : column.nullable ? 'yes' : 'no';
    lines.push(`| \`${column.column}\` | ${cell(column.type)} | ${present} | ${cell(column.description)} |`);
  }
  return lines.join('\n');
}

/**
 * The description of a model itself (its own `.describe()`), or `''`.
 *
 * @example
 * ```ts
 * modelDescription(SpruceMessageRow); // 'Messages exchanged in the period (incremental).'
 * ```
 */
export function modelDescription(schema: z.ZodType): string {
  return collectMeta(schema).description ?? '';
}

function presenceOf({ nullable, optional }: ColumnReference): string {
  if (nullable && optional) return 'null or missing';
  if (nullable) return 'null';
  return optional ? 'missing' : 'no';
}

const WIRE_TYPES: Record<string, string> = {
  timestamp: 'timestamp → `Date`',
  date: 'date `YYYY-MM-DD` (text)',
  'local-date-time': 'date-time `YYYY-MM-DD HH:MM:SS` (text)',
  boolean: 'boolean',
  integer: 'integer',
  number: 'number',
  string: 'string',
};

function describeType(meta: ColumnMeta, field: z.ZodType): string {
  let type: string;
  if (meta.wireType === 'enum') type = `enum (${(meta.values ?? []).join(', ')}; others pass)`;
  else if (meta.wireType !== undefined) type = WIRE_TYPES[meta.wireType] ?? meta.wireType;
  else type = unwrap(field)._zod.def.type;
  return meta.format ? `${type} → ${meta.format}` : type;
}

/** Metadata from the field and the schemas it wraps; an outer value wins. */
function collectMeta(field: z.ZodType): ColumnMeta {
  const meta: Record<string, unknown> = {};
  for (let schema: z.ZodType | undefined = field; schema; schema = inner(schema)) {
    for (const [key, value] of Object.entries(z.globalRegistry.get(schema) ?? {})) if (!(key in meta)) meta[key] = value;
  }
  return meta;
}

function inner(schema: z.ZodType): z.ZodType | undefined {
  const def = schema._zod.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
  if (def.type === 'pipe') return def.in;
  return def.innerType;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let next = inner(current); next; next = inner(current)) current = next;
  return current;
}
