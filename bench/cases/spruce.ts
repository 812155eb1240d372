/**
 * Child side of the Spruce suite: one read of `messages.csv` per process, typed through the
 * package or bare through fflate and csv-parse. Run by bench/suites/spruce.ts.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openSpruceExport } from '@x/spruce-export-parser';
import { parse } from 'csv-parse';
import { Unzip, UnzipInflate } from 'fflate';
import { runChild } from '../lib/child.js';
import { measureRead } from '../lib/read-measure.js';

/** Arguments from the suite: the zip, and the inflated size of its messages.csv. */
interface SpruceCaseArgs {
  path: string;
  csvBytes: string;
}

await runChild({
  /** What a user writes: open the file, loop over typed rows. */
  typed: (args) => {
    const { path, csvBytes } = args as unknown as SpruceCaseArgs;
    return measureRead(Number(csvBytes), async () => {
      const exp = await openSpruceExport(path);
      let count = 0;
      for await (const _message of exp.rows('messages')) count += 1;
      return count;
    });
  },
  /** The floor: fflate's streaming unzip of the same entry into csv-parse with `columns: true`, no typing. */
  bare: (args) => {
    const { path, csvBytes } = args as unknown as SpruceCaseArgs;
    return measureRead(Number(csvBytes), async () => {
      const parser = parse({ columns: true });
      const feeding = pipeline(Readable.from(inflatedEntry(path, 'messages.csv')), parser);
      let count = 0;
      for await (const _record of parser) count += 1;
      await feeding;
      return count;
    });
  },
});

/**
 * The inflated bytes of the entry whose name ends in `suffix`, read through fflate's streaming
 * `Unzip`. Yielding after each file chunk lets the pipe's backpressure pace the file reads.
 */
async function* inflatedEntry(path: string, suffix: string): AsyncGenerator<Uint8Array, void, undefined> {
  let ready: Uint8Array[] = [];
  let failure: Error | undefined;
  const unzip = new Unzip((file) => {
    if (!file.name.endsWith(suffix)) return;
    file.ondata = (error, chunk) => {
      if (error) failure ??= error;
      else if (chunk.length > 0) ready.push(chunk);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  const drain = () => {
    if (failure) throw failure;
    const chunks = ready;
    ready = [];
    return chunks;
  };
  for await (const chunk of createReadStream(path)) {
    unzip.push(chunk as Buffer);
    yield* drain();
  }
  unzip.push(new Uint8Array(0), true);
  yield* drain();
}
