import * as z from 'zod';
import { values } from '@x/core';

/** A row of the `patientsSettingsHistory` export: one setting of a patient changed. */
export const LusciiPatientSettingHistoryRow = z
  .looseObject({
    Patient_UUID: values.string().describe('The UUID of the patient whose setting changed.'),
    Key: values.string().describe("The setting: `'timezone'` in the document."),
    Value: values.string().nullable().describe("Its new value, as text (`'Europe/Amsterdam'`); `null` when the setting was cleared."),
    Created_By: values.string().nullable().describe('The UUID of the user who made the change.'),
    Created_Date: values.localDateTime().describe('When the setting changed.'),
  })
  .describe('One setting of a patient changed.');
export type LusciiPatientSettingHistoryRow = z.infer<typeof LusciiPatientSettingHistoryRow>;
