import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { spruceExportZipChunks } from '@x/spruce-export-parser/testing';
import { unzipSync } from 'fflate';
import { benchMessageRows } from './message-rows.js';

/** A generated export on disk, with the sizes the throughput is computed from. */
export interface SpruceFixture {
  path: string;
  messages: number;
  /** Size of `messages.csv` once inflated: what MB/s is counted in. */
  csvBytes: number;
  zipBytes: number;
}

/**
 * Writes an export of `metadata.csv` and `messages.csv` with the package's testing builder
 * (Go's CSV quoting, deflate level 6, data descriptors, as Spruce's Go exporter writes it),
 * streamed to the file so that generating 400,000 messages keeps memory flat.
 */
export async function writeSpruceFixture(dir: string, messages: number): Promise<SpruceFixture> {
  const path = join(dir, `spruce-export-${messages}.zip`);
  await pipeline(Readable.from(spruceExportZipChunks({ messages: benchMessageRows(messages) })), createWriteStream(path));
  const zip = await readFile(path);
  let csvBytes = 0;
  // Reads only the central directory: the filter sees each entry's sizes and inflates none.
  unzipSync(zip, {
    filter: (file) => {
      if (file.name.endsWith('messages.csv')) csvBytes = file.originalSize;
      return false;
    },
  });
  return { path, messages, csvBytes, zipBytes: zip.byteLength };
}
