import { z } from 'zod';
import { values } from '@x/core';

/** A row of the `patientsWorkflowHistory` export: how often a workflow fired for a patient on a day. */
export const LusciiPatientWorkflowHistoryRow = z.looseObject({
  Patient_UUID: values.string(),
  Workflow_UUID: values.string(),
  Trigger_Day: values.date(),
  Trigger_Count: values.integer(),
  Created_Date: values.localDateTime(),
});
export type LusciiPatientWorkflowHistoryRow = z.infer<typeof LusciiPatientWorkflowHistoryRow>;
