import { z } from 'zod';
import { values } from '@x/core';

/** A row of the `patientsProgramsHistory` export: a patient added to a program. */
export const LusciiPatientProgramHistoryRow = z.looseObject({
  Patient_UUID: values.string(),
  Program_UUID: values.string(),
  /** The UUID of the user who made the change; `null` when nobody did (the system). */
  Created_By: values.string().nullable(),
  Created_Date: values.localDateTime(),
});
export type LusciiPatientProgramHistoryRow = z.infer<typeof LusciiPatientProgramHistoryRow>;
