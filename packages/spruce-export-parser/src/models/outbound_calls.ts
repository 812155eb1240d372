import * as z from 'zod';
import { values } from '@x/core';

/** `outbound_calls.csv`: the calls placed in the period. */
export const OutboundCallRow = z
  .looseObject({
    source: values.string().describe('The number the call was placed from.'),
    destination: values.string().describe('The number called.'),
    outbound_caller_id: values.string().nullable().describe('The caller ID shown to the callee.'),
    created_timestamp: values.timestamp().describe('When the call was placed.'),
    caller_entity_id: values.string().nullable().describe('Who placed the call.'),
    completed_timestamp: values
      .timestamp()
      .nullable()
      .describe(
        'When the call ended. The document types it "string"; it is read as a timestamp like `created_timestamp` and ' +
          '`inbound_calls.completed_timestamp` (raw mode keeps the text).',
      ),
  })
  .describe('Outbound calls placed in the period (incremental).');
export type OutboundCallRow = z.infer<typeof OutboundCallRow>;
