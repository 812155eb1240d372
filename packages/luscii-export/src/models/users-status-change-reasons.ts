import * as z from 'zod';
import { values } from '@x/core';

/** A row of the `usersStatusChangeReasons` export: a user's status changed, and why. */
export const LusciiUserStatusChangeReasonRow = z
  .looseObject({
    User_UUID: values.string().describe('The UUID of the user whose status changed.'),
    From_Status: values.string().nullable().describe("The status before: `'created'` in the document; `null` for a first status."),
    To_Status: values.string().describe("The status after: `'active'` in the document."),
    Reason: values.string().nullable().describe("Why the status changed: `'User is now verified.'` in the document."),
    Created_By: values.string().nullable().describe('The UUID of who made the change.'),
    Created_Date: values.localDateTime().describe('When the change was made.'),
    Processed_Date: values.localDateTime().nullable().describe('When the change was processed.'),
  })
  .describe("A user's status changed, and why.");
export type LusciiUserStatusChangeReasonRow = z.infer<typeof LusciiUserStatusChangeReasonRow>;
