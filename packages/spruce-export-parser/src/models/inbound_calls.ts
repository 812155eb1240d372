import * as z from 'zod';
import { values } from '@x/core';

/** `inbound_calls.csv`: the calls received in the period. */
export const InboundCallRow = z
  .looseObject({
    created_timestamp: values.timestamp().describe('When the call came in.'),
    source: values.string().nullable().describe('The caller (a phone number; empty when withheld).'),
    destination: values.string().describe('The number called.'),
    answered: values
      .boolean()
      .nullable()
      .describe(
        'Whether the call was answered. The document types it "string"; it is read as a boolean (`true`/`false`) like `sent_to_voicemail`, ' +
          'since `answered_by` is described as filled "if answered". Another value is a validation error (lenient and raw modes keep the text).',
      ),
    answered_by: values
      .string()
      .nullable()
      .describe('If answered: the phone number or SIP username where the call was answered (see `voip_phone_lines.csv` for its name).'),
    answered_timestamp: values.timestamp().nullable().describe('When the call was answered.'),
    completed_timestamp: values.timestamp().nullable().describe('When the call ended.'),
    sent_to_voicemail: values.boolean().describe('Whether the call was sent to voicemail.'),
    left_voicemail_timestamp: values.timestamp().nullable().describe('When the caller left a voicemail.'),
    phone_tree_node_id: values.string().nullable().describe('The phone tree node the call went through.'),
  })
  .describe('Inbound calls received in the period (incremental).');
export type InboundCallRow = z.infer<typeof InboundCallRow>;
