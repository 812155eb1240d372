/**
 * `@x/core`: what users of the `@x` clients see, and what semver covers. The engines the clients
 * are built from live in `@x/core/internal`, which is not part of the public API.
 */
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
export type { SdkErrorOptions, ApiErrorInit, ApiErrorDetail, ValidationIssue, DataLocation } from './errors.js';
export { RowIterable } from './row-iterable.js';
export type { ToArrayOptions, RowIterableOptions } from './row-iterable.js';
export { PagedIterable } from './paged-iterable.js';
export type { Page } from './paged-iterable.js';
export type { CursorPage } from './cursor-pages.js';
export type { OffsetPage } from './offset-pages.js';
export type { BackoffOptions } from './transport-options.js';
export type { HttpClientOptions } from './http-client-options.js';
export type { CallOptions } from './call-options.js';
export type { Logger, LogLevel, LoggingOptions, LogFields } from './logger.js';
export type { ResponseMeta, WithResponse } from './response-meta.js';
export type { PollPhase, PollProgress, WaitOptions } from './poll.js';
export type { CsvSchema, CsvRow, RawRow } from './csv/rows.js';
/**
 * zod schemas for the value rules every client shares: numeric strings become numbers,
 * `true`/`false` booleans, timestamps with an offset `Date`s; plain dates stay strings.
 */
export * as values from './values.js';
export type { WireType } from './values.js';
export { extraFields } from './extra-fields.js';
export type { ShapedModel, KnownFields } from './extra-fields.js';
export type { DateInput } from './params.js';
