import * as z from 'zod';
import type { EventDetails } from '../models/conversation-event-data.js';
import { SPRUCE_ROW_MODELS } from '../models/index.js';
import { TABLE_NAMES, type TableColumns, type TableName } from '../tables.js';
import { goCsvRecord, spruceCell } from './go-csv.js';
import { concat, zipChunks, type ZipEntryFault, type ZipEntryInput, type ZipWriterOptions } from './zip-writer.js';

/**
 * A row to write into a table: typed values (`Date`, booleans, numbers, destination lists,
 * `data` objects), or any text for a cell, which is written as it is (to test a malformed
 * value). Missing columns are written empty; keys the model does not know become extra columns.
 */
export type SpruceTableInput<T extends TableName> = {
  [K in keyof TableColumns<T>]?: T extends 'conversation_events'
    ? K extends 'data'
      ? string | EventDetails | null | undefined
      : TableColumns<T>[K] | string | null | undefined
    : TableColumns<T>[K] | string | null | undefined;
};

/** The rows of each table to write; iterables are pulled lazily, so generators keep memory flat. */
export type SpruceExportTables = { [T in TableName]?: Iterable<SpruceTableInput<T>> };

/** Options of {@link buildSpruceExportZip} and {@link spruceExportZipChunks}. */
export interface BuildSpruceExportZipOptions extends ZipWriterOptions {
  /**
   * `'folder'` puts the tables in one folder, as Spruce's "zipped folder"; `'root'` at the root.
   * @default 'folder'
   */
  layout?: 'folder' | 'root';
  /** @default 'spruce-export' */
  folderName?: string;
  /**
   * `'document'` writes headers as Spruce's document prints them, underscores lost
   * (`actorentity_id`, `messageid`, `resolvedtimestamp`, ...); `'canonical'` as the models name them.
   * @default 'canonical'
   */
  headerSpelling?: 'canonical' | 'document';
  /**
   * The header of a table, in order: canonical names, other spellings, or unknown columns.
   * Leave a column out to test a missing one.
   * @default the model's columns, then the extra keys of the table's first row
   */
  columns?: { [T in TableName]?: readonly string[] };
  /**
   * Adds what a Mac or a person leaves in a zip: `__MACOSX/` with AppleDouble files, `.DS_Store`
   * and a README, all of which a reader must ignore.
   * @default false
   */
  junk?: boolean;
  /** Damage to a table's entry; see {@link ZipEntryFault}. */
  faults?: { [T in TableName]?: ZipEntryFault };
  /**
   * How content is stored.
   * @default 'deflate'
   */
  compression?: 'deflate' | 'store';
  /**
   * Starts each file with a UTF-8 byte-order mark.
   * @default false
   */
  bom?: boolean;
  /**
   * Record terminator: Go writes `'\n'`; `'\r\n'` as a Windows tool would re-save it.
   * @default '\n'
   */
  lineEnding?: '\n' | '\r\n';
}

/** The metadata row written when `tables.metadata` is not given. */
export const DEFAULT_METADATA = {
  start_timestamp: new Date('2024-05-01T00:00:00Z'),
  end_timestamp: new Date('2024-06-01T00:00:00Z'),
} as const;

const RECORDS_PER_CHUNK = 512;

/**
 * Builds a Spruce export zip from rows: each given table as `<table>.csv`, written the way
 * Spruce's Go exporter writes CSV. `metadata.csv` is added with {@link DEFAULT_METADATA} unless
 * given. For your own tests, `pnpm demo`, and benchmarks.
 *
 * @example
 * ```ts
 * const zip = buildSpruceExportZip({
 *   messages: [{ message_id: 'm1', conversation_id: 'c1', created_timestamp: new Date(), internal: false,
 *     destinations: [{ type: 'SMS', value: '+15550100' }], message_type: 'USER', deleted: false }],
 * }, { headerSpelling: 'document', junk: true });
 * const exp = await openSpruceExport(zip);
 * ```
 */
export function buildSpruceExportZip(tables: SpruceExportTables, options: BuildSpruceExportZipOptions = {}): Uint8Array<ArrayBuffer> {
  return concat(spruceExportZipChunks(tables, options));
}

