import type { DataValidationError } from '@x/core';
import {
  checkEncoding,
  DEFAULT_MAX_RECORD_SIZE,
  keysOf,
  optionalFunction,
  optionalInteger,
  optionalPositive,
  optionalSignal,
  refuseUnknownKeys,
  requireObject,
} from '@x/core/internal';

/** Options of {@link openSpruceExport}. */
export interface SpruceExportOptions {
  /**
   * The most bytes the whole export may inflate to, counted as they are inflated (not as the
   * zip declares them). A zip bomb stops here with an `ExportFormatError`. Reading a table twice
   * does not count twice. `Infinity` lifts the limit.
   * @default 4_294_967_296 (4 GiB)
   */
  maxUncompressedBytes?: number | undefined;
  /**
   * The longest CSV record (one row, a message body included), in characters (a whole number,
   * 1 or more); a longer one is an `ExportFormatError`.
   * @default 8_388_608 (8 MiB)
   */
  maxRecordSize?: number | undefined;
  /** Stops the open (reading the directory and `metadata.csv`): it rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/** Options of {@link SpruceExport.rows}. */
export interface RowsOptions {
  /**
   * `true` returns every cell as the untouched string under its canonical column name
   * (timestamps keep all nine fractional digits, `data` and `destinations` stay text). Columns
   * are still matched and checked.
   * @default false
   */
  raw?: boolean | undefined;
  /**
   * Lenient mode: called with each row that breaks its model, as a `DataValidationError`; the
   * row is then still delivered, its bad cells left as their raw strings. Without it, the first
   * bad row throws.
   */
  onInvalidRow?: ((error: DataValidationError) => void) | undefined;
  /**
   * The encoding of a table known not to be UTF-8, as a `TextDecoder` label: `'latin1'` (or
   * `'windows-1252'`) for a table re-saved by a spreadsheet. A byte-order mark (UTF-8, UTF-16)
   * still wins. Without it a table is strict UTF-8: an invalid byte is an `ExportFormatError`
   * naming table and record. An unknown label is an `InvalidParamsError` at the call.
   * @default 'utf-8'
   */
  encoding?: string | undefined;
  /** Stops the read: the loop rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/** The options of one export with their defaults filled in. */
export interface ResolvedExportOptions {
  maxUncompressedBytes: number;
  maxRecordSize: number;
}

const DEFAULTS: ResolvedExportOptions = {
  maxUncompressedBytes: 4 * 1024 ** 3,
  maxRecordSize: DEFAULT_MAX_RECORD_SIZE,
};

/** The keys {@link openSpruceExport} takes; another is refused, like a misspelt limit. */
export const EXPORT_OPTION_KEYS = keysOf<SpruceExportOptions>()(['maxUncompressedBytes', 'maxRecordSize', 'signal']);
/** The keys {@link SpruceExport.rows} takes. */
export const ROWS_OPTION_KEYS = keysOf<RowsOptions>()(['raw', 'onInvalidRow', 'encoding', 'signal']);

/**
 * Fills in defaults and refuses an unknown key or a limit that is not a positive number, before
 * anything is read.
 */
export function resolveExportOptions(options: SpruceExportOptions): ResolvedExportOptions {
  requireObject(options, 'options');
  refuseUnknownKeys(options, EXPORT_OPTION_KEYS, 'openSpruceExport');
  optionalSignal(options.signal);
  return {
    maxUncompressedBytes: optionalPositive(options.maxUncompressedBytes, 'maxUncompressedBytes') ?? DEFAULTS.maxUncompressedBytes,
    maxRecordSize: optionalInteger(options.maxRecordSize, 'maxRecordSize', 1) ?? DEFAULTS.maxRecordSize,
  };
}

/** Refuses rows options with an unknown key, a callback that is not a function, or an unknown encoding. */
export function checkRowsOptions(options: RowsOptions): void {
  requireObject(options, 'options');
  refuseUnknownKeys(options, ROWS_OPTION_KEYS, 'rows');
  optionalSignal(options.signal);
  optionalFunction(options.onInvalidRow, 'onInvalidRow');
  checkEncoding(options.encoding);
}
