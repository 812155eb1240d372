import { z } from 'zod';
import { values } from '@x/core';

/** A row of the `usersStatusChangeReasons` export: a user's status changed, and why. */
export const LusciiUserStatusChangeReasonRow = z.looseObject({
  User_UUID: values.string(),
  /** `'created'` in the document; `null` for a first status. */
  From_Status: values.string().nullable(),
  /** `'active'` in the document. */
  To_Status: values.string(),
  Reason: values.string().nullable(),
  Created_By: values.string().nullable(),
  Created_Date: values.localDateTime(),
  Processed_Date: values.localDateTime().nullable(),
});
export type LusciiUserStatusChangeReasonRow = z.infer<typeof LusciiUserStatusChangeReasonRow>;
