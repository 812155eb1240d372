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
    ['SMS:+14155551212| EMAIL:pat@example.com', [{ type: 'SMS', value: '+14155551212' }, { type: 'EMAIL', value: 'pat@example.com' }]],
    [' SMS : +14155551212 |EMAIL: pat@example.com ', [{ type: 'SMS', value: '+14155551212' }, { type: 'EMAIL', value: 'pat@example.com' }]],
  ])('%j is %j (spaces around the pipe, as a hand-edited or re-saved file has them, are trimmed)', async (text, destinations) => {
    const [row] = await roundTrip('messages', [message(1, { destinations: text })]);
    expect(row!.destinations).toEqual(destinations);
  });

  test.each(['SMS', ':+14155551212', 'SMS:', 'SMS:+1|', '|SMS:+1', 'SMS: ', ' :+1', 'SMS:+1| |EMAIL:a@b'])('%j is a DataValidationError', async (text) => {
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

describe('conversations.message_count is an int64 count', () => {
  const conversation = (message_count: string) => ({
    conversation_id: 'c1',
    type: 'STANDARD',
    created_timestamp: '2024-05-01T00:00:00Z',
    message_count,
    deleted: 'false',
  });

  test.each([
    ['1e3 (a spreadsheet\'s scientific notation)', '1e3'],
    ['9007199254740993 (beyond 2^53, would round to ...992)', '9007199254740993'],
    ['-4 (a negative count)', '-4'],
    ['12.0', '12.0'],
  ])('%s is a DataValidationError, never a silently changed number', async (_, count) => {
    const error = await caught(roundTrip('conversations', [conversation(count) as never]));
    expect(error).toBeInstanceOf(DataValidationError);
    expect(error).toMatchObject({ source: 'conversations', field: 'message_count' });
    expect(error.message).not.toContain(count);
  });

  test('9007199254740991 (2^53 - 1) is exact', async () => {
    const [row] = await roundTrip('conversations', [conversation('9007199254740991') as never]);
    expect(row!.message_count).toBe(Number.MAX_SAFE_INTEGER);
  });
});
