import { z } from 'zod';
import { values } from '@x/core';
import { NAME_FIELDS } from './shared-fields.js';

/** A row of the `hcps` export: one healthcare professional (a user of the organisation). */
export const LusciiHcpRow = z.looseObject({
  UUID: values.string(),
  ...NAME_FIELDS,
  Email: values.string().nullable(),
  User_Name: values.string(),
  /** A language code: `'nl'`. */
  Language: values.string().nullable(),
  /** `'hc_primary'` in the document. */
  Role: values.string(),
  /** `'active'` in the document. */
  Status: values.string(),
  Last_Login_At: values.localDateTime().nullable(),
  Last_Logout_At: values.localDateTime().nullable(),
  /** The professional's groups, as Luscii writes them (one text). */
  Groups: values.string().nullable(),
  Processed_Alerts: values.integer(),
});
export type LusciiHcpRow = z.infer<typeof LusciiHcpRow>;
