import { Readable } from 'node:stream';
import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { DataValidationError, ExportFormatError, RowIterable, values } from '@x/core';
import { csvRows } from '@x/core/internal';
import { caught, chunksOf, collect } from './helpers/index.js';

const Message = z.looseObject({
  message_id: values.string(),
  created_timestamp: values.timestamp(),
  internal: values.boolean(),
  count: values.number().nullable(),
  message_body: values.string().nullable(),
});

const HEADER = 'message_id,created_timestamp,internal,count,message_body';
const normalizeHeader = (name: string) => name.trim().toLowerCase().replaceAll('_', '');

function rowsOf(csv: string, options: Partial<Parameters<typeof csvRows>[1]> = {}, chunkSize = 7): Promise<Record<string, unknown>[]> {
  return collect<Record<string, unknown>>(csvRows(chunksOf(csv, chunkSize), { source: 'messages', schema: Message, ...options } as never));
}

describe('csvRows parsing', () => {
  test('types cells by the schema and keeps wire names', async () => {
    const [row] = await rowsOf(`${HEADER}\nm1,2024-05-02T14:46:11.123456789Z,true,42,hello\n`);
    expect(row).toEqual({
      message_id: 'm1',
      created_timestamp: new Date('2024-05-02T14:46:11.123Z'),
      internal: true,
      count: 42,
      message_body: 'hello',
    });
  });

  test('keeps quoted commas, quotes, newlines, CRLF, leading spaces and emoji, across chunk borders', async () => {
    const body = ' He said "hi", then:\r\nline two\n👋🏽 done';
    const csv = `${HEADER}\r\nm1,2024-05-02T14:46:11Z,false,,"${body.replaceAll('"', '""')}"\r\nm2,2024-05-02T14:46:12Z,false,1,x\r\n`;
    for (const size of [1, 2, 3, 5, 64]) {
      const rows = await rowsOf(csv, {}, size);
      expect(rows.map((row) => row.message_body)).toEqual([body, 'x']);
    }
  });

  test('skips a UTF-8 byte-order mark', async () => {
    const rows = await rowsOf(`\uFEFF${HEADER}\nm1,2024-05-02T14:46:11Z,true,1,x\n`);
    expect(rows[0]!.message_id).toBe('m1');
  });

  test('empty cells become null; a header-only file has no rows', async () => {
    const [row] = await rowsOf(`${HEADER}\nm1,2024-05-02T14:46:11Z,true,,\n`);
    expect(row).toMatchObject({ count: null, message_body: null });
    expect(await rowsOf(`${HEADER}\n`)).toEqual([]);
    expect(await rowsOf(HEADER)).toEqual([]);
  });

  test('a spreadsheet re-save whose blank rows are lines of bare separators (`,,`): no rows, not counted as records', async () => {
    const blank = ',,,,\r\n';
    const csv = `${blank}${HEADER}\r\n${blank}m1,2024-05-02T14:46:11Z,true,,\r\n${blank},\r\nm2,2024-05-02T14:46:11Z,true,zero,\r\n${blank}`;
    expect((await rowsOf(csv, { raw: true })).map((row) => row.message_id)).toEqual(['m1', 'm2']);
    const error = await caught(rowsOf(csv));
    expect(error).toMatchObject({ name: 'DataValidationError', record: 2, field: 'count' });
  });

  test('a record with some cells empty, or cells of white space only, is still a row', async () => {
    const rows = await collect(csvRows(chunksOf('a,b,c\n,,x\n" ",\t,\n', 3), { source: 'report' }));
    expect(rows).toEqual([
      { a: '', b: '', c: 'x' },
      { a: ' ', b: '\t', c: '' },
    ]);
  });

  test('maps shuffled, differently spelled and aliased headers; unknown columns pass through', async () => {
    const csv = 'Message_Body,extra_col,COUNT,createdtimestamp,is_internal,messageid\nhi,new,3,2024-05-02T14:46:11+02:00,false,m9\n';
    const [row] = await rowsOf(csv, { normalizeHeader, aliases: { internal: ['is_internal'] } });
    expect(row).toEqual({
      message_body: 'hi',
      extra_col: 'new',
      count: 3,
      created_timestamp: new Date('2024-05-02T12:46:11Z'),
      internal: false,
      message_id: 'm9',
    });
  });

  test('a missing required column is an ExportFormatError naming it', async () => {
    const error = await caught(rowsOf('message_id,internal,count,message_body\nm1,true,1,x\n'));
    expect(error).toBeInstanceOf(ExportFormatError);
    expect((error).message).toBe('messages: the header lacks the column "created_timestamp"');
  });

  test('an empty file lacks every required column', async () => {
    expect(await caught(rowsOf(''))).toBeInstanceOf(ExportFormatError);
  });

  test('a column that appears twice is an ExportFormatError', async () => {
    expect(await caught(rowsOf(`${HEADER},messageId\n`, { normalizeHeader }))).toBeInstanceOf(ExportFormatError);
  });

  test('a bad cell names source, record and column, but not the value', async () => {
    const secret = 'Jane-Doe-1970';
    const csv = `${HEADER}\nm1,2024-05-02T14:46:11Z,true,1,x\nm2,2024-05-02T14:46:11Z,true,${secret},x\n`;
    const error = (await caught(rowsOf(csv))) as DataValidationError;
    expect(error).toBeInstanceOf(DataValidationError);
    expect(error).toMatchObject({ source: 'messages', record: 2, field: 'count' });
    expect(error.message).toBe('Invalid messages record 2, field "count": expected a number');
    expect(error.value).toBe(secret);
    expect(inspect(error, { depth: 10 })).not.toContain(secret);
  });

  test('a record with the wrong number of fields is a DataValidationError', async () => {
    const error = await caught(rowsOf(`${HEADER}\nm1,2024-05-02T14:46:11Z,true\n`));
    expect(error).toBeInstanceOf(DataValidationError);
    expect((error as DataValidationError).record).toBe(1);
  });

  test('lenient mode reports each bad row and still delivers it, bad cells raw', async () => {
    const reported: DataValidationError[] = [];
    const csv = `${HEADER}\nm1,yesterday,true,1,x\nm2,2024-05-02T14:46:11Z,maybe,2,y\nm3,2024-05-02T14:46:11Z,true,3,z\n`;
    const rows = await rowsOf(csv, { onInvalidRow: (error: DataValidationError) => reported.push(error) });
    expect(reported.map((error) => [error.record, error.field])).toEqual([
      [1, 'created_timestamp'],
      [2, 'internal'],
    ]);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ created_timestamp: 'yesterday', internal: true, count: 1 });
    expect(rows[1]).toMatchObject({ internal: 'maybe', count: 2 });
  });

  test('raw mode gives the untouched strings under canonical names', async () => {
    const csv = 'messageid,created_timestamp,internal,count,message_body\nm1,2024-05-02T14:46:11.123456789Z,true,,x\n';
    const rows = await rowsOf(csv, { raw: true, normalizeHeader });
    expect(rows).toEqual([{ message_id: 'm1', created_timestamp: '2024-05-02T14:46:11.123456789Z', internal: 'true', count: '', message_body: 'x' }]);
  });

  test('without a schema rows are strings keyed by the header', async () => {
    const rows = await collect(csvRows(chunksOf('a,b\n"1,5",\n', 3), { source: 'report' }));
    expect(rows).toEqual([{ a: '1,5', b: '' }]);
  });

  test('an unclosed quote at the end is an ExportFormatError, not fewer rows', async () => {
    const csv = `${HEADER}\nm1,2024-05-02T14:46:11Z,true,1,x\nm2,2024-05-02T14:46:11Z,true,1,"cut off here`;
    const seen: unknown[] = [];
    const error = await caught(
      (async () => {
        for await (const row of csvRows(chunksOf(csv, 16), { source: 'messages', schema: Message })) seen.push(row);
      })(),
    );
    expect(error).toBeInstanceOf(ExportFormatError);
    expect((error).message).toBe('messages: record 2 ends inside a quoted field: the file is truncated or corrupt');
    expect(seen).toHaveLength(1);
  });

  test('a record over maxRecordSize is an ExportFormatError that does not quote it', async () => {
    const huge = 'PHI'.repeat(400);
    const error = await caught(rowsOf(`${HEADER}\nm1,2024-05-02T14:46:11Z,true,1,"${huge}"\n`, { maxRecordSize: 1000 }, 64));
    expect(error).toBeInstanceOf(ExportFormatError);
    expect((error).message).toMatch(/record 1 is larger than the maximum record size/);
    expect((error).message).not.toContain('PHI');
  });

  test('malformed quoting is an ExportFormatError that does not quote the cell', async () => {
    const error = await caught(rowsOf(`${HEADER}\nm1,2024-05-02T14:46:11Z,true,1,"Jane" Doe\n`));
    expect(error).toBeInstanceOf(ExportFormatError);
    expect((error).message).not.toContain('Jane');
  });
});

