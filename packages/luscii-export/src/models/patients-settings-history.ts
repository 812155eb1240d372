import { z } from 'zod';
import { values } from '@x/core';

/** A row of the `patientsSettingsHistory` export: one setting of a patient changed. */
export const LusciiPatientSettingHistoryRow = z.looseObject({
  Patient_UUID: values.string(),
  /** The setting: `'timezone'` in the document. */
  Key: values.string(),
  /** Its new value, as text; `null` when the setting was cleared. */
  Value: values.string().nullable(),
  Created_By: values.string().nullable(),
  Created_Date: values.localDateTime(),
});
export type LusciiPatientSettingHistoryRow = z.infer<typeof LusciiPatientSettingHistoryRow>;
