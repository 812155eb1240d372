import { values } from '@x/core';

/**
 * Field groups that several reports share. A field means the same in every report, so it
 * follows the same rule everywhere: names are nullable (a record may lack them), the alert
 * processing fields are `null` until someone processes the alert.
 */

/** A person's name, as the patient, measurement, mutation and professional reports send it. */
export const NAME_FIELDS = {
  First_Name: values.string().nullable(),
  Middle_Name: values.string().nullable(),
  Last_Name: values.string().nullable(),
};

/** Where a patient is treated, as the measurement and alert reports send it. */
export const CARE_FIELDS = {
  Group: values.string().nullable(),
  Program: values.string().nullable(),
  Protocol: values.string().nullable(),
};

/** How an alert was processed; all `null` until it is. */
export const ALERT_PROCESSING_FIELDS = {
  Alert_Processed_Type: values.string().nullable(),
  Alert_Processed_Action: values.string().nullable(),
  Alert_Processed_At: values.localDateTime().nullable(),
  Alert_Processed_By_UUID: values.string().nullable(),
};

/** An alert's colour: `grey`, `orange` or `red` (the patient report counts alerts by them); a colour Luscii adds later passes. */
export function alertFlag() {
  return values.openEnum(['grey', 'orange', 'red']);
}
