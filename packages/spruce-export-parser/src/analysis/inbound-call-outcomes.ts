import type { SpruceInboundCallRow } from '../models/inbound-calls.js';
import { eachRow, type AnalysisOptions, type RowSource } from './rows-source.js';

/** How inbound calls ended. `answered + sentToVoicemail + missed === total`. */
export interface InboundCallOutcomes {
  total: number;
  /** `answered` is true. */
  answered: number;
  /** Not answered, and `sent_to_voicemail` is true. */
  sentToVoicemail: number;
  /** Of those sent to voicemail, the ones where the caller left a message (`left_voicemail_timestamp` set). */
  voicemailsLeft: number;
  /** Neither answered nor sent to voicemail (an empty `answered` counts as not answered). */
  missed: number;
}

/**
 * Sorts inbound calls into answered, sent to voicemail, and missed.
 *
 * @example
 * ```ts
 * const { answered, sentToVoicemail } = await inboundCallOutcomes(exp.rows('inbound_calls'));
 * ```
 */
export async function inboundCallOutcomes(
  calls: RowSource<Pick<SpruceInboundCallRow, 'answered' | 'sent_to_voicemail' | 'left_voicemail_timestamp'>>,
  options: AnalysisOptions = {},
): Promise<InboundCallOutcomes> {
  const outcomes: InboundCallOutcomes = { total: 0, answered: 0, sentToVoicemail: 0, voicemailsLeft: 0, missed: 0 };
  for await (const call of eachRow(calls, options.signal)) {
    outcomes.total += 1;
    if (call.answered === true) outcomes.answered += 1;
    else if (call.sent_to_voicemail) {
      outcomes.sentToVoicemail += 1;
      if (call.left_voicemail_timestamp !== null) outcomes.voicemailsLeft += 1;
    } else outcomes.missed += 1;
  }
  return outcomes;
}
