import * as z from 'zod';
import { values } from '@x/core';

const optionalText = () => values.string().nullish();

/**
 * One provider history record of the All Providers Report. `id` is required; the fields the
 * DexCare document names (its search terms) are typed as text that may be absent or `null`;
 * every other field (the Provider Histories Data Definition PDF has the full list, which we do
 * not have) passes through untouched.
 *
 * @example
 * ```ts
 * for await (const record of dex.providerHistories({ startDate, endDate })) {
 *   console.log(record.id, record.action, record.providerCredentials);
 * }
 * ```
 */
export const ProviderHistory = z
  .looseObject({
    id: values.string().describe('The id of the record.'),
    action: optionalText().describe("The event's action: `'assigned'` in the document."),
    visitId: optionalText().describe('The visit the event belongs to (a GUID).'),
    providerId: optionalText().describe("The provider's id (a GUID)."),
    providerEmailAddress: optionalText().describe("The provider's email address."),
    providerName: optionalText().describe("The provider's full name: `'Jenny Generic'` in the document."),
    providerFirstName: optionalText().describe("The provider's first name."),
    providerLastName: optionalText().describe("The provider's last name."),
    providerCredentials: optionalText().describe("The provider's credentials: `'MD'`, `'MD DO'`."),
    actorId: optionalText().describe('The id of who caused the event (a GUID).'),
    actorEmail: optionalText().describe('The email address of who caused the event.'),
    actorFirstName: optionalText().describe('The first name of who caused the event.'),
    actorLastName: optionalText().describe('The last name of who caused the event.'),
  })
  .describe(
    "One provider history record, built from events sent to DexCare's reporting system. The fields the DexCare document " +
      'names (its search terms) are typed; the Provider Histories Data Definition PDF has the full list, which the SDK does not ' +
      'have, and every other field passes through untouched.',
  );
export type ProviderHistory = z.infer<typeof ProviderHistory>;

/**
 * The result set wrapping each page of the All Providers Report: `count` is the total number of
 * matching records (a number, or a numeric string), `data` the records of this page.
 */
export const ProviderHistoriesResultSet = z.looseObject({
  count: values.integer(),
  data: z.array(z.unknown(), { error: 'expected an array of records' }),
});
export type ProviderHistoriesResultSet = z.infer<typeof ProviderHistoriesResultSet>;
