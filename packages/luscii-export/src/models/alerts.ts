import { z } from 'zod';
import { values } from '@x/core';
import { ALERT_PROCESSING_FIELDS, alertFlag, CARE_FIELDS } from './shared-fields.js';

/** A row of the `alerts` export: one alert and how it was processed (`null` until it is). */
export const LusciiAlertRow = z.looseObject({
  Patient_UUID: values.string(),
  ...CARE_FIELDS,
  Alert_Flag: alertFlag(),
  /** `'Measurement'` in the document. */
  Alert_Type: values.string(),
  /** `null` for an alert that no measurement raised (a remark, an overdue measurement). */
  Measurement_Name: values.string().nullable(),
  Alert_Created_Date: values.localDateTime(),
  ...ALERT_PROCESSING_FIELDS,
  Alert_Processed_By_Role: values.string().nullable(),
  Alert_Processed_Additional_Info: values.string().nullable(),
});
export type LusciiAlertRow = z.infer<typeof LusciiAlertRow>;
