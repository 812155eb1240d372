import * as z from 'zod';
import { values } from '@x/core';
import { binaryFlag } from './flag.js';

/** A row of the `plannedActions` export: one action planned for a patient. */
export const LusciiPlannedActionRow = z
  .looseObject({
    UUID: values.string().describe("The planned action's UUID."),
    Program_Action_UUID: values.string().describe('The UUID of the program action planned.'),
    Patient_UUID: values.string().describe('The UUID of the patient the action is planned for.'),
    Planned_Via: values.string().nullable().describe("How it was planned: `'rec'` in the document."),
    Self_Planned: binaryFlag().describe('Whether the action was self-planned. Sent as `1` or `0`; a boolean here.'),
    Not_Before: values.localDateTime().nullable().describe('Start of the period the action is valid in, in `Valid_Period_Timezone`.'),
    Expires_At: values.localDateTime().nullable().describe('End of the period the action is valid in, in `Valid_Period_Timezone`.'),
    Valid_Period_Timezone: values.string().nullable().describe("The zone `Not_Before` and `Expires_At` are in: `'Europe/Amsterdam'`."),
    Completed_At: values.localDateTime().nullable().describe('When the action was completed, in `Completed_At_Timezone`; `null` while it is not.'),
    Completed_At_Timezone: values.string().nullable().describe("The zone `Completed_At` is in: `'Europe/Amsterdam'`."),
    Created_Date: values.localDateTime().describe('When the planned action was created.'),
  })
  .describe('One action planned for a patient.');
export type LusciiPlannedActionRow = z.infer<typeof LusciiPlannedActionRow>;
