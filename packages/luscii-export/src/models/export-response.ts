import * as z from 'zod';
import { values } from '@x/core';

/**
 * The body of every Export API response: the rows, the cursors, and a list of errors. Rows are
 * checked by their own model afterwards, so that a bad row is named by its index; here they
 * only have to be a list.
 */
export const LusciiExportResponse = z.looseObject({
  data: z.array(z.unknown(), { error: 'expected a list of rows' }),
  meta: z.looseObject(
    {
      perPage: values.integer(),
      /** `null` on the last page. A missing cursor is an error: it cannot be told from the end. */
      nextCursor: z.string({ error: 'expected a cursor or null' }).nullable(),
      prevCursor: z.string({ error: 'expected a cursor or null' }).nullable(),
      nextPageUrl: z.string().nullish(),
      prevPageUrl: z.string().nullish(),
    },
    { error: 'expected the paging object' },
  ),
  errors: z.array(z.unknown(), { error: 'expected a list of errors' }).nullish(),
});
export type LusciiExportResponse = z.infer<typeof LusciiExportResponse>;
