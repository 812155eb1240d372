import { beforeAll, describe, expect, test } from 'vitest';
import { ExportFormatError, InvalidParamsError, openSpruceExport, type SpruceExportOptions } from '../src/index.js';
import { INFLATERS, caught, collect, exportOf, message, useInflater } from './helpers/index.js';
import { deflatedRun, exportWithDeflatedMessages, peakMemoryGrowth } from './helpers/zip-bomb.js';

const MB = 1024 * 1024;
const ROW = 'm1,c1,2024-05-02T12:00:00Z,false,,,hello,USER,false\n';
const HEADER = 'message_id,conversation_id,created_timestamp,internal,destinations,actor_entity_id,message_body,message_type,deleted\n';

// Generated once: zlib streams the runs, so they are never held uncompressed.
const LETTER_RUN = 500 * 1000 * 1000;
const ROWS_RUN = 200 * 1000 * 1000;
let letterBomb: Uint8Array;
let rowsBomb: Uint8Array;
beforeAll(async () => {
  letterBomb = exportWithDeflatedMessages(await deflatedRun('a', LETTER_RUN), LETTER_RUN);
  rowsBomb = exportWithDeflatedMessages(await deflatedRun(ROW, ROWS_RUN, HEADER), HEADER.length + ROWS_RUN);
}, 30_000);

// csv-parse reads one huge unquoted field at a few MB/s, so reaching the 8 MiB record limit
// takes seconds: a generous timeout, no timing assertion.
describe.each(INFLATERS)('zip bombs, inflated with %s', { timeout: 30_000 }, (inflater) => {
  useInflater(inflater);

  test('a 500 MB run of one letter (0.5 MB deflated) is an ExportFormatError, memory flat', async () => {
    expect(letterBomb.length).toBeLessThan(1 * MB);
    const exp = await openSpruceExport(letterBomb);
    const { rss, heapAndBuffers, result } = await peakMemoryGrowth(() => collect(exp.rows('messages')));
    expect(result).toBeInstanceOf(ExportFormatError);
    expect((result as Error).message).toBe('messages: record 1 is larger than the maximum record size');
    expect(heapAndBuffers).toBeLessThan(150 * MB);
    expect(rss).toBeLessThan(250 * MB);
  });

  test('a bomb of valid rows stops at maxUncompressedBytes, counted as inflated, memory flat', async () => {
    const exp = await openSpruceExport(rowsBomb, { maxUncompressedBytes: 8 * MB });
    let rows = 0;
    const { heapAndBuffers, result } = await peakMemoryGrowth(async () => {
      for await (const _row of exp.rows('messages', { raw: true })) rows += 1;
    });
    expect(result).toBeInstanceOf(ExportFormatError);
    expect((result as Error).message).toBe(
      `messages: the export inflates to more than maxUncompressedBytes (${8 * MB} bytes); raise the limit if the export is genuine`,
    );
    // Stopped at the limit (checked per inflated chunk), not at the declared 200 MB.
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan((8 * MB) / ROW.length);
    expect(heapAndBuffers).toBeLessThan(150 * MB);
  });
});

describe('limits', () => {
  const messages = Array.from({ length: 400 }, (_, i) => message(i));

  test('maxUncompressedBytes covers the whole export; reading a table again does not count twice', async () => {
    const probe = await exportOf({ messages });
    let total = 0;
    for (const table of probe.tables) for await (const row of probe.rows(table, { raw: true })) total += Object.values(row).join(',').length + 1;
    // Limit between one full read of everything and two: rereads must pass, nothing else must.
    const exp = await exportOf({ messages }, {}, { maxUncompressedBytes: Math.ceil(total * 1.5) });
    for (let pass = 0; pass < 3; pass++) expect(await collect(exp.rows('messages'))).toHaveLength(messages.length);
    const tight = await exportOf({ messages }, {}, { maxUncompressedBytes: Math.floor(total / 2) });
    expect(await caught(collect(tight.rows('messages')))).toBeInstanceOf(ExportFormatError);
  });

  test('maxRecordSize: a longer record is an ExportFormatError naming table and record, not the text', async () => {
    const body = 'x'.repeat(5_000);
    const exp = await exportOf({ messages: [message(1), message(2, { message_body: body })] }, {}, { maxRecordSize: 4_000 });
    const error = await caught(collect(exp.rows('messages')));
    expect(error).toBeInstanceOf(ExportFormatError);
    expect(error.message).toBe('messages: record 2 is larger than the maximum record size');
    const roomy = await exportOf({ messages: [message(2, { message_body: body })] }, {}, { maxRecordSize: 6_000 });
    expect((await collect(roomy.rows('messages')))[0]!.message_body).toBe(body);
  });

  test.each([
    [{ maxUncompressedBytes: 0 }, 'maxUncompressedBytes'],
    [{ maxUncompressedBytes: -1 }, 'maxUncompressedBytes'],
    [{ maxRecordSize: Number.NaN }, 'maxRecordSize'],
    [{ maxRecordSize: '100' as unknown as number }, 'maxRecordSize'],
    // csv-parse takes only a whole number of characters: these failed at the first row, with its own Error.
    [{ maxRecordSize: Number.POSITIVE_INFINITY }, 'maxRecordSize'],
    [{ maxRecordSize: 1.5 }, 'maxRecordSize'],
  ] as [SpruceExportOptions, string][])('%j is an InvalidParamsError before anything is read', async (options, param) => {
    const error = await caught(openSpruceExport(new Uint8Array(0), options));
    expect(error).toBeInstanceOf(InvalidParamsError);
    expect(error).toMatchObject({ param });
  });
});
