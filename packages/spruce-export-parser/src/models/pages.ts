import * as z from 'zod';
import { values } from '@x/core';

/** `pages.csv`: the \@Pages posted in the period. */
export const PageRow = z
  .looseObject({
    page_id: values.string().describe('The page.'),
    conversation_id: values.string().describe('The conversation the page was posted in.'),
    message_id: values.string().meta({ documentSpelling: 'messageid' }).describe('The message that contains the page.'),
    resolved: values.boolean().describe('Whether the page has been resolved.'),
    resolved_timestamp: values.timestamp().nullable().meta({ documentSpelling: 'resolvedtimestamp' }).describe('When the page was resolved.'),
    resolved_by_entity_id: values
      .string()
      .nullable()
      .meta({ documentSpelling: 'resolvedby_entity_id' })
      .describe('Who resolved the page.'),
  })
  .describe('@Pages created by an entity and resolved by another user, posted in the period (incremental).');
export type PageRow = z.infer<typeof PageRow>;
