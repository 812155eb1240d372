/**
 * How a CSV's bytes become text: a declared charset is honoured, a known other encoding is read
 * through the `encoding` option, byte-order marks pick UTF-8 or UTF-16, and anything else is
 * strict UTF-8: `José` re-saved as Latin-1 is an `ExportFormatError` naming the record, never
 * `Jos�` and never the bytes.
 */
import { deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { ExportFormatError, InvalidParamsError, TimeoutError } from '@x/core';
import { csvRows, decodeWhole } from '@x/core/internal';
import { caught, chunksOf, collect } from './helpers/index.js';

const HEADER = 'id,name\r\n';

/** Latin-1 (and windows-1252) bytes of a text whose characters are all below U+0100. */
function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0xfeff, endian === 'le');
  for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), endian === 'le');
  return bytes;
}

function inChunks(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
}

/** The rows a loop saw before it failed, and the error. */
async function rowsUntilFailure(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<{ seen: unknown[]; error: unknown }> {
  const seen: unknown[] = [];
  try {
    for await (const row of csvRows(source, { source: 'visits' })) seen.push(row);
  } catch (error) {
    return { seen, error };
  }
  throw new Error('expected the loop to fail');
}

const rows = (chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>, options: { encoding?: string; declaredCharset?: string } = {}) =>
  collect(csvRows(chunks, { source: 'visits', ...options }));

describe('declared and chosen encodings', () => {
  const resaved = latin1(`${HEADER}1,José\r\n2,Zoë Müller\r\n`);

  test('text/csv; charset=windows-1252: José is José, across any chunk border', async () => {
    for (const size of [1, 2, 5, 1024]) {
      expect(await rows(inChunks(resaved, size), { declaredCharset: 'windows-1252' })).toEqual([
        { id: '1', name: 'José' },
        { id: '2', name: 'Zoë Müller' },
      ]);
    }
  });

  test('a Latin-1 re-save read with encoding: latin1 (the option beats a declared charset)', async () => {
    expect(await rows([resaved], { encoding: 'latin1', declaredCharset: 'utf-8' })).toEqual([
      { id: '1', name: 'José' },
      { id: '2', name: 'Zoë Müller' },
    ]);
  });

  test('an encoding TextDecoder does not know is an InvalidParamsError before any byte is read', async () => {
    let pulled = false;
    const source = (function* () {
      pulled = true;
      yield resaved;
    })();
    const error = await caught(rows(source, { encoding: 'latin-9000' }));
    expect(error).toBeInstanceOf(InvalidParamsError);
    expect(pulled).toBe(false);
  });

  test('a server declaring a charset nobody knows: an ExportFormatError, not mojibake', async () => {
    const error = await caught(rows([resaved], { declaredCharset: 'x-klingon' }));
    expect(error).toBeInstanceOf(ExportFormatError);
    expect((error).message).toMatch(/^visits: .*charset.*encoding option/);
  });
});

describe('strict UTF-8 when nothing is declared', () => {
  test('a Latin-1 re-save read as UTF-8: ExportFormatError naming file and record, never Jos� and never the bytes', async () => {
    const csv = latin1(`${HEADER}1,Ann\r\n2,Bob\r\n3,José\r\n4,Eve\r\n`);
    for (const size of [1, 3, 7, 1024]) {
      const { seen, error } = await rowsUntilFailure(inChunks(csv, size));
      expect(error).toBeInstanceOf(ExportFormatError);
      expect((error as Error).message).toMatch(/^visits: record 3 is not valid utf-8; .*encoding option/);
      expect((error as Error).message).not.toMatch(/Jos|\uFFFD/);
      // The rows before the bad one arrive whole, first.
      expect(seen).toEqual([
        { id: '1', name: 'Ann' },
        { id: '2', name: 'Bob' },
      ]);
    }
  });

  test('an invalid byte right at the start of a record names that record', async () => {
    const csv = new Uint8Array([...new TextEncoder().encode(`${HEADER}1,Ann\r\n`), 0xff, ...new TextEncoder().encode(',x\r\n')]);
    const error = await caught(rows([csv]));
    expect((error).message).toMatch(/^visits: record 2 is not valid utf-8/);
  });

  test('an invalid sequence across a chunk border (a cut € followed by text) names the record it is in', async () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    const first = new Uint8Array([...encode(`${HEADER}1,Ann\r\n2,Jos`), 0xe2, 0x82]);
    const second = encode('A\r\n3,Eve\r\n4,Bob\r\n');
    const { seen, error } = await rowsUntilFailure([first, second]);
    expect((error as Error).message).toMatch(/^visits: record 2 is not valid utf-8/);
    expect(seen).toEqual([{ id: '1', name: 'Ann' }]);
  });

  test.each([
    ['zlib (deflate)', deflateSync],
    ['gzip', gzipSync],
  ])('%s data sent as text, without a Content-Encoding (a proxy): an ExportFormatError saying it looks compressed, not "pass the encoding option"', async (_, compress) => {
    const compressed = compress(`${HEADER}1,José\r\n2,Zoë Müller\r\n`.repeat(50));
    for (const size of [1, 2, 1024]) {
      const error = await caught(rows(inChunks(compressed, size)));
      expect(error).toBeInstanceOf(ExportFormatError);
      expect((error).message).toBe(
        'visits: the data looks compressed (gzip or zlib), not text: it was sent compressed without saying so (for a download, no Content-Encoding header: a proxy?)',
      );
    }
  });

  test('a file that ends inside a multi-byte character is refused', async () => {
    const bytes = new TextEncoder().encode(`${HEADER}1,Jos\u00e9`);
    expect(await caught(rows([bytes.subarray(0, bytes.length - 1)]))).toBeInstanceOf(ExportFormatError);
  });

  test('multi-byte characters split across every chunk border still decode', async () => {
    const text = `${HEADER}1,José 👋🏽 日本\r\n`;
    for (const size of [1, 2, 3]) expect(await rows(chunksOf(text, size))).toEqual([{ id: '1', name: 'José 👋🏽 日本' }]);
  });
});

