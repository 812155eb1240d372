export {
  SdkError,
  ApiError,
  AuthenticationError,
  NotFoundError,
  RateLimitError,
  ConnectionError,
  TimeoutError,
  InvalidParamsError,
  DataValidationError,
  ExportFormatError,
  PollTimeoutError,
  ReportFailedError,
  isSdkError,
} from './errors.js';
export { parseRetryAfter } from './response-details.js';
export type { SdkErrorOptions, ApiErrorInit, ApiErrorDetail, ValidationIssue, DataLocation } from './errors.js';
export { Transport } from './transport.js';
export { provesNotProcessed } from './unprocessed.js';
export { checkApiKey, checkBaseUrl, checkCallOptions, checkHeaders, pickCallOptions, CALL_OPTION_NAMES } from './client-options.js';
export type { CallOptions } from './client-options.js';
export type { TransportOptions, BackoffOptions, RequestOptions, ResponseInfo } from './transport-options.js';
export type { StreamedResponse } from './transport.js';
export { SdkLog, LOG_LEVEL_ENV } from './logger.js';
export type { Logger, LogLevel, LoggingOptions, LogFields } from './logger.js';
export { responseMeta, withResponse } from './response-meta.js';
export type { ResponseMeta, WithResponse } from './response-meta.js';
export { withDownloadProgress } from './download-progress.js';
export { RowIterable } from './row-iterable.js';
export type { ToArrayOptions } from './row-iterable.js';
export { PagedIterable } from './paged-iterable.js';
export type { Page } from './paged-iterable.js';
export { paginateByCursor } from './cursor-pages.js';
export type { CursorPage, CursorPageRequest, CursorPagingOptions } from './cursor-pages.js';
export { paginateByOffset } from './offset-pages.js';
export type { OffsetPage, OffsetPageRequest, OffsetPageResult, OffsetPagingOptions } from './offset-pages.js';
export { poll, isTransientError, checkWaitOptions } from './poll.js';
export type { PollOptions, PollPhase, PollProgress, WaitOptions } from './poll.js';
export { csvRows } from './csv/rows.js';
export { normalizeHeaderLoosely } from './csv/header.js';
export { charsetOf, checkEncoding } from './csv/text-decoding.js';
export type { CsvRowsOptions, TypedCsvRowsOptions, RawCsvRowsOptions, CsvSchema, CsvRow, RawRow } from './csv/rows.js';
export { iterateBytes, readStream, readAll } from './byte-stream.js';
export { decompress, gunzipIfGzip, isGzip, inPieces, CorruptCompressedDataError, COMPRESSED_INPUT_PIECE } from './decompress.js';
export type { DecompressionFormat } from './decompress.js';
export type { ByteSource, ReadStreamOptions } from './byte-stream.js';
/**
 * zod schemas for the value rules every client shares: numeric strings become numbers,
 * `true`/`false` booleans, timestamps with an offset `Date`s; plain dates stay strings.
 */
export * as values from './values.js';
export type { WireType } from './values.js';
export { parseOrThrow, parseRow, lenientRow, toValidationError } from './validate.js';
export { extraFields } from './extra-fields.js';
export type { ShapedModel, KnownFields } from './extra-fields.js';
export { calendarDate, instant, checkRange } from './params.js';
export type { DateInput } from './params.js';
export { sleep, anySignal } from './signals.js';
export { safeUrl, showOnly, keptHeaders } from './redact.js';
