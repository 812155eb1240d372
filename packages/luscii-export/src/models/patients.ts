import { z } from 'zod';
import { values } from '@x/core';
import { NAME_FIELDS } from './shared-fields.js';

/**
 * A row of the `patients` export: one patient with their program and alert counts. The counts
 * arrive as numeric strings (`"0"`), except `Total_Alerts`, and all become numbers.
 */
export const LusciiPatientRow = z.looseObject({
  Patient_UUID: values.string(),
  ...NAME_FIELDS,
  /** `'male'` in the document; other values pass through. */
  Sex: values.openEnum(['male', 'female']).nullable(),
  /** The clinic's own patient number: digits, but an identifier, so kept as text. */
  Patient_Number: values.string().nullable(),
  /** The Dutch citizen service number: kept as text (leading zeros matter). */
  BSN: values.string().nullable(),
  Email: values.string().nullable(),
  Phone: values.string().nullable(),
  Date_Of_Birth: values.date().nullable(),
  /** `'active'` in the document. */
  Status: values.string(),
  Group_Name: values.string().nullable(),
  Program_Name: values.string().nullable(),
  Protocol: values.string().nullable(),
  Created_Date: values.localDateTime(),
  Activated_Date: values.localDateTime().nullable(),
  Stopped_Date: values.localDateTime().nullable(),
  Stopped_Reason: values.string().nullable(),
  Grey_Alerts: values.integer(),
  Orange_Alerts: values.integer(),
  Red_Alerts: values.integer(),
  Measurements_Alerts: values.integer(),
  Combination_Alerts: values.integer(),
  Remark_Alerts: values.integer(),
  Overdues_Alerts: values.integer(),
  Average_Alerts: values.integer(),
  Total_Alerts: values.integer(),
});
export type LusciiPatientRow = z.infer<typeof LusciiPatientRow>;
