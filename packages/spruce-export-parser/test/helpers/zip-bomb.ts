import { createDeflateRaw } from 'node:zlib';
import { DEFAULT_METADATA, buildZip, spruceTableCsv } from '../../src/testing.js';

/**
 * Raw deflate of `prefix` then `length` bytes that repeat `pattern`, produced by streaming a
 * 1 MiB buffer through zlib: the uncompressed run is never held (a 500 MB run of one letter is
 * ~0.5 MB).
 */
export async function deflatedRun(pattern: string, length: number, prefix = ''): Promise<Uint8Array[]> {
  // A whole number of repetitions per block, so that a row never breaks across blocks.
  const block = Buffer.alloc(pattern.length * Math.floor((1 << 20) / pattern.length), pattern);
  const deflate = createDeflateRaw({ level: 9, memLevel: 9 });
  const out: Uint8Array[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  deflate.write(prefix);
  for (let written = 0; written < length; written += block.length) {
    const piece = length - written >= block.length ? block : block.subarray(0, length - written);
    if (!deflate.write(piece)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await ended;
  return out;
}

/**
 * An export whose `messages.csv` is already-deflated bytes (written as method 8 as they are),
 * declaring `uncompressedSize` honestly so that only a limit can stop it.
 */
export function exportWithDeflatedMessages(deflated: Uint8Array[], uncompressedSize: number): Uint8Array {
  return buildZip([
    { name: 'export/metadata.csv', data: [...spruceTableCsv('metadata', [DEFAULT_METADATA])].join('') },
    { name: 'export/messages.csv', data: deflated, fault: { methodId: 8, uncompressedSize } },
  ]);
}

/** Samples memory while `run` runs; returns the largest growth over the start, in bytes. */
export async function peakMemoryGrowth(run: () => Promise<unknown>): Promise<{ rss: number; heapAndBuffers: number; result: unknown }> {
  const used = () => process.memoryUsage();
  const start = used();
  let rss = 0;
  let heapAndBuffers = 0;
  const sample = () => {
    const now = used();
    rss = Math.max(rss, now.rss - start.rss);
    heapAndBuffers = Math.max(heapAndBuffers, now.heapUsed + now.arrayBuffers - start.heapUsed - start.arrayBuffers);
  };
  const timer = setInterval(sample, 1);
  let result: unknown;
  try {
    result = await run();
  } catch (error) {
    result = error;
  } finally {
    clearInterval(timer);
    sample();
  }
  return { rss, heapAndBuffers, result };
}
