import * as z from 'zod';
import { values } from '@x/core';

/** `voip_phone_lines.csv`: every VoIP phone line of the organization. */
export const VoipPhoneLineRow = z
  .looseObject({
    username: values.string().describe('Username of the SIP endpoint (what `inbound_calls.answered_by` holds). The document gives no type: text.'),
    name: values.string().nullable().describe('Name of the phone line. The document gives no type: text.'),
    entity_id: values
      .string()
      .describe('The phone entity that shows up in messages (an entity of type PHONE in `entities.csv`). The document gives no type: text.'),
  })
  .describe('All VoIP phone lines configured in the organization. Always the full list.');
export type VoipPhoneLineRow = z.infer<typeof VoipPhoneLineRow>;
