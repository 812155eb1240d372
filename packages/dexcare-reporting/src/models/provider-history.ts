import { z } from 'zod';
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
export const ProviderHistory = z.looseObject({
  id: values.string(),
  action: optionalText(),
  visitId: optionalText(),
  providerId: optionalText(),
  providerEmailAddress: optionalText(),
  providerName: optionalText(),
  providerFirstName: optionalText(),
  providerLastName: optionalText(),
  providerCredentials: optionalText(),
  actorId: optionalText(),
  actorEmail: optionalText(),
  actorFirstName: optionalText(),
  actorLastName: optionalText(),
});
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
