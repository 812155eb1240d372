import * as z from 'zod';
import { values } from '@x/core';
import { ALERT_PROCESSING_FIELDS, alertFlag, CARE_FIELDS, nameFields } from './shared-fields.js';

/**
 * A row of the `measurements` export: one measurement, with the alert it raised, if any. The
 * alert fields are `null` for a measurement that raised none.
 */
export const LusciiMeasurementRow = z
  .looseObject({
    Patient_UUID: values.string().describe('The UUID of the patient measured.'),
    ...nameFields('patient'),
    Patient_Number: values.string().nullable().describe("The clinic's own patient number, kept as text."),
    ...CARE_FIELDS,
    Measurement_Date: values.localDateTime().describe('When the measurement was taken.'),
    Measurement_Name: values.string().describe("What was measured: `'Heart rate'`, `'Blood pressure'`."),
    Measurement_Value: values.string().describe("The value, as text as sent: a heart rate reads `'72'`, a blood pressure `'120/80'`."),
    Alert_Flag: alertFlag().nullable().describe('The colour of the alert the measurement raised; `null` when it raised none.'),
    Alert_Type: values.string().nullable().describe('The type of the alert the measurement raised; `null` when it raised none.'),
    Alert_Created_Date: values.localDateTime().nullable().describe('When the alert was created; `null` when the measurement raised none.'),
    ...ALERT_PROCESSING_FIELDS,
  })
  .describe('One measurement, with the alert it raised, if any. The alert fields are `null` for a measurement that raised none.');
export type LusciiMeasurementRow = z.infer<typeof LusciiMeasurementRow>;
