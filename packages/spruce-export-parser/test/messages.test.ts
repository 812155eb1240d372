import { describe, expect, test } from 'vitest';
import { DataValidationError } from '../src/index.js';
import { caught, message, roundTrip } from './helpers/index.js';

describe('messages.destinations', () => {
  test.each([
    ['SMS:+14155551212', [{ type: 'SMS', value: '+14155551212' }]],
    ['SMS:+14155551212|EMAIL:pat@example.com', [{ type: 'SMS', value: '+14155551212' }, { type: 'EMAIL', value: 'pat@example.com' }]],
    ['VOICE:sip:desk@voip.example', [{ type: 'VOICE', value: 'sip:desk@voip.example' }]],
    ['FAX:+14155550199|VOICE:sip:a:b@x', [{ type: 'FAX', value: '+14155550199' }, { type: 'VOICE', value: 'sip:a:b@x' }]],
    ['', []],
  ])('%j is %j', async (text, destinations) => {
    const [row] = await roundTrip('messages', [message(1, { destinations: text })]);
    expect(row!.destinations).toEqual(destinations);
  });

  test.each(['SMS', ':+14155551212', 'SMS:', 'SMS:+1|', '|SMS:+1'])('%j is a DataValidationError', async (text) => {
    const error = await caught(roundTrip('messages', [message(1, { destinations: text })]));
    expect(error).toBeInstanceOf(DataValidationError);
    expect(error).toMatchObject({ field: 'destinations' });
    expect(error.message).not.toContain('+1');
  });
});

describe('message bodies keep every character', () => {
  const bodies = [
    'plain',
    'a, quoted, comma',
    'she said "hi" and ""left""',
    'line one\nline two',
    'windows\r\nline\r\n',
    '  two leading spaces',
    '\ttab first',
    'emoji 👋🏽 and 🏥, ZWJ 👩‍⚕️',
    '"',
    ',',
    '\\.',
    'trailing space ',
    'ümlaut, ñ, 漢字',
  ];

  test.each(['deflate', 'store'] as const)('through Go-style CSV, %s', async (compression) => {
    const rows = await roundTrip(
      'messages',
      bodies.map((body, i) => message(i, { message_body: body })),
      { compression },
    );
    expect(rows.map((row) => row.message_body)).toEqual(bodies);
  });

  test('a body longer than a chunk, with line breaks, is one value', async () => {
    const body = Array.from({ length: 20_000 }, (_, i) => `line ${i}, "quoted"`).join('\r\n');
    const [row] = await roundTrip('messages', [message(1, { message_body: body })]);
    expect(row!.message_body).toBe(body);
  });
});
