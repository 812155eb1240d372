import * as z from 'zod';
import { values } from '@x/core';

/** `paged_entities.csv`: who each page in the period was assigned to. */
export const PagedEntityRow = z
  .looseObject({
    page_id: values.string().describe('The page (see `pages.csv`).'),
    entity_id: values.string().meta({ documentSpelling: 'entityid' }).describe('Who the page has been assigned to.'),
  })
  .describe('Entities referenced in the pages posted in the period (incremental).');
export type PagedEntityRow = z.infer<typeof PagedEntityRow>;
