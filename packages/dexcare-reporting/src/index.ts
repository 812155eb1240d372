export { DexCareReportingClient } from './client.js';
export type {
  RequestControl,
  StartAvrReportOptions,
  WaitForAvrReportOptions,
  TypedAvrRowsOptions,
  RawAvrRowsOptions,
  RunAvrReportHooks,
  TypedRunAvrReportOptions,
  RawRunAvrReportOptions,
} from './client.js';
export type { DexCareReportingClientOptions } from './client-options.js';
export type { AvrCsvRowsOptions } from './avr-download.js';
export { ReportNotReadyError, ReportStartUnconfirmedError } from './errors.js';
export { AVR_REPORT_TYPES } from './params/avr-report.js';
export type { AvrReportParams, AvrReportType, AvrDateRange } from './params/avr-report.js';
export { PROVIDER_HISTORY_FILTERS } from './params/provider-histories.js';
export type { ProviderHistoriesParams, ProviderHistoryFilters } from './params/provider-histories.js';
export { AVR_STATUSES, AvrReport, AvrReportStatus } from './models/avr-report.js';
export type { AvrStatus } from './models/avr-report.js';
export { ProviderHistory, ProviderHistoriesResultSet } from './models/provider-history.js';
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
  extraFields,
  PagedIterable,
  RowIterable,
  values,
} from '@x/core';
export type { Page, ToArrayOptions, OffsetPage, WaitOptions, PollProgress, DateInput, CsvSchema, CsvRow, RawRow, BackoffOptions, ShapedModel, KnownFields } from '@x/core';
export type { CallOptions, Logger, LogLevel, ResponseMeta, WithResponse } from '@x/core';
