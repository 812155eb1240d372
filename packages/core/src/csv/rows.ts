import type * as z from 'zod';
import type { KnownFields } from '../extra-fields.js';
import { isReadableStream, readStream, type ByteSource } from '../byte-stream.js';
import { DataValidationError, ExportFormatError, SdkError } from '../errors.js';
import { parseRow } from '../validate.js';
import { columnLayout, type ColumnLayout } from './header.js';
import { csvRecordBatches } from './records.js';
import { compileRowBuilder, type RowBuilder } from './row-builder.js';
import { checkEncoding, InvalidTextError, UnknownCharsetError } from './text-decoding.js';

/**
 * A zod object schema whose keys are the canonical column names, typed by its shape: what zod's
 * Standard Schema types say it outputs, its `shape` and `safeParse`. So a schema built with
 * another copy of zod 4 (the user's own) types rows as well as one built with the SDK's.
 */
export interface CsvSchema<Output = unknown> {
  /** The columns, by canonical name: each a schema with `safeParse`. */
  readonly shape: object;
  /** Checks and converts one row (zod's `safeParse`). */
  safeParse(value: unknown): unknown;
  readonly '~standard': { readonly types?: { readonly output: Output } | undefined };
}

/**
 * A row of `schema`: its output, known fields only (the index signature of a `z.looseObject`
 * output dropped, so a misspelt column does not compile); other columns still pass at run time.
 */
export type CsvRow<S extends CsvSchema> = KnownFields<NonNullable<S['~standard']['types']>['output']>;

/** Options of {@link csvRows}. */
export interface CsvRowsOptions {
  /** The table or report, as errors name it: `'messages'`. */
  source: string;
  /**
   * How a header cell and a canonical name are compared: both go through it.
   * @default trims white space; the comparison is otherwise exact
   */
  normalizeHeader?: ((name: string) => string) | undefined;
  /** Further header spellings per canonical name. */
  aliases?: Readonly<Record<string, readonly string[]>> | undefined;
  /**
   * Called with each row that breaks the model; the row is then still delivered, its bad cells
   * left as their raw strings. Without it, the first bad row throws.
   */
  onInvalidRow?: ((error: DataValidationError) => void) | undefined;
  /**
   * Longest record, in characters; a longer one is an `ExportFormatError`.
   * @default 8_388_608 (8 MiB)
   */
  maxRecordSize?: number | undefined;
  /**
   * The encoding of a file known not to be UTF-8, as a `TextDecoder` label (`'windows-1252'`,
   * `'latin1'`, `'utf-16le'`): a table re-saved by a spreadsheet, say. A byte-order mark still
   * wins. Bytes invalid in the encoding are an `ExportFormatError` naming the record.
   * @default the declared charset, else UTF-8 (strict)
   */
  encoding?: string | undefined;
  /** The charset the server declared for the body (`text/csv; charset=windows-1252`), set by the client. */
  declaredCharset?: string | undefined;
}

/**
 * What a client adds to {@link csvRows} for its own format, kept apart from the options a client
 * passes on to its users.
 */
export interface CsvRowHooks {
  /**
   * Turns each row into the row delivered, given its 1-based record number: for a column a
   * model cannot type alone (Spruce's `conversation_events.data`, parsed by its `event`). A
   * `DataValidationError` it throws is handled like a bad cell's. The rows' type is then the
   * caller's to state.
   */
  mapRow?: ((row: unknown, record: number) => unknown) | undefined;
  /**
   * Called with a row's `DataValidationError` before it is thrown, while the input is still
   * open; it may throw another error in its place. For input whose damage shows only at its
   * end (a zip entry's CRC-32): it reads the rest, so a damaged file is reported as damaged
   * rather than as a bad cell.
   */
  beforeRowError?: ((error: DataValidationError) => Promise<void>) | undefined;
  /**
   * Called last, once the rows end however they end (done, failed, or left early), after the
   * CSV reader has let go of its input: for input the caller keeps open past the reader (a zip
   * entry that `beforeRowError` may still read to its checksum), which is the caller's to close.
   */
  closeInput?: (() => Promise<void>) | undefined;
}