/**
 * The same zip as {@link buildSpruceExportZip}, as a stream of chunks, so a large export can be
 * written to a file with flat memory.
 *
 * @example
 * ```ts
 * await pipeline(Readable.from(spruceExportZipChunks(fakeSpruceExport({ messages: 200_000 }))), createWriteStream(path));
 * ```
 */
export function spruceExportZipChunks(tables: SpruceExportTables, options: BuildSpruceExportZipOptions = {}): Generator<Uint8Array, void, undefined> {
  return zipChunks(exportEntries(tables, options), options);
}

function* exportEntries(tables: SpruceExportTables, options: BuildSpruceExportZipOptions): Generator<ZipEntryInput, void, undefined> {
  const folder = options.layout === 'root' ? '' : `${options.folderName ?? 'spruce-export'}/`;
  if (folder) yield { name: folder, method: 'store' };
  const given: SpruceExportTables = { metadata: [DEFAULT_METADATA], ...tables };
  for (const table of TABLE_NAMES) {
    const rows = given[table] as Iterable<Record<string, unknown>> | undefined;
    if (!rows) continue;
    yield {
      name: `${folder}${table}.csv`,
      data: spruceTableCsv(table, rows, options),
      method: options.compression ?? 'deflate',
      ...(options.faults?.[table] ? { fault: options.faults[table] } : {}),
    };
  }
  if (options.junk) {
    yield { name: `${folder}.DS_Store`, data: new Uint8Array([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]) };
    yield { name: `${folder}README.txt`, data: 'Spruce data export. See the documentation for the columns.\n' };
    yield { name: '__MACOSX/', method: 'store' };
    yield { name: `__MACOSX/${folder}._messages.csv`, data: new Uint8Array([0, 5, 22, 7, 0, 2, 0, 0]) };
  }
}

/** Options of {@link spruceTableCsv}. */
export type SpruceTableCsvOptions = Pick<BuildSpruceExportZipOptions, 'headerSpelling' | 'columns' | 'bom' | 'lineEnding'>;

/**
 * One table as CSV text, in chunks of a few hundred records, pulled as the zip writer needs them.
 *
 * @example
 * ```ts
 * const csv = [...spruceTableCsv('pages', [{ page_id: 'p1', conversation_id: 'c1', message_id: 'm1', resolved: false }])].join('');
 * ```
 */
export function* spruceTableCsv(
  table: TableName,
  rows: Iterable<Record<string, unknown>>,
  options: SpruceTableCsvOptions = {},
): Generator<string, void, undefined> {
  const lineEnding = options.lineEnding ?? '\n';
  const iterator = rows[Symbol.iterator]();
  const first = iterator.next();
  const keys = options.columns?.[table] ?? defaultColumns(table, first.done ? undefined : first.value);
  const header = keys.map((key) => (options.headerSpelling === 'document' ? documentSpelling(table, key) : key));
  let text = (options.bom ? '\uFEFF' : '') + goCsvRecord(header, lineEnding);
  let pending = 0;
  for (let next = first; !next.done; next = iterator.next()) {
    const row = next.value;
    text += goCsvRecord(
      keys.map((key) => spruceCell(row[key])),
      lineEnding,
    );
    if (++pending === RECORDS_PER_CHUNK) {
      yield text;
      text = '';
      pending = 0;
    }
  }
  if (text) yield text;
}

function defaultColumns(table: TableName, first: Record<string, unknown> | undefined): string[] {
  const known = Object.keys(SPRUCE_ROW_MODELS[table].shape);
  return [...known, ...Object.keys(first ?? {}).filter((key) => !known.includes(key))];
}

/** The header as the document prints it (markdown ate some underscores), from the models' metadata. */
function documentSpelling(table: TableName, column: string): string {
  const schema = (SPRUCE_ROW_MODELS[table].shape as Record<string, z.ZodType | undefined>)[column];
  const spelling = schema === undefined ? undefined : z.globalRegistry.get(schema)?.documentSpelling;
  return typeof spelling === 'string' ? spelling : column;
}
