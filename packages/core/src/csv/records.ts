import { createCsvEngine } from '#csv-engine';
import type { CsvParserStream } from './engine.js';

/** csv-parse options the SDK relies on; values are never cast by csv-parse (converters run after). */
export interface CsvRecordOptions {
  /** Longest record, in characters, before csv-parse stops with `CSV_MAX_RECORD_SIZE`. */
  maxRecordSize: number;
}

/**
 * Parses bytes into batches of records (`string[]`), pulling the next chunk only when the
 * caller asks for more: memory holds at most the records of about two chunks. Every record is
 * kept, blank lines aside; quoting, BOM and CRLF are csv-parse's job.
 */
export async function* csvRecordBatches(
  chunks: AsyncIterable<Uint8Array>,
  options: CsvRecordOptions,
): AsyncGenerator<string[][], void, undefined> {
  const engine = createCsvEngine({
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    max_record_size: options.maxRecordSize,
  });
  const { parser } = engine;
  let batch: string[][] = [];
  let failure: Error | undefined;
  parser.on('data', (record) => batch.push(record));
  const ended = new Promise<void>((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', (error) => {
      failure ??= error;
      reject(error);
    });
  });
  ended.catch(() => undefined);
  try {
    for await (const chunk of chunks) {
      // Records parsed before a failure are delivered first, so the failure's position is exact.
      const written = await write(parser, engine.input(chunk)).then(() => undefined, (error: unknown) => ({ error }));
      if (batch.length > 0) yield take();
      if (written || failure) throw written?.error ?? failure;
    }
    parser.end(engine.flush());
    const finished = await ended.then(() => undefined, (error: unknown) => ({ error }));
    if (batch.length > 0) yield take();
    if (finished) throw finished.error;
  } finally {
    parser.destroy?.();
  }

  function take(): string[][] {
    const records = batch;
    batch = [];
    return records;
  }
}

function write(parser: CsvParserStream, input: Uint8Array | string): Promise<void> {
  return new Promise((resolve, reject) => {
    parser.write(input, (error) => (error ? reject(error) : resolve()));
  });
}
