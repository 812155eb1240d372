import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import { DataValidationError, openSpruceExport, type TableName } from '../src/index.js';
import { DEFAULT_METADATA, buildZip, spruceTableCsv } from '../src/testing.js';
import { PATIENT_VALUES, SAMPLE_ROWS, caught, collect, exportOf } from './helpers/index.js';

const metadataCsv = [...spruceTableCsv('metadata', [DEFAULT_METADATA])].join('');

/** Every way an error can be shown: message, stack, inspect (with hidden properties), JSON. */
function shown(error: unknown): string[] {
  const base = error as Error;
  return [base.message, base.stack ?? '', inspect(error, { depth: 10 }), JSON.stringify(error), String(error)];
}

function expectNoPatientValue(texts: string[]): void {
  for (const text of texts) for (const value of Object.values(PATIENT_VALUES)) expect(text).not.toContain(value);
}

// A bad cell in a row full of patient values, per table and column.
const BAD_CELLS: [TableName, string, string][] = [
  ['entities', 'dob', `${PATIENT_VALUES.dob}x`],
  ['entities', 'invite_pending', PATIENT_VALUES.firstName],
  ['entities', 'entity_created_timestamp', PATIENT_VALUES.lastName],
  ['messages', 'created_timestamp', PATIENT_VALUES.body],
  ['messages', 'destinations', PATIENT_VALUES.phone],
  ['messages', 'internal', PATIENT_VALUES.email],
  ['conversations', 'message_count', PATIENT_VALUES.email],
  ['inbound_calls', 'answered', PATIENT_VALUES.phone],
  ['conversation_events', 'data', `{"archive":"${PATIENT_VALUES.body}"`],
];

describe('no patient value in any error', () => {
  test.each(BAD_CELLS)('%s.%s: the error names table, record and column, never the value', async (table, column, value) => {
    const rows = [SAMPLE_ROWS[table].input, { ...SAMPLE_ROWS[table].input, [column]: value }];
    const exp = await exportOf({ [table]: rows });
    const error = await caught(collect(exp.rows(table)));
    expect(error).toBeInstanceOf(DataValidationError);
    expect(error).toMatchObject({ source: table, record: 2 });
    expect((error as DataValidationError).field?.startsWith(column)).toBe(true);
    expect(error.message).toMatch(new RegExp(`^Invalid ${table} record 2, field "${column}`));
    expectNoPatientValue(shown(error));
    // The value is there for the caller who asks, on a property that is not printed.
    expect(Object.keys(error)).not.toContain('value');
    expect((error as DataValidationError).row).toBeDefined();
  });

  test('lenient mode reports carry no value either', async () => {
    const reported: unknown[] = [];
    const exp = await exportOf({ entities: [{ ...SAMPLE_ROWS.entities.input, dob: PATIENT_VALUES.firstName }] });
    await collect(exp.rows('entities', { onInvalidRow: (error) => reported.push(error) }));
    expect(reported).toHaveLength(1);
    expectNoPatientValue(shown(reported[0]));
  });

  test('a missing column and a malformed CSV record name table and record, not the data', async () => {
    const missing = await exportOf({ entities: [SAMPLE_ROWS.entities.input] }, { columns: { entities: ['entity_id', 'first_name', 'last_name'] } });
    expectNoPatientValue(shown(await caught(collect(missing.rows('entities')))));
    const header = Object.keys(SAMPLE_ROWS.messages.input).join(',');
    const csv = `${header}\nmsg_1,conv_1,2024-05-02T14:46:11Z,false,,,"${PATIENT_VALUES.body}\n`;
    const unclosed = await openSpruceExport(buildZip([{ name: 'metadata.csv', data: metadataCsv }, { name: 'messages.csv', data: csv }]));
    const error = await caught(collect(unclosed.rows('messages')));
    expect(error.name).toBe('ExportFormatError');
    expectNoPatientValue(shown(error));
  });

  test('inspecting or serialising an export shows its tables and period only', async () => {
    const exp = await exportOf({ entities: [SAMPLE_ROWS.entities.input], messages: [SAMPLE_ROWS.messages.input] });
    await collect(exp.rows('entities'));
    const views = [inspect(exp, { depth: 10, showHidden: true }), JSON.stringify(exp)];
    expectNoPatientValue(views);
    expect(JSON.parse(JSON.stringify(exp))).toEqual({
      tables: ['metadata', 'entities', 'messages'],
      metadata: { start_timestamp: '2024-05-01T00:00:00.000Z', end_timestamp: '2024-06-01T00:00:00.000Z' },
    });
    expect(views[0]).toMatch(/^SpruceExport \{/);
  });
});
