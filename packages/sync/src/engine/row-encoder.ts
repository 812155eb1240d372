import { createHash } from 'node:crypto';
import type { ColumnType, StagedRow, StagedValue } from '../destinations/destination.js';
import { SchemaMismatchError } from '../errors/sync-errors.js';
import { columnName } from '../sources/columns.js';
import type { SourceRow, SourceValue, StreamColumn } from '../sources/source.js';

/**
 * Turns a source's rows into staged rows for one table: each value as canonical text, plus
 * `_sync_row_hash`. A field the table does not have yet becomes a new column typed from its
 * value (reported through `onNewColumn`); a value that cannot mean what its column's type says
 * is a {@link SchemaMismatchError} naming table and column (never the value).
 *
 * The hash covers the sorted non-null `column=value` pairs, so a column added later (null in
 * older rows) leaves the hashes of older rows as they were.
 */
export class RowEncoder {
  readonly #table: string;
  readonly #columns: StreamColumn[];
  readonly #byWire = new Map<string, number>();

  constructor(table: string, columns: readonly StreamColumn[]) {
    this.#table = table;
    this.#columns = [...columns];
    this.#columns.forEach((column, index) => this.#byWire.set(column.wire, index));
  }

  /** The columns so far, in order. */
  get columns(): readonly StreamColumn[] {
    return this.#columns;
  }

  /** Column names of each encoded row, in order: data columns, then `_sync_row_hash`. */
  stagedColumns(): string[] {
    return [...this.#columns.map((column) => column.name), '_sync_row_hash'];
  }

  /**
   * Registers the fields of `rows` the table lacks; returns the new columns (empty when none).
   * Call before {@link encode} for each batch.
   */
  discover(rows: readonly SourceRow[]): StreamColumn[] {
    const added: StreamColumn[] = [];
    const names = new Set(this.#columns.map((column) => column.name));
    for (const row of rows) {
      for (const [wire, value] of Object.entries(row)) {
        if (this.#byWire.has(wire) || value === null || value === undefined) continue;
        let name = columnName(wire);
        // A column an earlier run added is known by its column name only: bind the field to it.
        const earlier = this.#columns.findIndex((column) => column.name === name && column.wire === column.name);
        if (earlier >= 0) {
          this.#byWire.set(wire, earlier);
          continue;
        }
        while (names.has(name)) name = `${name}_`;
        const column = { wire, name, type: inferType(value) };
        names.add(name);
        this.#byWire.set(wire, this.#columns.length);
        this.#columns.push(column);
        added.push(column);
      }
    }
    return added;
  }

  /** Encodes rows whose fields are all known (see {@link discover}). */
  encode(rows: readonly SourceRow[]): StagedRow[] {
    return rows.map((row) => this.#encodeRow(row));
  }

  #encodeRow(row: SourceRow): StagedRow {
    const out: StagedValue[] = new Array(this.#columns.length + 1).fill(null);
    const pairs: string[] = [];
    for (const [wire, value] of Object.entries(row)) {
      const index = this.#byWire.get(wire);
      if (index === undefined || value === null || value === undefined) continue;
      const column = this.#columns[index]!;
      const text = encodeValue(value, column.type);
      if (text === undefined) throw new SchemaMismatchError(this.#table, column.name, `a value no longer fits its type ${column.type}`);
      out[index] = text;
      pairs.push(`${column.name}=${String(text)}`);
    }
    pairs.sort();
    out[this.#columns.length] = createHash('sha256').update(pairs.join('\u0000')).digest('hex');
    return out;
  }
}

/** A value as canonical staged text for a column type, or `undefined` when it does not fit. */
export function encodeValue(value: Exclude<SourceValue, null | undefined>, type: ColumnType): StagedValue | undefined {
  switch (type) {
    case 'TEXT':
      return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'bigint' ? String(value) : undefined;
    case 'JSON':
      return typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : undefined;
    case 'BIGINT':
      return (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint' ? String(value) : undefined;
    case 'DOUBLE':
      return (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'bigint' ? String(value) : undefined;
    case 'BOOLEAN':
      return typeof value === 'boolean' ? value : undefined;
    case 'TIMESTAMPTZ':
      return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : undefined;
    case 'TIMESTAMP':
    case 'DATE':
      return typeof value === 'string' ? value : undefined;
  }
}

function inferType(value: Exclude<SourceValue, null | undefined>): ColumnType {
  if (value instanceof Date) return 'TIMESTAMPTZ';
  if (typeof value === 'boolean') return 'BOOLEAN';
  if (typeof value === 'number' || typeof value === 'bigint') return 'DOUBLE';
  if (typeof value === 'object') return 'JSON';
  return 'TEXT';
}
