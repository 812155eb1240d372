/**
 * Tables a clinic opened in a spreadsheet and saved again before handing the export on: Excel
 * pads every line with empty trailing columns (`,,` and empty header names), keeps rows whose
 * data was deleted as lines of bare separators, and a Latin-1 re-save turns `José` into bytes
 * that are not UTF-8.
 */
import { describe, expect, test } from 'vitest';
import { DataValidationError, ExportFormatError, InvalidParamsError, loadSpruceExport, openSpruceExport } from '../src/index.js';
import { buildZip } from '../src/testing.js';
import { caught, collect } from './helpers/index.js';

const METADATA = 'start_timestamp,end_timestamp\r\n2024-05-01T00:00:00Z,2024-06-01T00:00:00Z\r\n';
const TAGS_HEADER = 'conversation_id,tag';

function exportWith(name: string, data: string | Uint8Array) {
  return openSpruceExport(buildZip([{ name: 'metadata.csv', data: METADATA }, { name, data }]));
}

describe('an Excel re-save with empty trailing columns', () => {
  test('`,,` at the end of every line and empty header names: ignored, the rows as they were', async () => {
    const csv = `${TAGS_HEADER},,\r\nc1,urgent,,\r\nc2,billing,,\r\n`;
    const exp = await exportWith('conversation_tags.csv', csv);
    expect(await collect(exp.rows('conversation_tags'))).toEqual([
      { conversation_id: 'c1', tag: 'urgent' },
      { conversation_id: 'c2', tag: 'billing' },
    ]);
    expect(await collect(exp.rows('conversation_tags', { raw: true }))).toEqual([
      { conversation_id: 'c1', tag: 'urgent' },
      { conversation_id: 'c2', tag: 'billing' },
    ]);
  });

  test('the whole export loads, metadata.csv re-saved too', async () => {
    const zip = buildZip([
      { name: 'metadata.csv', data: 'start_timestamp,end_timestamp,,,\r\n2024-05-01T00:00:00Z,2024-06-01T00:00:00Z,,,\r\n' },
      { name: 'conversation_tags.csv', data: `${TAGS_HEADER},\r\nc1,urgent,\r\n` },
    ]);
    expect((await loadSpruceExport(zip)).conversation_tags).toEqual([{ conversation_id: 'c1', tag: 'urgent' }]);
  });

  test('a value under an empty header name: a DataValidationError that says what is wrong, naming table and record', async () => {
    const exp = await exportWith('conversation_tags.csv', `${TAGS_HEADER},,\r\nc1,urgent,,\r\nc2,billing,,Jane Doe\r\n`);
    const error = await caught(collect(exp.rows('conversation_tags')));
    expect(error).toBeInstanceOf(DataValidationError);
    expect(error).toMatchObject({ source: 'conversation_tags', record: 2 });
    expect(error.message).toMatch(/value in column 4, whose header cell is empty/);
    expect(error.message).not.toContain('Jane');
  });

  test('lenient mode reports that row and still delivers it, without the stray cell', async () => {
    const exp = await exportWith('conversation_tags.csv', `${TAGS_HEADER},\r\nc1,urgent,x\r\n`);
    const reported: DataValidationError[] = [];
    expect(await collect(exp.rows('conversation_tags', { onInvalidRow: (error) => reported.push(error) }))).toEqual([
      { conversation_id: 'c1', tag: 'urgent' },
    ]);
    expect(reported).toHaveLength(1);
  });
});

describe('an Excel re-save that keeps blank rows as lines of bare separators (`,` / `,,`)', () => {
  test('metadata.csv with a blank row after its one row: the export opens', async () => {
    const exp = await openSpruceExport(
      buildZip([
        { name: 'metadata.csv', data: `${METADATA},\r\n` },
        { name: 'conversation_tags.csv', data: `${TAGS_HEADER}\r\nc1,urgent\r\n` },
      ]),
    );
    expect(exp.metadata).toEqual({ start_timestamp: new Date('2024-05-01T00:00:00Z'), end_timestamp: new Date('2024-06-01T00:00:00Z') });
  });

  test('no rows from the blank lines, typed or raw; a row with an empty cell is still a row', async () => {
    const exp = await exportWith('conversation_tags.csv', `${TAGS_HEADER}\r\nc1,urgent\r\n,\r\n,,\r\nc2,\r\n,\r\n`);
    expect(await collect(exp.rows('conversation_tags', { raw: true }))).toEqual([
      { conversation_id: 'c1', tag: 'urgent' },
      { conversation_id: 'c2', tag: '' },
    ]);
    const error = await caught(collect(exp.rows('conversation_tags')));
    expect(error).toBeInstanceOf(DataValidationError);
    expect(error).toMatchObject({ source: 'conversation_tags', record: 2, field: 'tag' });
  });
});

describe('a table re-saved as Latin-1', () => {
  const latin1 = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));
  const entities =
    'entity_id,first_name,last_name,display_name,dob,type,invite_pending,entity_created_timestamp\r\n' +
    'e1,Ann,Lee,Ann Lee,,PATIENT,false,2024-05-01T00:00:00Z\r\n' +
    'e2,José,Núñez,José Núñez,,PATIENT,false,2024-05-01T00:00:00Z\r\n';

  test('read as UTF-8: an ExportFormatError naming table and record, never Jos� and never the bytes', async () => {
    const exp = await exportWith('entities.csv', latin1(entities));
    const read: unknown[] = [];
    const error = await caught(
      (async () => {
        for await (const row of exp.rows('entities')) read.push(row);
      })(),
    );
    expect(error).toBeInstanceOf(ExportFormatError);
    expect(error.message).toMatch(/^entities: record 2 is not valid utf-8; .*encoding option/);
    expect(error.message).not.toMatch(/Jos|\uFFFD/);
    expect(read).toHaveLength(1);
  });

  test("encoding: 'latin1' reads it as written", async () => {
    const exp = await exportWith('entities.csv', latin1(entities));
    const rows = await collect(exp.rows('entities', { encoding: 'latin1' }));
    expect(rows.map((row) => row.display_name)).toEqual(['Ann Lee', 'José Núñez']);
  });

  test('an encoding TextDecoder does not know is an InvalidParamsError when rows() is called', async () => {
    const exp = await exportWith('entities.csv', latin1(entities));
    expect(() => exp.rows('entities', { encoding: 'excel-please' })).toThrow(InvalidParamsError);
  });
});