describe('byte-order marks keep working', () => {
  test.each([
    ['UTF-8 with a BOM', new TextEncoder().encode(`\uFEFF${HEADER}1,José\r\n`)],
    ['UTF-16LE with a BOM (Excel "Unicode text")', utf16(`${HEADER}1,José\r\n`, 'le')],
    ['UTF-16BE with a BOM', utf16(`${HEADER}1,José\r\n`, 'be')],
  ])('%s, in chunks of 1 byte and whole', async (_, bytes) => {
    for (const size of [1, 4096]) expect(await rows(inChunks(bytes, size))).toEqual([{ id: '1', name: 'José' }]);
  });

  test('a BOM beats a wrong declared charset', async () => {
    const bytes = new TextEncoder().encode(`\uFEFF${HEADER}1,José\r\n`);
    expect(await rows([bytes], { declaredCharset: 'windows-1252' })).toEqual([{ id: '1', name: 'José' }]);
  });
});

describe('a body that stalls after whole rows', () => {
  test('drip then stall: the rows that arrived whole come before the TimeoutError, the last one included', async () => {
    const stall = new TimeoutError('GET /data: no data for 100 ms after 30 bytes of the body', { timeoutMs: 100 });
    async function* body() {
      yield* chunksOf(`${HEADER}1,Ann\r\n2,Bob\r\n`, 4);
      throw stall;
    }
    const { seen, error } = await rowsUntilFailure(body());
    expect(error).toBe(stall);
    expect(seen).toEqual([
      { id: '1', name: 'Ann' },
      { id: '2', name: 'Bob' },
    ]);
  });

  test('a stall inside a quoted line break delivers only the records before it', async () => {
    const stall = new TimeoutError('stalled', { timeoutMs: 100 });
    async function* body() {
      yield* chunksOf(`${HEADER}1,Ann\r\n2,"two\r\n`, 5);
      throw stall;
    }
    const { seen, error } = await rowsUntilFailure(body());
    expect(error).toBe(stall);
    expect(seen).toEqual([{ id: '1', name: 'Ann' }]);
  });
});

describe('decodeWhole: a small file a person edits, by the same rules', () => {
  const text = '{"name": "José"}';

  test('UTF-8 with and without the BOM Notepad writes, and UTF-16 with its BOM (PowerShell 5 writes LE) read the same', () => {
    const utf8 = new TextEncoder().encode(text);
    for (const bytes of [utf8, Uint8Array.of(0xef, 0xbb, 0xbf, ...utf8), utf16(text, 'le'), utf16(text, 'be')]) {
      expect(decodeWhole(bytes)).toBe(text);
    }
  });

  test('bytes that are not UTF-8 (re-saved as Latin-1) throw, instead of a replacement character; the encoding option reads them', () => {
    expect(() => decodeWhole(latin1(text))).toThrow('the bytes are not valid utf-8');
    expect(decodeWhole(latin1(text), { encoding: 'latin1' })).toBe(text);
  });

  test('a file shorter than a BOM, and an empty one', () => {
    expect(decodeWhole(new TextEncoder().encode('{}'))).toBe('{}');
    expect(decodeWhole(new Uint8Array(0))).toBe('');
  });
});
