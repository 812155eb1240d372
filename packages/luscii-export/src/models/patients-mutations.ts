import { z } from 'zod';
import { values } from '@x/core';
import { NAME_FIELDS } from './shared-fields.js';

/** A row of the `patientsMutations` export: one change to a patient (a program joined, ...). */
export const LusciiPatientMutationRow = z.looseObject({
  Patient_UUID: values.string(),
  ...NAME_FIELDS,
  Patient_Number: values.string().nullable(),
  /** What changed: `'program'` in the document. */
  Type: values.string(),
  /** The name of what changed: a program name. */
  Name: values.string().nullable(),
  Mutation_Date: values.localDateTime(),
  Mutation_ID: values.integer(),
});
export type LusciiPatientMutationRow = z.infer<typeof LusciiPatientMutationRow>;
