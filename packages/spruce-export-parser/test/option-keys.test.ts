import { describe, expect, test } from 'vitest';
import { InvalidParamsError, loadSpruceExport, openSpruceExport, type RowsOptions, type SpruceExportOptions } from '../src/index.js';
import { buildSpruceExportZip } from '../src/testing.js';
import { caught, exportOf, message } from './helpers/index.js';

// A misspelt limit would otherwise be dropped silently and the default (4 GiB) would apply.
describe('a misspelt option key is refused before anything is read, as in the HTTP clients', () => {
  test('openSpruceExport: maxUncompresedBytes (one s) is an InvalidParamsError naming the key', async () => {
    const zip = buildSpruceExportZip({ messages: [message(1)] });
    const error = await caught(openSpruceExport(zip, { maxUncompresedBytes: 1_000 } as SpruceExportOptions));
    expect(error).toBeInstanceOf(InvalidParamsError);
    expect(error).toMatchObject({ param: 'maxUncompresedBytes' });
    expect(error.message).toBe('unknown parameter "maxUncompresedBytes": openSpruceExport takes maxUncompressedBytes, maxRecordSize, signal');
  });

  test('rows(): a key it does not take (rawRows) is refused at the call', async () => {
    const exp = await exportOf({ messages: [message(1)] });
    expect(() => exp.rows('messages', { rawRows: true } as RowsOptions)).toThrow(expect.objectContaining({ name: 'InvalidParamsError', param: 'rawRows' }));
  });

  test('loadSpruceExport takes its own keys and the open options, and refuses others', async () => {
    const zip = buildSpruceExportZip({ messages: [message(1)] });
    const data = await loadSpruceExport(zip, { maxRowsPerTable: 10, maxRecordSize: 1_000_000, encoding: 'utf-8' });
    expect(data.messages).toHaveLength(1);
    const error = await caught(loadSpruceExport(zip, { maxRows: 10 } as never));
    expect(error).toMatchObject({ name: 'InvalidParamsError', param: 'maxRows' });
  });
});
