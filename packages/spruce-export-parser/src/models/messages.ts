import * as z from 'zod';
import { values } from '@x/core';

/** The kinds of message the document lists; a kind Spruce adds later still passes. */
export const MESSAGE_TYPES = ['USER', 'EVENT', 'TRIGGERED', 'SCHEDULED'] as const;

/** Channels seen in `destinations` (SMS and EMAIL from the document); others still pass. */
export const DESTINATION_TYPES = ['SMS', 'EMAIL', 'VOICE', 'FAX'] as const;

/** One destination of a message: `SMS:+14155551212` is `{ type: 'SMS', value: '+14155551212' }`. */
export interface Destination {
  type: (typeof DESTINATION_TYPES)[number] | (string & {});
  value: string;
}

const DESTINATIONS_MESSAGE = 'expected destinations as TYPE:value separated by |';

/**
 * Splits a piped list of `type:value` on `|`, then each item on its first `:` only, so
 * `VOICE:sip:desk@voip.example` keeps the value `sip:desk@voip.example`.
 */
function parseDestinations(text: string | null, ctx: z.RefinementCtx): Destination[] {
  if (text === null) return [];
  const destinations: Destination[] = [];
  for (const item of text.split('|')) {
    const colon = item.indexOf(':');
    if (colon <= 0 || colon === item.length - 1) {
      ctx.issues.push({ code: 'custom', message: DESTINATIONS_MESSAGE, input: undefined });
      return [];
    }
    destinations.push({ type: item.slice(0, colon), value: item.slice(colon + 1) });
  }
  return destinations;
}

/** `messages.csv`: the messages exchanged in the period. */
export const MessageRow = z
  .looseObject({
    message_id: values.string().describe('The message.'),
    conversation_id: values.string().describe('The conversation.'),
    created_timestamp: values.timestamp().describe('When the message was created.'),
    internal: values.boolean().describe('Whether the message was internal to the organization rather than for the patient.'),
    destinations: values
      .string()
      .nullable()
      .transform(parseDestinations)
      .meta({ wireType: 'string', format: 'list of { type, value }' })
      .describe(
        'Where the message went: a piped list of `type:value` (`SMS:+14155551212|EMAIL:pat@example.com`), split on `|` and then on the first `:`. Empty: `[]`.',
      ),
    actor_entity_id: values.string().nullable().describe('Who sent the message.'),
    message_body: values.string().nullable().describe('The text, every character kept (commas, quotes, line breaks, emoji).'),
    message_type: values
      .openEnum(MESSAGE_TYPES)
      .describe(
        'USER: written by a user; EVENT: activity in the conversation (assignment changed, tag added or removed); ' +
          'TRIGGERED: triggered by user activity (away message, automated welcome); SCHEDULED: a scheduled message.',
      ),
    deleted: values.boolean().describe('Whether the message is deleted (the document says "conversation", likely a copy slip).'),
  })
  .describe('Messages exchanged in the period (incremental).');
export type MessageRow = z.infer<typeof MessageRow>;
