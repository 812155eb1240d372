import * as z from 'zod';
import { values } from '@x/core';
import { nameFields } from './shared-fields.js';

/** A row of the `hcps` export: one healthcare professional (a user of the organisation). */
export const LusciiHcpRow = z
  .looseObject({
    UUID: values.string().describe("The professional's UUID."),
    ...nameFields('professional'),
    Email: values.string().nullable().describe("The professional's email address."),
    User_Name: values.string().describe("The professional's user name: an email address in the document."),
    Language: values.string().nullable().describe("A language code: `'nl'`."),
    Role: values.string().describe("The professional's role: `'hc_primary'` in the document."),
    Status: values.string().describe("The professional's status: `'active'` in the document."),
    Last_Login_At: values.localDateTime().nullable().describe('When the professional last logged in.'),
    Last_Logout_At: values.localDateTime().nullable().describe('When the professional last logged out.'),
    Groups: values.string().nullable().describe("The professional's groups, as Luscii writes them (one text): `'A Group'` in the document."),
    Processed_Alerts: values.integer().describe('Number of alerts the professional processed.'),
  })
  .describe('One healthcare professional (a user of the organisation).');
export type LusciiHcpRow = z.infer<typeof LusciiHcpRow>;
