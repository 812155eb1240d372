import * as crypto from 'node:crypto';
import { byRowHashPair, type ColumnType, type StagedRow, type StagedValue } from '../destinations/destination.js';
import { SchemaMismatchError } from '../errors/sync-errors.js';
import { claimColumnName, columnName } from '../sources/columns.js';
import type { SourceRow, SourceValue, StreamColumn } from '../sources/source.js';

/** Options of {@link RowEncoder}. */
export interface RowEncoderOptions {
  /**
   * Whether each staged row carries `_sync_row_hash` (last). `false` for a destination that
   * computes the hash from the staged text itself (`Destination.hashesStagedRows`). @default true
   */
  readonly hashRows?: boolean;
}

/**
 * Turns a source's rows into staged rows for one table: each value as canonical text, plus
 * `_sync_row_hash` unless the destination computes it. A field the table does not have yet becomes a new column typed from its
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
  /** Columns an earlier run added that a field of this encoder is bound to. */
  readonly #rebound = new Set<number>();
  readonly #hashRows: boolean;

  constructor(table: string, columns: readonly StreamColumn[], options: RowEncoderOptions = {}) {
    this.#table = table;
    this.#hashRows = options.hashRows ?? true;
    this.#columns = [...columns];
    this.#columns.forEach((column, index) => this.#byWire.set(column.wire, index));
  }

  /** The columns so far, in order. */
  get columns(): readonly StreamColumn[] {
    return this.#columns;
  }

  /** Column names of each encoded row, in order: data columns, then `_sync_row_hash` (when hashed). */
  stagedColumns(): string[] {
    const names = this.#columns.map((column) => column.name);
    return this.#hashRows ? [...names, '_sync_row_hash'] : names;
  }

  /**
   * Registers the fields of `rows` the table lacks; returns the new columns (empty when none).
   * Call before {@link encode} for each batch.
   */
  discover(rows: readonly SourceRow[]): StreamColumn[] {
    const added: StreamColumn[] = [];
    const names = new Set(this.#columns.map((column) => column.name));
    for (const row of rows) {
      // for…in, not Object.entries: no array per row, and a known field is one Map lookup.
      for (const wire in row) {
        if (this.#byWire.has(wire)) continue;
        const value = row[wire];
        if (value === null || value === undefined) continue;
        const name = columnName(wire);
        const earlier = this.#earlierColumn(name);
        if (earlier >= 0) {
          this.#byWire.set(wire, earlier);
          this.#rebound.add(earlier);
          continue;
        }
        const column = { wire, name: claimColumnName(name, names), type: inferType(value) };
        this.#byWire.set(wire, this.#columns.length);
        this.#columns.push(column);
        added.push(column);
      }
    }
    return added;
  }

  /**
   * The column an earlier run added for a field of column name `name`, or -1. Such a column is
   * known by its name only; a second field of the same name (two names cut to the same 63
   * characters) takes the next name claimed for it (`name_`), as in the run that added them.
   */
  #earlierColumn(name: string): number {
    const claimed = new Set<string>();
    for (;;) {
      const candidate = claimColumnName(name, claimed);
      const index = this.#columns.findIndex((column) => column.name === candidate && column.wire === column.name);
      if (index < 0 || !this.#rebound.has(index)) return index;
    }
  }

  /** Encodes rows whose fields are all known (see {@link discover}). */
  encode(rows: readonly SourceRow[]): StagedRow[] {
    const plan = this.#plan();
    const width = this.#columns.length;
    const out: StagedRow[] = new Array(rows.length);
    for (let r = 0; r < rows.length; r++) out[r] = this.#encodeRow(rows[r]!, plan, width);
    return out;
  }

  /**
   * Each field bound once per batch: its column, its encoder (chosen by type, not per value) and
   * its `column=` prefix, in the order of the hash's pairs ({@link byRowHashPair}: column names
   * never contain `=`, so a value cannot reorder pairs).
   */
  #plan(): Binding[] {
    const bindings: Binding[] = [];
    for (const [wire, index] of this.#byWire) {
      const column = this.#columns[index]!;
      bindings.push({ wire, index, column: column.name, type: column.type, encode: ENCODERS[column.type], prefix: `${column.name}=` });
    }
    return bindings.sort((a, b) => byRowHashPair(a.column, b.column));
  }

  #encodeRow(row: SourceRow, plan: readonly Binding[], width: number): StagedRow {
    const hashRows = this.#hashRows;
    const out: StagedValue[] = new Array<StagedValue>(hashRows ? width + 1 : width).fill(null);
    let hashed = '';
    for (const binding of plan) {
      const value = row[binding.wire];
      if (value === null || value === undefined) continue;
      const text = binding.encode(value);
      if (text === undefined) throw new SchemaMismatchError(this.#table, binding.column, `a value no longer fits its type ${binding.type}`);
      out[binding.index] = text;
      if (hashRows) hashed = hashed === '' ? binding.prefix + String(text) : `${hashed}\u0000${binding.prefix}${String(text)}`;
    }
    if (hashRows) out[width] = sha256Hex(hashed);
    return out;
  }
}

