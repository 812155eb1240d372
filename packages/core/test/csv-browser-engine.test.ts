import { describe, expect, test, vi } from 'vitest';
import { createCsvEngine as browserEngine } from '../src/csv/engine.browser.js';
import type { CsvEngine } from '../src/csv/engine.js';
import { createCsvEngine as nodeEngine } from '../src/csv/engine.node.js';

// The CSV suites again, on the engine a browser bundle gets (csv-parse's sync API fed whole
// records): rows, errors and their record numbers must be what Node's stream engine gives.
vi.mock('#csv-engine', () => import('../src/csv/engine.browser.js'));
await import('./csv-rows.test.js');
await import('./csv-encodings.test.js');

const OPTIONS = { bom: true, skip_empty_lines: true, relax_column_count: true, max_record_size: 64 };

interface Outcome {
  records: string[][];
  /** csv-parse's error code, with the records delivered before it. */
  error?: string;
}

/** Writes the pieces, then ends, as `csvRecordBatches` does. */
async function drive(create: (options: typeof OPTIONS) => CsvEngine, pieces: string[]): Promise<Outcome> {
  const { parser } = create(OPTIONS);
  const records: string[][] = [];
  parser.on('data', (record) => records.push(record));
  const ended = new Promise<void>((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', reject);
  });
  ended.catch(() => undefined);
  const codeOf = (error: unknown) => ({ records, error: String((error as { code?: unknown }).code) });
  for (const piece of pieces) {
    const failed = await new Promise<unknown>((resolve) => parser.write(piece, resolve));
    if (failed) return codeOf(failed);
  }
  parser.end();
  return ended.then(() => ({ records }), codeOf);
}

/** Every way to cut `text` in two, and in three where it is short. */
function cuts(text: string): string[][] {
  const all: string[][] = [[text]];
  for (let i = 1; i < text.length; i++) {
    all.push([text.slice(0, i), text.slice(i)]);
    if (text.length <= 24) for (let j = i + 1; j < text.length; j++) all.push([text.slice(0, i), text.slice(i, j), text.slice(j)]);
  }
  return all;
}

describe('the browser CSV engine (csv-parse sync API, fed whole records)', () => {
  test.each([
    ['quoted commas, doubled quotes and a line break inside quotes', 'id,body\n1,"a, ""b""\nc"\n2,x\n'],
    ['CRLF records with a quoted CR LF inside', 'id,body\r\n1,"x\r\ny"\r\n2,z\r\n'],
    ['CRLF cut between CR and LF, no final line break', 'a,b\r\nc,d\r\ne,f'],
    ['old Mac CR-only records', 'a,b\rc,"d\re"\rf,g\r'],
    ['a byte-order mark and emoji (bytes and characters differ)', '\uFEFFid,v\n1,👋🏽é\n2,"ü\n€"\n'],
    ['leading empty lines set LF, then a bare CR is data', '\n\nid,v\n1,a\r\n2,b\n'],
    ['LF records whose unquoted cells end in a bare CR', 'id,v\n1,a\r\n2,b\r\n'],
    ['blank lines between records and ragged rows', 'a,b\n\n1\n\n2,3,4\n\n'],
    ['a U+FEFF at the start of a later record is data', 'a\n\uFEFFb\n'],
  ])('%s: every cut gives the records of one whole write', async (_name, text) => {
    const whole = await drive(nodeEngine, [text]);
    expect(whole.error).toBeUndefined();
    for (const pieces of cuts(text)) expect(await drive(browserEngine, pieces), JSON.stringify(pieces)).toEqual(whole);
  });

  test.each([
    ['a file truncated inside a quoted field', 'id,body\n1,ok\n2,"never closed\nstill open'],
    ['a quote opening mid-cell', 'id,body\n1,ok\n2,ok\n3,a"b\n4,ok\n'],
    ['a record longer than the maximum', `id,body\n1,ok\n2,${'x'.repeat(80)}\n3,ok\n`],
    ['a quoted field running past the maximum', `id,body\n1,ok\n2,"${'x\n'.repeat(40)}"\n`],
  ])('%s: the error comes after the records before it, whatever the cuts', async (_name, text) => {
    const whole = await drive(nodeEngine, [text]);
    expect(whole.error).toMatch(/^(CSV_|INVALID_)/);
    for (const pieces of cuts(text)) expect(await drive(browserEngine, pieces), JSON.stringify(pieces)).toEqual(whole);
  });
});
