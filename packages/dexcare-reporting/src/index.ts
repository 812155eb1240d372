// The public core (errors, row and page iterables, option and progress types), then this client's own names.
export * from '@x/core';
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
export type { DexCareReportingClientOptions } from './options.js';
export type { AvrCsvRowsOptions } from './avr-download.js';
export { ReportNotReadyError, ReportStartUnconfirmedError } from './errors.js';
export { AVR_REPORT_TYPES } from './params/avr-report.js';
export type { AvrReportParams, AvrReportType, AvrDateRange } from './params/avr-report.js';
export { PROVIDER_HISTORY_FILTERS } from './params/provider-histories.js';
export type { ProviderHistoriesParams, ProviderHistoryFilters } from './params/provider-histories.js';
export { DEXCARE_ROW_MODELS } from './models/index.js';
export type { DexCareReportRows } from './models/index.js';
export { AVR_STATUSES, DexCareAvrReport, DexCareAvrReportStatus, AvrReport, AvrReportStatus } from './models/avr-report.js';
export type { AvrStatus } from './models/avr-report.js';
export {
  DexCareProviderHistoryRow,
  DexCareProviderHistoriesResultSet,
  ProviderHistory,
  ProviderHistoriesResultSet,
} from './models/provider-history.js';