/** Options of {@link csvRows} with a model: rows come out typed. */
export interface TypedCsvRowsOptions<S extends CsvSchema> extends CsvRowsOptions {
  schema: S;
  raw?: false | undefined;
}

/**
 * Options of {@link csvRows} for string rows: no model, or `raw: true`, which keeps every cell
 * as the untouched string while the model still names and checks the columns.
 */
export interface RawCsvRowsOptions extends CsvRowsOptions {
  schema?: CsvSchema | undefined;
  raw?: boolean | undefined;
}

/** A row of strings keyed by column name. */
export type RawRow = Record<string, string>;

/** The longest CSV record read by default, in characters: 8 MiB. */
export const DEFAULT_MAX_RECORD_SIZE = 8 * 1024 * 1024;

/**
 * Streams a CSV into rows keyed by its header, with backpressure: the next bytes are read only
 * as rows are consumed. With a `schema`, headers are matched to its keys (in any order, through
 * `normalizeHeader` and `aliases`), a missing required column is an `ExportFormatError` naming
 * it, empty cells become `null`, cells are converted by the schema, and unknown columns pass
 * through as strings. A bad cell is a `DataValidationError` naming source, record and column,
 * never the value.
 *
 * @example
 * ```ts
 * const Row = z.looseObject({ id: values.string(), count: values.number().nullable() });
 * for await (const row of csvRows(response.body, { source: 'report', schema: Row })) row.count;
 * ```
 */
export function csvRows<S extends CsvSchema>(source: ByteSource, options: TypedCsvRowsOptions<S> & CsvRowHooks): AsyncGenerator<CsvRow<S>, void, undefined>;
export function csvRows(source: ByteSource, options: RawCsvRowsOptions & CsvRowHooks): AsyncGenerator<RawRow, void, undefined>;
export async function* csvRows(
  source: ByteSource,
  options: (TypedCsvRowsOptions<CsvSchema> | RawCsvRowsOptions) & CsvRowHooks,
): AsyncGenerator<unknown, void, undefined> {
  checkEncoding(options.encoding);
  // Typed by its shape for the caller; read as the zod object it is (of any copy of zod 4).
  const schema = options.schema as z.ZodObject | undefined;
  const typed = schema !== undefined && options.raw !== true;
  const { mapRow, beforeRowError, closeInput, encoding, declaredCharset } = options;
  let layout: ColumnLayout | undefined;
  let buildRow: RowBuilder | undefined;
  let record = 0;
  const recordOptions = { maxRecordSize: options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE, encoding, declaredCharset };
  // Pulled by hand rather than with `for await`, so that the input is still open while
  // `beforeRowError` runs; it is closed in `finally`.
  const batches = csvRecordBatches(isReadableStream(source) ? readStream(source) : source, recordOptions);
  let failed = false;
  try {
    for (let next = await batches.next(); !next.done; next = await batches.next()) {
      for (const cells of next.value) {
        if (layout === undefined) {
          layout = columnLayout(cells, { ...options, schema });
          if (typed) buildRow = compileRowBuilder(schema, layout);
          continue;
        }
        record += 1;
        const named = layout.emptyTrailing > 0 ? withoutEmptyTrailing(cells, layout, record, options) : cells;
        const row = typed ? (buildRow?.(named) ?? typedRow(named, layout, schema, record, options)) : rawRow(named, layout, record, options);
        yield mapRow ? mapRow(row, record) : row;
      }
    }
    layout ??= columnLayout([], { ...options, schema });
  } catch (error) {
    failed = true;
    const failure = toFormatError(error, options.source, record);
    if (beforeRowError && failure instanceof DataValidationError) await beforeRowError(failure);
    throw failure;
  } finally {
    try {
      // As `for await` does: a failure to close gives way to the error already on its way.
      await (failed ? batches.return().catch(() => undefined) : batches.return());
    } finally {
      await closeInput?.();
    }
  }
}

