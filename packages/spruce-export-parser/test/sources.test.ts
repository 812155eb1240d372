import { Buffer } from 'node:buffer';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { InvalidParamsError, loadSpruceExport, openSpruceExport, type SpruceExportSource } from '../src/index.js';
import { buildSpruceExportZip } from '../src/testing.js';
import { SAMPLE_ROWS, caught, collect } from './helpers/index.js';

const zip = buildSpruceExportZip({ messages: [SAMPLE_ROWS.messages.input] });
let folder: string;
let path: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'spruce-sources-'));
  path = join(folder, 'export.zip');
  await writeFile(path, zip);
});

describe('sources', () => {
  const sources: [string, () => SpruceExportSource][] = [
    ['a file path', () => path],
    ['a file: URL', () => pathToFileURL(path)],
    ['a file: URL string', () => pathToFileURL(path).href],
    ['a Uint8Array', () => zip],
    ['a Buffer', () => Buffer.from(zip)],
    ['a view into a larger buffer', () => new Uint8Array([9, 9, 9, ...zip, 9]).subarray(3, 3 + zip.length)],
    ['an ArrayBuffer', () => zip.slice().buffer],
    ['a Blob', () => new Blob([zip])],
    ['a File', () => new File([zip], 'export.zip')],
  ];

  test.each(sources)('%s', async (_name, source) => {
    const exp = await openSpruceExport(source());
    expect(exp.tables).toEqual(['metadata', 'messages']);
    expect(await collect(exp.rows('messages'))).toEqual([SAMPLE_ROWS.messages.output]);
  });

  test('a path that does not exist (a typo in the SFTP folder) says "no such file" with the path', async () => {
    const missing = join(folder, 'inbox', 'export.zip');
    const error = await caught(openSpruceExport(missing));
    expect(error).toBeInstanceOf(InvalidParamsError);
    expect(error).toMatchObject({ param: 'source' });
    expect(error.message).toBe(`source: no such file: ${missing}`);
  });

  test('a directory (the SFTP folder instead of the file in it) says it is a directory', async () => {
    const error = await caught(openSpruceExport(folder));
    expect(error).toBeInstanceOf(InvalidParamsError);
    expect(error.message).toBe(`source: ${folder} is a directory, not an export zip file`);
  });

  test.each([
    ['an https: URL', new URL('https://example.com/export.zip')],
    ['an empty path', ''],
    ['a number', 42 as unknown as SpruceExportSource],
    ['null', null as unknown as SpruceExportSource],
  ])('%s is an InvalidParamsError', async (_name, source) => {
    expect(await caught(openSpruceExport(source))).toMatchObject({ name: 'InvalidParamsError', param: 'source' });
  });
});

describe('aborting', () => {
  test('an aborted signal stops the open, and a load, with its reason', async () => {
    const reason = new Error('shutting down');
    expect(await caught(openSpruceExport(zip, { signal: AbortSignal.abort(reason) }))).toBe(reason);
    expect(await caught(openSpruceExport(path, { signal: AbortSignal.abort(reason) }))).toBe(reason);
    expect(await caught(loadSpruceExport(zip, { signal: AbortSignal.abort(reason) }))).toBe(reason);
  });
});
