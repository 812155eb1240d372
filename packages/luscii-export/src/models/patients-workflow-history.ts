import * as z from 'zod';
import { values } from '@x/core';

/** A row of the `patientsWorkflowHistory` export: how often a workflow fired for a patient on a day. */
export const LusciiPatientWorkflowHistoryRow = z
  .looseObject({
    Patient_UUID: values.string().describe('The UUID of the patient the workflow fired for.'),
    Workflow_UUID: values.string().describe('The UUID of the workflow.'),
    Trigger_Day: values.date().describe('The day the workflow fired.'),
    Trigger_Count: values.integer().describe('How often the workflow fired for the patient that day.'),
    Created_Date: values.localDateTime().describe('When the record was created.'),
  })
  .describe('How often a workflow fired for a patient on a day.');
export type LusciiPatientWorkflowHistoryRow = z.infer<typeof LusciiPatientWorkflowHistoryRow>;
