import * as z from 'zod';
import { values } from '@x/core';

/** A row of the `patientsProgramsHistory` export: a patient added to a program. */
export const LusciiPatientProgramHistoryRow = z
  .looseObject({
    Patient_UUID: values.string().describe('The UUID of the patient added.'),
    Program_UUID: values.string().describe('The UUID of the program the patient was added to.'),
    Created_By: values.string().nullable().describe('The UUID of the user who made the change; `null` when nobody did (the system).'),
    Created_Date: values.localDateTime().describe('When the patient was added.'),
  })
  .describe('A patient added to a program.');
export type LusciiPatientProgramHistoryRow = z.infer<typeof LusciiPatientProgramHistoryRow>;
