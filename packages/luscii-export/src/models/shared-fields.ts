import { values } from '@x/core';

/**
 * Field groups that several reports share. A field means the same in every report, so it
 * follows the same rule everywhere: names are nullable (a record may lack them), the alert
 * processing fields are `null` until someone processes the alert. Each field's description is
 * its zod `.describe()`, which the data reference (docs/data-reference.md) is generated from.
 */

/**
 * A person's name, as the patient, measurement, mutation and professional reports send it:
 * the patient's, or in `hcps` the professional's.
 */
export function nameFields(person: 'patient' | 'professional') {
  return {
    First_Name: values.string().nullable().describe(`The ${person}'s first name.`),
    Middle_Name: values.string().nullable().describe(`The ${person}'s middle name.`),
    Last_Name: values.string().nullable().describe(`The ${person}'s last name.`),
  };
}

/** Where a patient is treated, as the measurement and alert reports send it. */
export const CARE_FIELDS = {
  Group: values.string().nullable().describe("The patient's group: `'A Group'` in the document."),
  Program: values.string().nullable().describe("The patient's program: `'A Program'` in the document."),
  Protocol: values.string().nullable().describe("The patient's protocol: `'A Protocol'` in the document."),
};

/** How an alert was processed; all `null` until it is. */
export const ALERT_PROCESSING_FIELDS = {
  Alert_Processed_Type: values.string().nullable().describe('How the alert was processed (its type); `null` until it is.'),
  Alert_Processed_Action: values.string().nullable().describe('The action taken on the alert; `null` until it is processed.'),
  Alert_Processed_At: values.localDateTime().nullable().describe('When the alert was processed; `null` until it is.'),
  Alert_Processed_By_UUID: values.string().nullable().describe('The UUID of who processed the alert; `null` until it is processed.'),
};

/** An alert's colour: `grey`, `orange` or `red` (the patient report counts alerts by them); a colour Luscii adds later passes. */
export function alertFlag() {
  return values.openEnum(['grey', 'orange', 'red']);
}
