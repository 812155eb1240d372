import { Buffer } from 'node:buffer';
import { deflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { INFLATE_INPUT_PIECE, CorruptDeflateError, defaultInflater, inflateRaw } from '../src/zip/inflate.js';
import { concat } from '../src/testing/zip-writer.js';
import { collect } from './helpers/index.js';

async function* chunked(bytes: Uint8Array, size: number) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

// toEqual on megabytes of typed array is slow; Buffer compares natively.
const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
const text = new TextEncoder().encode(Array.from({ length: 50_000 }, (_, i) => `row ${i},"quoted, text",${i * 7}\n`).join(''));
const deflated = deflateRawSync(text);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('inflateRaw', () => {
  test.each(['decompression-stream', 'fflate'] as const)('%s inflates to the same bytes whatever the chunking', async (inflater) => {
    for (const size of [4096, 65_536, 1 << 20]) expect(sameBytes(concat(await collect(inflateRaw(chunked(deflated, size), inflater))), text)).toBe(true);
    const small = new TextEncoder().encode('a,b\n"quoted ""x""",2\n'.repeat(20));
    expect(sameBytes(concat(await collect(inflateRaw(chunked(deflateRawSync(small), 1), inflater))), small)).toBe(true);
  });

  test.each(['decompression-stream', 'fflate'] as const)('%s pulls compressed input only as output is read', async (inflater) => {
    const rows = Array.from({ length: 150_000 }, (_, i) => `${i},${(i * 7919) % 100_003},row text ${i * 31}\n`).join('');
    const big = deflateRawSync(new TextEncoder().encode(rows));
    expect(big.length).toBeGreaterThan(512 * 1024);
    let pulled = 0;
    async function* counted() {
      for await (const chunk of chunked(big, 4096)) {
        pulled += chunk.length;
        yield chunk;
      }
    }
    const output = inflateRaw(counted(), inflater);
    await output.next();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // A bounded amount ahead, never the entry: Node 20 takes one 16 KiB piece before its first
    // output, Node 22 and 24 take 64 KiB into zlib first, whatever the entry's size.
    expect(pulled).toBeLessThanOrEqual(64 * 1024 + 2 * 16 * 1024);
    await output.return();
  });

  test.each(['decompression-stream', 'fflate'] as const)('%s: cut-off or garbage deflate data is a CorruptDeflateError', async (inflater) => {
    await expect(collect(inflateRaw(chunked(deflated.subarray(0, deflated.length >> 1), 4096), inflater))).rejects.toBeInstanceOf(CorruptDeflateError);
    await expect(collect(inflateRaw(chunked(new Uint8Array(64).fill(0xff), 16), inflater))).rejects.toBeInstanceOf(CorruptDeflateError);
  });

  test.each(['decompression-stream', 'fflate'] as const)('%s: an error reading the source is passed on as it is', async (inflater) => {
    const failure = new Error('disk gone');
    async function* failing() {
      yield deflated.subarray(0, 1000);
      throw failure;
    }
    await expect(collect(inflateRaw(failing(), inflater))).rejects.toBe(failure);
  });

  test.each(['decompression-stream', 'fflate'] as const)('%s: leaving early releases the source', async (inflater) => {
    let released = false;
    async function* source() {
      try {
        yield* chunked(deflated, 4096);
      } finally {
        released = true;
      }
    }
    for await (const _chunk of inflateRaw(source(), inflater)) break;
    expect(released).toBe(true);
  });

  test('fflate is fed pieces of at most 16 KiB, so a bomb chunk yields bounded output', async () => {
    const run = deflateRawSync(new Uint8Array(64 << 20).fill(97), { level: 9 });
    let largest = 0;
    for await (const chunk of inflateRaw(chunked(run, 1 << 20), 'fflate')) largest = Math.max(largest, chunk.length);
    expect(largest).toBeLessThanOrEqual(INFLATE_INPUT_PIECE * 1032 + 32 * 1024);
  });

  test('the inflater is chosen by feature detection', () => {
    expect(defaultInflater()).toBe('decompression-stream');
    vi.stubGlobal('DecompressionStream', undefined);
    expect(defaultInflater()).toBe('fflate');
    vi.stubGlobal(
      'DecompressionStream',
      class {
        constructor(format: string) {
          if (format === 'deflate-raw') throw new TypeError('Unsupported compression format');
        }
      },
    );
    expect(defaultInflater()).toBe('fflate');
  });
});
