import { describe, expect, test } from 'vitest';
import { ExportFormatError, InvalidParamsError, openSpruceExport, type TableName } from '../src/index.js';
import { DEFAULT_METADATA, buildZip, spruceTableCsv } from '../src/testing.js';
import { SAMPLE_ROWS, caught, collect, exportOf } from './helpers/index.js';

const csv = (table: TableName) => [...spruceTableCsv(table, [SAMPLE_ROWS[table].input])].join('');
const metadata = [...spruceTableCsv('metadata', [DEFAULT_METADATA])].join('');

describe('where tables are found', () => {
  test.each(['folder', 'root'] as const)('%s layout, with junk entries ignored', async (layout) => {
    const exp = await exportOf({ messages: [SAMPLE_ROWS.messages.input], pages: [SAMPLE_ROWS.pages.input] }, { layout, junk: true });
    expect(exp.tables).toEqual(['metadata', 'pages', 'messages']);
    expect(await collect(exp.rows('messages'))).toEqual([SAMPLE_ROWS.messages.output]);
  });

  test('file names match in any case; folders, dotfiles, __MACOSX, other files and deeper paths are ignored', async () => {
    const exp = await openSpruceExport(
      buildZip([
        { name: 'Spruce Export/', method: 'store' },
        { name: 'Spruce Export/METADATA.CSV', data: metadata },
        { name: 'Spruce Export/Messages.csv', data: csv('messages') },
        { name: 'Spruce Export/.pages.csv', data: 'not a table' },
        { name: '__MACOSX/Spruce Export/._messages.csv', data: 'AppleDouble' },
        { name: 'Spruce Export/old/pages.csv', data: 'one folder too deep' },
        { name: 'Spruce Export/pages.csv.bak', data: 'a backup' },
        { name: 'Spruce Export/notes.txt', data: 'notes' },
      ]),
    );
    expect(exp.tables).toEqual(['metadata', 'messages']);
  });

  test('two files for one table are an ExportFormatError naming both', async () => {
    const zip = buildZip([
      { name: 'metadata.csv', data: metadata },
      { name: 'a/messages.csv', data: csv('messages') },
      { name: 'b/messages.csv', data: csv('messages') },
    ]);
    const error = await caught(openSpruceExport(zip));
    expect(error).toBeInstanceOf(ExportFormatError);
    expect(error.message).toBe('the export holds two files for the table messages: "a/messages.csv" and "b/messages.csv"');
  });

  test('a zip without metadata.csv is not a Spruce export', async () => {
    const error = await caught(openSpruceExport(buildZip([{ name: 'x/messages.csv', data: csv('messages') }])));
    expect(error).toBeInstanceOf(ExportFormatError);
    expect(error.message).toContain('no metadata.csv');
  });

  test.each([
    ['no row', 'start_timestamp,end_timestamp\n', 'holds 0 rows'],
    ['two rows', `${metadata}2024-06-01T00:00:00Z,2024-07-01T00:00:00Z\n`, 'holds 2 rows'],
  ])('metadata.csv with %s is an ExportFormatError', async (_case, text, message) => {
    const error = await caught(openSpruceExport(buildZip([{ name: 'metadata.csv', data: text }])));
    expect(error).toBeInstanceOf(ExportFormatError);
    expect(error.message).toContain(message);
  });

  test('a table the zip lacks fails when iterated, naming it; exp.tables tells beforehand', async () => {
    const exp = await exportOf({ messages: [] });
    expect(exp.tables.includes('pages')).toBe(false);
    const rows = exp.rows('pages');
    const error = await caught(collect(rows));
    expect(error).toBeInstanceOf(ExportFormatError);
    expect(error).toMatchObject({ message: 'the export has no pages.csv', source: 'pages' });
  });

  test('a name that is not a table is an InvalidParamsError at once', async () => {
    const exp = await exportOf({});
    expect(() => exp.rows('patients' as TableName)).toThrow(InvalidParamsError);
  });
});
