import * as z from 'zod';
import { values } from '@x/core';

/**
 * The body of every Export API response: the rows, the cursors, and a list of errors. Rows are
 * checked by their own model afterwards, so that a bad row is named by its index; here they
 * only have to be a list. Only what paging needs is required (`data`, `meta.nextCursor`); the
 * rest of `meta` is informational, read when it makes sense and otherwise left out.
 */
export const LusciiExportResponse = z.looseObject({
  data: z.array(z.unknown(), { error: 'expected a list of rows' }),
  meta: z.looseObject(
    {
      /** Informational: `50`, `"50"` or missing are all read; anything else is left out. */
      perPage: values.integer().optional().catch(undefined),
      /** `null` on the last page. A missing cursor is an error: it cannot be told from the end. */
      nextCursor: z.string({ error: 'expected a cursor or null' }).nullable(),
      prevCursor: z.string().nullish().catch(null),
      nextPageUrl: z.string().nullish().catch(null),
      prevPageUrl: z.string().nullish().catch(null),
    },
    { error: 'expected the paging object' },
  ),
  errors: z.array(z.unknown(), { error: 'expected a list of errors' }).nullish(),
});
export type LusciiExportResponse = z.infer<typeof LusciiExportResponse>;
