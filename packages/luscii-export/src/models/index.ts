import type { KnownFields } from '@x/core';
import type * as z from 'zod';
import type { LusciiReportType } from '../report-types.js';
import { LusciiAlertRow } from './alerts.js';
import { LusciiHcpRow } from './hcps.js';
import { LusciiMeasurementRow } from './measurements.js';
import { LusciiPatientProgramHistoryRow } from './patients-programs-history.js';
import { LusciiPatientSettingHistoryRow } from './patients-settings-history.js';
import { LusciiPatientWorkflowHistoryRow } from './patients-workflow-history.js';
import { LusciiPatientMutationRow } from './patients-mutations.js';
import { LusciiPatientRow } from './patients.js';
import { LusciiPlannedActionRow } from './planned-actions.js';
import { LusciiStarRatingRow } from './star-ratings.js';
import { LusciiUserStatusChangeReasonRow } from './users-status-change-reasons.js';

/**
 * The row type of each report type, so `client.export('alerts', …)` yields `LusciiAlertRow`
 * without an annotation.
 *
 * @example
 * ```ts
 * function load<R extends LusciiReportType>(type: R, rows: LusciiReportRows[R][]) {}
 * ```
 */
export interface LusciiReportRows {
  patients: LusciiPatientRow;
  measurements: LusciiMeasurementRow;
  alerts: LusciiAlertRow;
  hcps: LusciiHcpRow;
  patientsMutations: LusciiPatientMutationRow;
  starRatings: LusciiStarRatingRow;
  plannedActions: LusciiPlannedActionRow;
  patientsWorkflowHistory: LusciiPatientWorkflowHistoryRow;
  patientsProgramsHistory: LusciiPatientProgramHistoryRow;
  patientsSettingsHistory: LusciiPatientSettingHistoryRow;
  usersStatusChangeReasons: LusciiUserStatusChangeReasonRow;
}

/**
 * The zod model of each report type's rows. Typed against {@link LusciiReportRows}, so the two
 * cannot drift. Useful to check rows stored in raw mode.
 *
 * @example
 * ```ts
 * const row = LUSCII_ROW_MODELS.alerts.parse(storedRawRow);
 * ```
 */
export const LUSCII_ROW_MODELS = {
  patients: LusciiPatientRow,
  measurements: LusciiMeasurementRow,
  alerts: LusciiAlertRow,
  hcps: LusciiHcpRow,
  patientsMutations: LusciiPatientMutationRow,
  starRatings: LusciiStarRatingRow,
  plannedActions: LusciiPlannedActionRow,
  patientsWorkflowHistory: LusciiPatientWorkflowHistoryRow,
  patientsProgramsHistory: LusciiPatientProgramHistoryRow,
  patientsSettingsHistory: LusciiPatientSettingHistoryRow,
  usersStatusChangeReasons: LusciiUserStatusChangeReasonRow,
} as const satisfies { readonly [R in LusciiReportType]: z.ZodObject & z.ZodType<LusciiReportRows[R]> };

/**
 * A row exactly as Luscii sent it, before its model converted anything: numeric strings are
 * still strings, `Self_Planned` is still `1`. What the `raw: true` mode yields. Its fields are
 * the known fields of the report type, each `unknown` and possibly absent (a raw row is not
 * checked), so a misspelt field does not compile; a field Luscii adds later passes through at
 * run time, read with `extraFields(row, LUSCII_ROW_MODELS[reportType])`.
 *
 * @example
 * ```ts
 * for await (const row of luscii.export('patients', { raw: true })) store(row.Patient_UUID);
 * ```
 */
export type LusciiRawRow<R extends LusciiReportType = LusciiReportType> = R extends LusciiReportType
  ? { [K in keyof LusciiReportRows[R]]?: unknown }
  : never;

/**
 * The wire form of each report type's rows (the input of its model, known fields only): what the
 * Export API sends and what the fake in `@x/luscii-export/testing` serves.
 */
export type LusciiWireRows = { [R in LusciiReportType]: KnownFields<z.input<(typeof LUSCII_ROW_MODELS)[R]>> };
