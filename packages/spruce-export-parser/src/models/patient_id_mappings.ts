import * as z from 'zod';
import { values } from '@x/core';

/** Systems the document names as examples; others (the list ends in "etc.") still pass. */
export const PATIENT_ID_SYSTEMS = ['elation', 'hint'] as const;

/** `patient_id_mappings.csv`: a patient's ID in an integrated system (an EMR chart ID, ...). */
export const PatientIdMappingRow = z
  .looseObject({
    entity_id: values.string().describe('The patient entity.'),
    type: values.openEnum(PATIENT_ID_SYSTEMS).describe('The integrated system: elation, hint, etc.'),
    external_id: values.string().describe("The patient's ID in that system (elation_id, hint_id, etc.)."),
  })
  .describe('Maps a patient to an external ID (such as an EMR chart ID) in the systems Spruce integrates with.');
export type PatientIdMappingRow = z.infer<typeof PatientIdMappingRow>;
