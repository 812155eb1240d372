import * as z from 'zod';
import { values } from '@x/core';

/** The kinds of conversation the document lists; a kind Spruce adds later still passes. */
export const CONVERSATION_TYPES = ['TEAM', 'STANDARD', 'SECURE'] as const;

/** `conversations.csv`: the conversations with a message in the period. */
export const ConversationRow = z
  .looseObject({
    conversation_id: values.string().describe('The conversation.'),
    primary_entity_id: values
      .string()
      .nullable()
      .describe('The entity being communicated with, when there are 2 participants; empty when there are likely more.'),
    type: values.openEnum(CONVERSATION_TYPES).describe('TEAM, STANDARD or SECURE.'),
    created_timestamp: values.timestamp().describe('When the conversation was created.'),
    message_count: values.integer().describe('The number of messages in the conversation (int64).'),
    last_message_timestamp: values
      .timestamp()
      .nullable()
      .meta({ documentSpelling: 'lastmessage_timestamp' })
      .describe('The last time there was any activity in the thread.'),
    assigned_entity_id: values.string().nullable().describe('The entity the conversation is currently assigned to.'),
    deleted: values.boolean().describe('Whether the conversation is deleted.'),
    internal_endpoint: values
      .string()
      .nullable()
      .describe(
        'The endpoint on the organization side: the phone or fax number or email address of a standard conversation, or the Spruce Link ID of a secure one.',
      ),
    external_endpoint: values
      .string()
      .nullable()
      .describe(
        'The endpoint on the other side: a phone or fax number or email address, or for a secure conversation the organization ID on the other side. ' +
          'Empty when there are 2+ participants, or when it could not be determined (legacy conversations).',
      ),
  })
  .describe('Non-deleted conversations that had a message exchanged in the period (incremental, not the full list).');
export type ConversationRow = z.infer<typeof ConversationRow>;