describe('csvRows sources and backpressure', () => {
  const csv = `a,b\n${Array.from({ length: 2_000 }, (_, i) => `${i},${'x'.repeat(40)}`).join('\n')}\n`;

  test('reads web streams and Node streams', async () => {
    const web = new Blob([csv]).stream();
    expect(await collect(csvRows(web, { source: 't' }))).toHaveLength(2_000);
    expect(await collect(csvRows(Readable.from(chunksOf(csv, 1000)), { source: 't' }))).toHaveLength(2_000);
  });

  test('pulls bytes only as rows are consumed', async () => {
    let pulled = 0;
    async function* source() {
      for (const chunk of chunksOf(csv, 1024)) {
        pulled += 1;
        yield chunk;
      }
    }
    const rows = csvRows(source(), { source: 't' });
    await rows.next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // ~90 chunks in all; a slow consumer holding the first row has pulled almost none of them.
    expect(pulled).toBeLessThanOrEqual(2);
    for (let i = 0; i < 100; i++) await rows.next();
    expect(pulled).toBeLessThanOrEqual(7);
    await rows.return(undefined);
  });

  test('stopping early releases a web stream', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('a,b\n1,2\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const row of csvRows(stream, { source: 't' })) {
      expect(row).toEqual({ a: '1', b: '2' });
      break;
    }
    expect(cancelled).toBe(true);
  });

  test('an aborted signal stops the rows with its reason, at the very next row (checked by the RowIterable they are handed out in)', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    const rows = new RowIterable(() => csvRows(chunksOf(csv, 4096), { source: 't' }), { signal: controller.signal })[Symbol.asyncIterator]();
    await rows.next();
    controller.abort(reason);
    const error = await rows.next().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBe(reason);
  });
});
