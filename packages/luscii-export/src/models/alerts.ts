import * as z from 'zod';
import { values } from '@x/core';
import { ALERT_PROCESSING_FIELDS, alertFlag, CARE_FIELDS } from './shared-fields.js';

/** A row of the `alerts` export: one alert and how it was processed (`null` until it is). */
export const LusciiAlertRow = z
  .looseObject({
    Patient_UUID: values.string().describe('The UUID of the patient the alert is about.'),
    ...CARE_FIELDS,
    Alert_Flag: alertFlag().describe("The alert's colour: `'red'` in the document."),
    Alert_Type: values.string().describe("The type of alert: `'Measurement'` in the document."),
    Measurement_Name: values
      .string()
      .nullable()
      .describe("The measurement that raised the alert: `'Heart rate'`; `null` for an alert that no measurement raised (a remark, an overdue measurement)."),
    Alert_Created_Date: values.localDateTime().describe('When the alert was created.'),
    ...ALERT_PROCESSING_FIELDS,
    Alert_Processed_By_Role: values.string().nullable().describe('The role of who processed the alert; `null` until it is processed.'),
    Alert_Processed_Additional_Info: values.string().nullable().describe('Additional information recorded when the alert was processed.'),
  })
  .describe('One alert and how it was processed (the processing fields are `null` until it is).');
export type LusciiAlertRow = z.infer<typeof LusciiAlertRow>;
