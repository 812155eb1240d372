/**
 * `@x/core/internal`: the engines (transport, paging, polling, CSV rows, byte streams,
 * redaction, logging) and the client kit the `@x` clients are built from.
 *
 * Not public API and not covered by semver: it is for the `@x` packages only, which version
 * together with `@x/core` (the changesets `fixed` group), so a change here ships with the
 * clients that use it. Users import from `@x/core` or from a client.
 */
export { parseRetryAfter } from './response-details.js';
export { Transport } from './transport.js';
export { TRANSPORT_DEFAULTS } from './transport-options.js';
export type { TransportOptions, RequestOptions, ResponseInfo } from './transport-options.js';
export type { StreamedResponse } from './transport.js';
export { provesNotProcessed } from './unprocessed.js';
export {
  checkApiKey,
  checkBaseUrl,
  checkHeaders,
  requireObject,
  refuseUnknownKeys,
  keysOf,
  integer,
  optionalInteger,
  optionalPositive,
  optionalMilliseconds,
  MAX_TIMER_MS,
  optionalSignal,
  optionalFunction,
} from './checks.js';
export type { MillisecondsRule } from './checks.js';
export { checkCallOptions, pickCallOptions, CALL_OPTION_NAMES } from './call-options.js';
export { resolveHttpClientOptions } from './http-client-options.js';
export { SdkLog, LOG_LEVEL_ENV } from './logger.js';
export { responseMeta, withResponse } from './response-meta.js';
export { withDownloadProgress } from './download-progress.js';
export { paginateByCursor } from './cursor-pages.js';
export type { CursorPageRequest, CursorPagingOptions } from './cursor-pages.js';
export { paginateByOffset, PAGING_DEFAULTS } from './offset-pages.js';
export type { OffsetPageRequest, OffsetPageResult, OffsetPagingOptions } from './offset-pages.js';
export { poll, isTransientError, checkWaitOptions, splitWaitOptions, WAIT_OPTION_KEYS } from './poll.js';
export type { PollOptions } from './poll.js';
export { csvRows, DEFAULT_MAX_RECORD_SIZE } from './csv/rows.js';
export { normalizeHeaderLoosely } from './csv/header.js';
export { charsetOf, checkEncoding, decodeWhole } from './csv/text-decoding.js';
export type { CsvRowsOptions, TypedCsvRowsOptions, RawCsvRowsOptions, CsvRowHooks } from './csv/rows.js';
export { readStream, readAll } from './byte-stream.js';
export type { ByteSource, ReadStreamOptions } from './byte-stream.js';
export { decompress, gunzipIfGzip, isGzip, inPieces, CorruptCompressedDataError, COMPRESSED_INPUT_PIECE } from './decompress.js';
export type { DecompressionFormat } from './decompress.js';
export { parseOrThrow, parseRow, lenientRow, toValidationError } from './validate.js';
export { calendarDate, instant, checkRange } from './params.js';
export { sleep, anySignal } from './signals.js';
export { safeUrl, showOnly, keptHeaders } from './redact.js';
export { SeededRandom } from './seeded-random.js';
