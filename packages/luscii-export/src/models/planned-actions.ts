import { z } from 'zod';
import { values } from '@x/core';
import { binaryFlag } from './flag.js';

/** A row of the `plannedActions` export: one action planned for a patient. */
export const LusciiPlannedActionRow = z.looseObject({
  UUID: values.string(),
  Program_Action_UUID: values.string(),
  Patient_UUID: values.string(),
  /** How it was planned: `'rec'` in the document. */
  Planned_Via: values.string().nullable(),
  /** Sent as `1` or `0`; a boolean here. */
  Self_Planned: binaryFlag(),
  Not_Before: values.localDateTime().nullable(),
  Expires_At: values.localDateTime().nullable(),
  /** The zone `Not_Before` and `Expires_At` are in: `'Europe/Amsterdam'`. */
  Valid_Period_Timezone: values.string().nullable(),
  /** `null` while the action is not completed. */
  Completed_At: values.localDateTime().nullable(),
  Completed_At_Timezone: values.string().nullable(),
  Created_Date: values.localDateTime(),
});
export type LusciiPlannedActionRow = z.infer<typeof LusciiPlannedActionRow>;
