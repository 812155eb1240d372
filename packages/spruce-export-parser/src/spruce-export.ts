import { ExportFormatError, InvalidParamsError, RowIterable } from '@x/core';
import { showOnly } from '@x/core/internal';
import { locateTables } from './export-layout.js';
import type { SpruceMetadataRow } from './models/metadata.js';
import { checkRowsOptions, resolveExportOptions, type RowsOptions, type SpruceExportOptions } from './options.js';
import { openByteRangeSource, type SpruceExportSource } from './sources/export-source.js';
import { readTable, type ExportReadContext } from './table-reader.js';
import { isTableName, type RawTableRow, type TableName, type TableRow } from './tables.js';
import { openZipArchive, type ZipEntry } from './zip/zip-archive.js';

/**
 * An opened Spruce export: which tables it holds, the period it covers, and each table's rows
 * streamed on demand, in any order and as often as needed.
 */
export class SpruceExport {
  /** The tables present in the zip, in the document's order: `['metadata', 'entities', ...]`. */
  readonly tables: readonly TableName[];
  /** The period the export covers, from `metadata.csv`. */
  readonly metadata: SpruceMetadataRow;
  readonly #context: ExportReadContext;
  readonly #entries: ReadonlyMap<TableName, ZipEntry>;

  /** @internal Use {@link openSpruceExport}. */
  constructor(context: ExportReadContext, entries: ReadonlyMap<TableName, ZipEntry>, metadata: SpruceMetadataRow) {
    this.#context = context;
    this.#entries = entries;
    this.tables = Object.freeze([...entries.keys()]);
    this.metadata = metadata;
    showOnly(this, () => ({ tables: this.tables, metadata: this.metadata }));
  }

  /**
   * Streams a table's rows, typed by its model. A table the zip lacks fails when iterated, with
   * an `ExportFormatError` naming it (check {@link tables} first for an optional one): a missing
   * file is more likely a damaged delivery than an empty table, and an empty iterable would
   * hide that.
   *
   * @example
   * ```ts
   * for await (const m of exp.rows('messages')) console.log(m.created_timestamp, m.destinations[0]?.type);
   * for await (const m of exp.rows('messages', { raw: true })) m.created_timestamp; // the text, all 9 digits
   * for await (const m of exp.rows('messages', { onInvalidRow: (e) => log(e.message) })) load(m);
   * ```
   */
  rows<T extends TableName>(table: T, options?: RowsOptions & { raw?: false | undefined }): RowIterable<TableRow<T>>;
  rows<T extends TableName>(table: T, options: RowsOptions & { raw: true }): RowIterable<RawTableRow<T>>;
  rows<T extends TableName>(table: T, options?: RowsOptions): RowIterable<TableRow<T> | RawTableRow<T>>;
  rows(table: TableName, options: RowsOptions = {}): RowIterable<unknown> {
    if (typeof table !== 'string' || !isTableName(table)) {
      throw new InvalidParamsError('table: not one of the 14 tables of a Spruce export', { param: 'table' });
    }
    checkRowsOptions(options);
    const entry = this.#entries.get(table);
    return new RowIterable(() => readTable(this.#context, table, entry, options), { signal: options.signal });
  }
}

/**
 * Opens a Spruce data export zip. Only the zip's directory and `metadata.csv` are read now;
 * tables are streamed when iterated. A path is read lazily, never loaded whole.
 *
 * Throws `ExportFormatError` for anything that is not a readable export: not a zip, empty,
 * truncated, two files for one table, no `metadata.csv`.
 *
 * @example
 * ```ts
 * const exp = await openSpruceExport('/sftp/spruce/export-2024-05.zip');
 * console.log(exp.tables, exp.metadata.start_timestamp);
 * for await (const message of exp.rows('messages')) save(message);
 * ```
 */
export async function openSpruceExport(source: SpruceExportSource, options: SpruceExportOptions = {}): Promise<SpruceExport> {
  const settings = resolveExportOptions(options);
  const { signal } = options;
  signal?.throwIfAborted();
  const bytes = await openByteRangeSource(source);
  signal?.throwIfAborted();
  const archive = await openZipArchive(bytes, { maxUncompressedBytes: settings.maxUncompressedBytes });
  const entries = locateTables(archive.entries);
  const context: ExportReadContext = { archive, maxRecordSize: settings.maxRecordSize };
  const metadataEntry = entries.get('metadata');
  if (!metadataEntry) throw new ExportFormatError('the export has no metadata.csv: it is not a Spruce data export', { source: 'metadata' });
  const metadata: SpruceMetadataRow[] = [];
  for await (const row of new RowIterable(() => readTable(context, 'metadata', metadataEntry, {}), { signal })) metadata.push(row as SpruceMetadataRow);
  if (metadata.length !== 1) throw new ExportFormatError(`metadata.csv holds ${metadata.length} rows where one is expected`, { source: 'metadata' });
  return new SpruceExport(context, entries, metadata[0]!);
}
