import { InvalidParamsError, type DataValidationError } from '@x/core';

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
   * The longest CSV record (one row, a message body included), in characters; a longer one is
   * an `ExportFormatError`.
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
  maxRecordSize: 8 * 1024 ** 2,
};

/** Fills in defaults and refuses a limit that is not a positive number, before anything is read. */
export function resolveExportOptions(options: SpruceExportOptions): ResolvedExportOptions {
  const resolved = {
    maxUncompressedBytes: options.maxUncompressedBytes ?? DEFAULTS.maxUncompressedBytes,
    maxRecordSize: options.maxRecordSize ?? DEFAULTS.maxRecordSize,
  };
  for (const [param, value] of Object.entries(resolved)) {
    if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) {
      throw new InvalidParamsError(`${param} must be a positive number`, { param });
    }
  }
  return resolved;
}