/** A field of the source rows bound to its column for one batch. */
interface Binding {
  readonly wire: string;
  readonly index: number;
  readonly column: string;
  readonly type: ColumnType;
  readonly encode: (value: Exclude<SourceValue, null | undefined>) => StagedValue | undefined;
  readonly prefix: string;
}

/** Node's one-shot `crypto.hash` (20.12+, 21.7+) where there is one: no Hash object per row. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
const sha256Hex: (text: string) => string = oneShot ? (text) => oneShot('sha256', text, 'hex') : (text) => crypto.createHash('sha256').update(text).digest('hex');

type Encoder = (value: Exclude<SourceValue, null | undefined>) => StagedValue | undefined;

/**
 * Text without NUL characters: PostgreSQL stores none in `TEXT` (COPY fails, SQLSTATE 22021), so
 * a NUL becomes U+FFFD on every destination, and both hold (and hash) the same value.
 */
function withoutNul(text: string): string {
  // Most values hold no NUL: no scan-and-copy of replaceAll for them.
  return text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;
}

/**
 * JSON text without the escape `\u0000`, which PostgreSQL's JSONB refuses (SQLSTATE 22P05): it
 * becomes `\ufffd`, as {@link withoutNul} does in text. An escaped backslash (`\\`) is consumed
 * whole, so the text `\u0000` (a backslash, then `u0000`) is left as it is.
 */
function jsonWithoutNul(json: string): string {
  return json.includes('\\u0000') ? json.replace(/\\(\\|u0000)/g, (escape, next: string) => (next === '\\' ? escape : '\\ufffd')) : json;
}

/** A value as canonical staged text for each column type, or `undefined` when it does not fit. */
const ENCODERS: Record<ColumnType, Encoder> = {
  TEXT: (value) => (typeof value === 'string' ? withoutNul(value) : typeof value === 'number' || typeof value === 'bigint' ? String(value) : undefined),
  JSON: (value) => (typeof value === 'string' || (typeof value === 'object' && !(value instanceof Date)) ? jsonWithoutNul(JSON.stringify(value)) : undefined),
  BIGINT: (value) => ((typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint' ? String(value) : undefined),
  DOUBLE: (value) => ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'bigint' ? String(value) : undefined),
  BOOLEAN: (value) => (typeof value === 'boolean' ? value : undefined),
  TIMESTAMPTZ: (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : undefined),
  TIMESTAMP: (value) => (typeof value === 'string' ? value : undefined),
  DATE: (value) => (typeof value === 'string' ? value : undefined),
};

function inferType(value: Exclude<SourceValue, null | undefined>): ColumnType {
  if (value instanceof Date) return 'TIMESTAMPTZ';
  if (typeof value === 'boolean') return 'BOOLEAN';
  if (typeof value === 'number' || typeof value === 'bigint') return 'DOUBLE';
  if (typeof value === 'object') return 'JSON';
  return 'TEXT';
}
