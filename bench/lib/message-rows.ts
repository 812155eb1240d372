/**
 * Message rows for the Spruce benchmark. The package's `fakeSpruceExport` gives realistic ids,
 * timestamps and destinations but only eight short bodies; a real export's bodies vary from
 * "ok" to long paragraphs, and the body is most of a row's bytes and all of its CSV quoting. So
 * the fake's rows are kept and each body is replaced by one drawn from a length distribution.
 */
import { fakeSpruceExport, type SpruceTableInput } from '@x/spruce-export-parser/testing';

const WORDS = (
  'hi hello thanks please appointment tomorrow today morning afternoon refill prescription pharmacy ' +
  'pain better worse since monday week results lab blood pressure dose doctor nurse call back schedule ' +
  'reschedule insurance copay form portal question quick follow up visit clinic fever cough rash sleep ' +
  'medication side effects allergy record fax referral specialist confirm cancel running late parking ok'
).split(' ');
const EMOJI = ['👍', '🙏', '😊', '👍🏽'];

/**
 * How many words a body has: mostly short replies, a fair share of a few sentences, a few long
 * paragraphs (a patient describing symptoms, a pasted after-visit summary).
 */
const LENGTH_CLASSES = [
  { share: 0.35, min: 1, max: 6 },
  { share: 0.45, min: 6, max: 25 },
  { share: 0.17, min: 25, max: 80 },
  { share: 0.03, min: 80, max: 250 },
] as const;

/** `count` message rows, the same for the same seed. */
export function* benchMessageRows(count: number, seed = 7): Generator<SpruceTableInput<'messages'>, void, undefined> {
  const random = seededRandom(seed);
  for (const message of fakeSpruceExport({ messages: count, seed }).messages) {
    yield { ...message, message_body: messageBody(random) };
  }
}

/** A body with the punctuation that makes CSV work: commas often, quotes, line breaks and emoji sometimes. */
function messageBody(random: () => number): string {
  let roll = random();
  const lengthClass = LENGTH_CLASSES.find((candidate) => (roll -= candidate.share) < 0) ?? LENGTH_CLASSES[0];
  const words = lengthClass.min + Math.floor(random() * (lengthClass.max - lengthClass.min + 1));
  const lineBreak = random() < 0.01 ? '\r\n' : '\n';
  const withBreaks = random() < 0.12;
  const quoteAt = random() < 0.08 ? Math.floor(random() * words) : -1;
  let text = '';
  for (let i = 0; i < words; i++) {
    const word = WORDS[Math.floor(random() * WORDS.length)]!;
    const separator = i === 0 ? '' : withBreaks && random() < 0.08 ? lineBreak : random() < 0.08 ? ', ' : ' ';
    text += separator + (i === quoteAt ? `"${word}"` : word);
  }
  if (random() < 0.03) text += ` ${EMOJI[Math.floor(random() * EMOJI.length)]!}`;
  return random() < 0.01 ? ` ${text}` : text;
}

/** mulberry32, as the package's fake uses: small, fast, seeded. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
