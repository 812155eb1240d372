/**
 * A poller that opens exports all day must not leak file handles: however a loop over a large
 * table ends (its end, `break`, a throw in the body, an abort), the zip's file descriptor is
 * closed by the time the loop has ended, without waiting for garbage collection. Counted in
 * /proc/self/fd (Linux), with no `gc()`.
 */
import { readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openSpruceExport, type SpruceExport } from '../src/index.js';
import { buildSpruceExportZip, fakeSpruceExport } from '../src/testing.js';
import { INFLATERS, useInflater } from './helpers/index.js';

const openDescriptors = () => readdirSync('/proc/self/fd').length;

let folder: string;
let path: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'spruce-handles-'));
  path = join(folder, 'export.zip');
  // Large enough that a table is many reads: a few MB of messages.
  await writeFile(path, buildSpruceExportZip(fakeSpruceExport({ messages: 8_000, seed: 3 })));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const ENDINGS: [string, (exp: SpruceExport) => Promise<void>][] = [
  [
    'break after the first row',
    async (exp) => {
      for await (const _row of exp.rows('messages')) break;
    },
  ],
  [
    'a throw inside the loop',
    async (exp) => {
      await expect(
        (async () => {
          for await (const _row of exp.rows('messages')) throw new Error('the warehouse is down');
        })(),
      ).rejects.toThrow('the warehouse is down');
    },
  ],
  [
    'an abort while reading',
    async (exp) => {
      const controller = new AbortController();
      let seen = 0;
      await expect(
        (async () => {
          for await (const _row of exp.rows('messages', { signal: controller.signal })) if (++seen === 100) controller.abort();
        })(),
      ).rejects.toMatchObject({ name: 'AbortError' });
    },
  ],
  [
    'the end of the table',
    async (exp) => {
      for await (const _row of exp.rows('messages'));
    },
  ],
];

describe.runIf(process.platform === 'linux').each(INFLATERS)('a large table read from a file path (%s)', (inflater) => {
  useInflater(inflater);

  test.each(ENDINGS)('%s, five times over: every descriptor closed when the loop has ended', async (_, read) => {
    const exp = await openSpruceExport(path);
    const before = openDescriptors();
    for (let i = 0; i < 5; i++) await read(exp);
    expect(openDescriptors()).toBe(before);
  });

  test('opening without reading holds no descriptor', async () => {
    const before = openDescriptors();
    await openSpruceExport(path);
    expect(openDescriptors()).toBe(before);
  });
});
