import { describe, expect, test } from 'vitest';
import { DataValidationError } from '../src/index.js';
import { SAMPLE_ROWS, caught, roundTrip } from './helpers/index.js';

const entity = (overrides: Record<string, unknown>) => [{ ...SAMPLE_ROWS.entities.input, ...overrides }];

describe('timestamps (RFC 3339 Nano, as Go writes it)', () => {
  test.each([
    ['2024-05-02T14:46:11Z', '2024-05-02T14:46:11.000Z'],
    ['2024-05-02T14:46:11.1Z', '2024-05-02T14:46:11.100Z'],
    ['2024-05-02T14:46:11.12Z', '2024-05-02T14:46:11.120Z'],
    ['2024-05-02T14:46:11.123Z', '2024-05-02T14:46:11.123Z'],
    ['2024-05-02T14:46:11.1234Z', '2024-05-02T14:46:11.123Z'],
    ['2024-05-02T14:46:11.123456Z', '2024-05-02T14:46:11.123Z'],
    ['2024-05-02T14:46:11.123456789Z', '2024-05-02T14:46:11.123Z'],
    ['2024-05-02T14:46:11.999999999+05:30', '2024-05-02T09:16:11.999Z'],
    ['2024-05-02T14:46:11-07:00', '2024-05-02T21:46:11.000Z'],
    ['2024-12-31T23:59:59.5+00:00', '2024-12-31T23:59:59.500Z'],
  ])('%s is the Date %s', async (text, iso) => {
    const [row] = await roundTrip('entities', entity({ entity_created_timestamp: text }));
    expect(row!.entity_created_timestamp).toEqual(new Date(iso));
  });

  test.each(['2024-05-02 14:46:11', '2024-05-02T14:46:11', '2024-13-02T14:46:11Z', '2024-02-30T00:00:00Z', '1714661171', 'yesterday'])(
    '%s is a DataValidationError',
    async (text) => {
      const error = await caught(roundTrip('entities', entity({ entity_created_timestamp: text })));
      expect(error).toBeInstanceOf(DataValidationError);
      expect(error).toMatchObject({ source: 'entities', record: 1, field: 'entity_created_timestamp' });
    },
  );
});

describe('dob', () => {
  test('a valid date stays the text YYYY-MM-DD', async () => {
    const [row] = await roundTrip('entities', entity({ dob: '2000-02-29' }));
    expect(row!.dob).toBe('2000-02-29');
  });

  test.each(['1986-02-30', '1986-3-27', '27/03/1986', '1986-03-27T00:00:00Z'])('%s is a DataValidationError', async (dob) => {
    expect(await caught(roundTrip('entities', entity({ dob })))).toMatchObject({ name: 'DataValidationError', field: 'dob' });
  });
});

describe('booleans and counts', () => {
  test.each([
    ['true', true],
    ['false', false],
    ['TRUE', true],
  ])('invite_pending %s is %s', async (text, value) => {
    const [row] = await roundTrip('entities', entity({ invite_pending: text }));
    expect(row!.invite_pending).toBe(value);
  });

  test.each(['yes', '1', 't'])('invite_pending %s is a DataValidationError', async (text) => {
    expect(await caught(roundTrip('entities', entity({ invite_pending: text })))).toMatchObject({ field: 'invite_pending' });
  });

  test('message_count is a number; a fraction or text is an error', async () => {
    const conversation = (message_count: string) => [{ ...SAMPLE_ROWS.conversations.input, message_count }];
    expect((await roundTrip('conversations', conversation('0')))[0]!.message_count).toBe(0);
    expect((await roundTrip('conversations', conversation('9007199254740991')))[0]!.message_count).toBe(9_007_199_254_740_991);
    for (const bad of ['1.5', 'many']) expect(await caught(roundTrip('conversations', conversation(bad)))).toMatchObject({ field: 'message_count' });
  });

  test('inbound_calls.answered is a boolean; another text is an error', async () => {
    const call = (answered: string) => [{ ...SAMPLE_ROWS.inbound_calls.input, answered }];
    expect((await roundTrip('inbound_calls', call('false')))[0]!.answered).toBe(false);
    expect(await caught(roundTrip('inbound_calls', call('voicemail')))).toMatchObject({ source: 'inbound_calls', field: 'answered' });
  });
});

describe('enumerations', () => {
  test('known values are typed; a value Spruce adds later passes', async () => {
    const rows = await roundTrip('entities', [
      ...entity({ type: 'PROVIDER' }),
      ...entity({ type: 'USER_GROUP' }),
      ...entity({ type: 'EXTERNAL' }),
      ...entity({ type: 'PHONE' }),
      ...entity({ type: 'ROBOT' }),
    ]);
    expect(rows.map((row) => row.type)).toEqual(['PROVIDER', 'USER_GROUP', 'EXTERNAL', 'PHONE', 'ROBOT']);
    const contacts = await roundTrip(
      'entity_contact_info',
      ['PHONE', 'EMAIL', 'FAX', 'SIP_URI', 'PAGER'].map((type) => ({ ...SAMPLE_ROWS.entity_contact_info.input, type })),
    );
    expect(contacts.map((row) => row.type)).toEqual(['PHONE', 'EMAIL', 'FAX', 'SIP_URI', 'PAGER']);
    const kinds = await roundTrip(
      'messages',
      ['USER', 'EVENT', 'TRIGGERED', 'SCHEDULED', 'BOT'].map((message_type) => ({ ...SAMPLE_ROWS.messages.input, message_type })),
    );
    expect(kinds.map((row) => row.message_type)).toEqual(['USER', 'EVENT', 'TRIGGERED', 'SCHEDULED', 'BOT']);
  });
});
