// The public core (errors, row and page iterables, option and progress types), then this client's own names.
export * from '@x/core';
export { LusciiClient } from './client.js';
export { LUSCII_BASE_URL } from './options.js';
export type { LusciiClientOptions } from './options.js';
export { LUSCII_REPORT_TYPES, LUSCII_DATE_RULES, LUSCII_CREATION_DATE_FIELDS, isLusciiReportType } from './report-types.js';
export type {
  LusciiReportType,
  LusciiDateRule,
  LusciiDatedReportType,
  LusciiUndatedReportType,
  LusciiOptionallyDatedReportType,
  LusciiReportTypesWith,
} from './report-types.js';
export type {
  LusciiExportParams,
  LusciiExportArgs,
  LusciiExportOptions,
  LusciiDatesFor,
  LusciiRequiredDates,
  LusciiOptionalDates,
  LusciiNoDates,
  LusciiTypedRowsOption,
  LusciiRawRowsOption,
} from './params.js';
export type { LusciiPage } from './export-page.js';
export { LUSCII_ROW_MODELS } from './models/index.js';
export type { LusciiReportRows, LusciiRawRow, LusciiWireRows } from './models/index.js';
export { LusciiPatientRow } from './models/patients.js';
export { LusciiMeasurementRow } from './models/measurements.js';
export { LusciiAlertRow } from './models/alerts.js';
export { LusciiHcpRow } from './models/hcps.js';
export { LusciiPatientMutationRow } from './models/patients-mutations.js';
export { LusciiStarRatingRow } from './models/star-ratings.js';
export { LusciiPlannedActionRow } from './models/planned-actions.js';
export { LusciiPatientWorkflowHistoryRow } from './models/patients-workflow-history.js';
export { LusciiPatientProgramHistoryRow } from './models/patients-programs-history.js';
export { LusciiPatientSettingHistoryRow } from './models/patients-settings-history.js';
export { LusciiUserStatusChangeReasonRow } from './models/users-status-change-reasons.js';
