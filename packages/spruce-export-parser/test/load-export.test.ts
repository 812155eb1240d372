import { describe, expect, expectTypeOf, test } from 'vitest';
import { loadSpruceExport, SdkError, type MessageRow, type DataValidationError } from '../src/index.js';
import { buildSpruceExportZip, fakeSpruceExport } from '../src/testing.js';
import { SAMPLE_ROWS, caught, message } from './helpers/index.js';

describe('loadSpruceExport', () => {
  test('every present table as an array; absent tables are absent', async () => {
    const data = await loadSpruceExport(buildSpruceExportZip({ messages: [SAMPLE_ROWS.messages.input], pages: [SAMPLE_ROWS.pages.input] }));
    expect(Object.keys(data)).toEqual(['metadata', 'pages', 'messages']);
    expect(data.messages).toEqual([SAMPLE_ROWS.messages.output]);
    expect(data.pages).toEqual([SAMPLE_ROWS.pages.output]);
    expect(data.inbound_calls).toBeUndefined();
    expectTypeOf(data.messages).toEqualTypeOf<MessageRow[] | undefined>();
  });

  test('a fake export of every table loads with consistent counts', async () => {
    const data = await loadSpruceExport(new Blob([buildSpruceExportZip(fakeSpruceExport({ messages: 500 }))]));
    expect(Object.keys(data)).toHaveLength(14);
    expect(data.messages).toHaveLength(500);
    expect(data.metadata).toHaveLength(1);
  });

  test('maxRowsPerTable stops a table that is too large with an SdkError, not a partial array', async () => {
    const zip = buildSpruceExportZip({ messages: Array.from({ length: 11 }, (_, i) => message(i)) });
    const error = await caught(loadSpruceExport(zip, { maxRowsPerTable: 10 }));
    expect(error).toBeInstanceOf(SdkError);
    // The option to raise and the table that is too large, not toArray's maxItems.
    expect(error.message).toBe("loadSpruceExport: messages has more than maxRowsPerTable (10) rows; stream it with openSpruceExport(source).rows('messages')");
    expect((await loadSpruceExport(zip, { maxRowsPerTable: 11 })).messages).toHaveLength(11);
  });

  test('lenient mode applies to every table', async () => {
    const reported: DataValidationError[] = [];
    const zip = buildSpruceExportZip({ messages: [message(1, { internal: 'perhaps' })], pages: [{ ...SAMPLE_ROWS.pages.input, resolved: 'sometimes' }] });
    const data = await loadSpruceExport(zip, { onInvalidRow: (error) => reported.push(error) });
    expect(reported.map((error) => [error.source, error.field])).toEqual([
      ['pages', 'resolved'],
      ['messages', 'internal'],
    ]);
    expect(data.messages![0]!.internal).toBe('perhaps');
  });

  test('a bad cell fails the whole load', async () => {
    const zip = buildSpruceExportZip({ messages: [message(1), message(2, { deleted: 'maybe' })] });
    expect(await caught(loadSpruceExport(zip))).toMatchObject({ name: 'DataValidationError', source: 'messages', record: 2 });
  });
});
