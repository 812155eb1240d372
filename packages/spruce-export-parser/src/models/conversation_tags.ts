import * as z from 'zod';
import { values } from '@x/core';

/** `conversation_tags.csv`: tags on the conversations with a message in the period. */
export const ConversationTagRow = z
  .looseObject({
    conversation_id: values.string().describe('The conversation.'),
    tag: values.string().describe('A tag on the conversation.'),
  })
  .describe('Tags of the conversations that had a message exchanged in the period (incremental).');
export type ConversationTagRow = z.infer<typeof ConversationTagRow>;