function rawRow(cells: string[], layout: ColumnLayout, record: number, options: CsvRowsOptions): RawRow {
  const row: RawRow = {};
  const { keys } = layout;
  const width = Math.min(cells.length, keys.length);
  for (let i = 0; i < width; i++) row[keys[i]!] = cells[i]!;
  if (cells.length !== keys.length) report(fieldCountError(cells, layout, record, options, row), options);
  return row;
}

function typedRow(cells: string[], layout: ColumnLayout, schema: z.ZodObject, record: number, options: CsvRowsOptions): unknown {
  const input: Record<string, string | null> = {};
  const { keys, known } = layout;
  const width = Math.min(cells.length, keys.length);
  for (let i = 0; i < width; i++) {
    const cell = cells[i]!;
    input[keys[i]!] = known[i] && cell === '' ? null : cell;
  }
  if (cells.length !== keys.length) report(fieldCountError(cells, layout, record, options, input), options);
  return parseRow(schema, input, { source: options.source, record }, options.onInvalidRow);
}

/**
 * A spreadsheet re-save pads every line with empty cells under empty header cells: they are
 * dropped. A value under an empty header cell means nothing the SDK can name: an error (in
 * lenient mode reported, and the cell dropped).
 */
function withoutEmptyTrailing(cells: string[], layout: ColumnLayout, record: number, options: CsvRowsOptions): string[] {
  const width = layout.keys.length;
  if (cells.length <= width) return cells;
  const named = cells.slice(0, width);
  const extra = cells.findIndex((cell, index) => index >= width && cell !== '');
  if (extra !== -1) {
    const reason = `the record has a value in column ${extra + 1}, whose header cell is empty (columns after the last named one must be empty)`;
    report(new DataValidationError({ source: options.source, record }, { reason, value: cells }), options);
  }
  return named;
}

/** Throws the error, or in lenient mode hands it to `onInvalidRow` and carries on. */
function report(error: DataValidationError, options: CsvRowsOptions): void {
  if (!options.onInvalidRow) throw error;
  options.onInvalidRow(error);
}

function fieldCountError(cells: string[], layout: ColumnLayout, record: number, options: CsvRowsOptions, row: unknown): DataValidationError {
  return new DataValidationError(
    { source: options.source, record },
    { reason: `the record has ${cells.length} fields where the header has ${layout.keys.length}`, row, value: cells },
  );
}

/**
 * csv-parse's messages quote the cell they stopped at, which may be patient data: only its
 * error code and position are kept.
 */
function toFormatError(error: unknown, source: string, record: number): unknown {
  if (error instanceof SdkError) return error;
  if (error instanceof InvalidTextError && error.looksCompressed) {
    return new ExportFormatError(
      `${source}: the data looks compressed (gzip or zlib), not text: it was sent compressed without saying so (for a download, no Content-Encoding header: a proxy?)`,
      { source },
    );
  }
  if (error instanceof InvalidTextError) {
    return new ExportFormatError(
      `${source}: record ${record + 1} is not valid ${error.encoding}; if the file is in another encoding, pass it as the encoding option (e.g. 'windows-1252')`,
      { source },
    );
  }
  if (error instanceof UnknownCharsetError) return new ExportFormatError(`${source}: ${error.message}; pass the encoding option`, { source });
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !isCsvParseCode(code)) return error;
  const where = `${source}: record ${record + 1}`;
  const reason =
    code === 'CSV_MAX_RECORD_SIZE'
      ? 'is larger than the maximum record size'
      : code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'ends inside a quoted field: the file is truncated or corrupt'
        : `is not valid CSV (${code})`;
  return new ExportFormatError(`${where} ${reason}`, { source });
}

/** csv-parse's error codes: `CSV_…`, and `INVALID_OPENING_QUOTE`, the one it names without the prefix. */
function isCsvParseCode(code: string): boolean {
  return code.startsWith('CSV_') || code === 'INVALID_OPENING_QUOTE';
}
