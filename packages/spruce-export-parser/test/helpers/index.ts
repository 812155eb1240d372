import { afterEach, vi } from 'vitest';
import { openSpruceExport, type SpruceExport, type SpruceExportOptions, type TableName, type TableRow, type RowsOptions } from '../../src/index.js';
import { bytesSource, type BlobLike } from '../../src/sources/byte-range.js';
import { openZipArchive, type ZipEntry } from '../../src/zip/zip-archive.js';
import { buildSpruceExportZip, type BuildSpruceExportZipOptions, type SpruceExportTables } from '../../src/testing.js';

import { collect } from '@x/testkit';

export { collect, caught } from '@x/testkit';

export { SAMPLE_ROWS, PATIENT_VALUES } from './sample-rows.js';

/** Builds an export zip from rows and opens it from its bytes. */
export function exportOf(tables: SpruceExportTables, zipOptions: BuildSpruceExportZipOptions = {}, options: SpruceExportOptions = {}): Promise<SpruceExport> {
  return openSpruceExport(buildSpruceExportZip(tables, zipOptions), options);
}

/** The entries a zip's central directory lists, read through the zip module's one front door. */
export async function zipEntries(zip: Uint8Array): Promise<readonly ZipEntry[]> {
  return (await openZipArchive(bytesSource(zip), { maxUncompressedBytes: Number.POSITIVE_INFINITY })).entries;
}

/** The rows of one table written into an export and read back. */
export async function roundTrip<T extends TableName>(
  table: T,
  rows: NonNullable<SpruceExportTables[T]>,
  zipOptions: BuildSpruceExportZipOptions = {},
  rowsOptions: RowsOptions & { raw?: false } = {},
): Promise<TableRow<T>[]> {
  const exp = await exportOf({ [table]: rows }, zipOptions);
  return collect(exp.rows(table, rowsOptions));
}

/**
 * Runs the tests of the calling `describe` with the platform's `DecompressionStream`, then
 * again without it (fflate's `Inflate`), as on a platform that lacks `deflate-raw`.
 */
export const INFLATERS = ['decompression-stream', 'fflate'] as const;

export function useInflater(inflater: (typeof INFLATERS)[number]): void {
  if (inflater === 'fflate') {
    vi.stubGlobal('DecompressionStream', undefined);
    afterEach(() => {
      vi.unstubAllGlobals();
    });
  }
}

/** What an instrumented blob has been asked for. */
export interface BlobActivity {
  /** Bytes handed out by `stream()` readers so far. */
  bytesStreamed: number;
  /** Streams opened and streams cancelled before their end. */
  streamsOpened: number;
  streamsCancelled: number;
  streamsFinished: number;
}

/**
 * A `Blob` over `bytes` that counts what is read from it and whether streams are cancelled, to
 * prove backpressure and that leaving a loop early releases the read. Streams hand out small
 * chunks, as a file would.
 */
export function instrumentedBlob(bytes: Uint8Array, chunkSize = 4096): { blob: BlobLike; activity: BlobActivity } {
  const activity: BlobActivity = { bytesStreamed: 0, streamsOpened: 0, streamsCancelled: 0, streamsFinished: 0 };
  const make = (start: number, end: number): BlobLike => ({
    size: end - start,
    slice: (from = 0, to = end - start) => make(start + Math.max(0, from), Math.min(end, start + Math.max(0, to))),
    arrayBuffer: () => Promise.resolve(bytes.slice(start, end).buffer),
    stream() {
      activity.streamsOpened += 1;
      let at = start;
      return new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            if (at >= end) {
              activity.streamsFinished += 1;
              controller.close();
              return;
            }
            const chunk = bytes.slice(at, Math.min(end, at + chunkSize));
            at += chunk.length;
            activity.bytesStreamed += chunk.length;
            controller.enqueue(chunk);
          },
          cancel() {
            activity.streamsCancelled += 1;
          },
        },
        { highWaterMark: 0 },
      );
    },
  });
  return { blob: make(0, bytes.length), activity };
}

/** A message row with every required column, for tests that vary one thing. */
export function message(id: number, overrides: Record<string, unknown> = {}) {
  return {
    message_id: `m${id}`,
    conversation_id: 'c1',
    created_timestamp: new Date(Date.UTC(2024, 4, 2, 12, 0, id)),
    internal: false,
    destinations: [{ type: 'SMS', value: '+14155550100' }],
    actor_entity_id: 'e1',
    message_body: `body ${id}`,
    message_type: 'USER',
    deleted: false,
    ...overrides,
  };
}
export { accessOf, viewersOf, exceptionsOf, may, clinic, LINE_ANA, LINE_TEAM } from './access.js';
