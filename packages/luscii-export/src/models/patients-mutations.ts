import * as z from 'zod';
import { values } from '@x/core';
import { nameFields } from './shared-fields.js';

/** A row of the `patientsMutations` export: one change to a patient (a program joined, ...). */
export const LusciiPatientMutationRow = z
  .looseObject({
    Patient_UUID: values.string().describe('The UUID of the patient changed.'),
    ...nameFields('patient'),
    Patient_Number: values.string().nullable().describe("The clinic's own patient number, kept as text."),
    Type: values.string().describe("What changed: `'program'` in the document."),
    Name: values.string().nullable().describe("The name of what changed: a program name (`'A program name'` in the document)."),
    Mutation_Date: values.localDateTime().describe('When the change happened.'),
    Mutation_ID: values.integer().describe('The id of the change, a number.'),
  })
  .describe('One change to a patient (a program joined, ...).');
export type LusciiPatientMutationRow = z.infer<typeof LusciiPatientMutationRow>;
