import { z } from 'zod';
import { values } from '@x/core';
import { ALERT_PROCESSING_FIELDS, alertFlag, CARE_FIELDS, NAME_FIELDS } from './shared-fields.js';

/**
 * A row of the `measurements` export: one measurement, with the alert it raised, if any. The
 * alert fields are `null` for a measurement that raised none.
 */
export const LusciiMeasurementRow = z.looseObject({
  Patient_UUID: values.string(),
  ...NAME_FIELDS,
  Patient_Number: values.string().nullable(),
  ...CARE_FIELDS,
  Measurement_Date: values.localDateTime(),
  /** What was measured: `'Heart rate'`, `'Blood pressure'`. */
  Measurement_Name: values.string(),
  /** Text, as sent: a heart rate reads `'72'`, a blood pressure `'120/80'`. */
  Measurement_Value: values.string(),
  Alert_Flag: alertFlag().nullable(),
  Alert_Type: values.string().nullable(),
  Alert_Created_Date: values.localDateTime().nullable(),
  ...ALERT_PROCESSING_FIELDS,
});
export type LusciiMeasurementRow = z.infer<typeof LusciiMeasurementRow>;
