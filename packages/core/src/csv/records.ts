import { createCsvEngine } from '#csv-engine';
import type { ByteChunks } from '../byte-stream.js';
import { ConnectionError } from '../errors.js';
import type { CsvParserStream } from './engine.js';
import { decodeText, InvalidTextError, type TextDecodingOptions } from './text-decoding.js';

/** csv-parse options the SDK relies on; values are never cast by csv-parse (converters run after). */
export interface CsvRecordOptions extends TextDecodingOptions {
  /** Longest record, in characters, before csv-parse stops with `CSV_MAX_RECORD_SIZE`. */
  maxRecordSize: number;
}

/**
 * Parses bytes into batches of records (`string[]`), pulling the next chunk only when the
 * caller asks for more: memory holds at most the records of about two chunks. Every record is
 * kept but blank ones, which are not counted as records either: empty lines, and lines whose
 * every cell is empty (`,,`: a spreadsheet keeps rows whose data was deleted as such lines).
 * Quoting and CRLF are csv-parse's job, the encoding {@link decodeText}'s.
 *
 * When the input fails in transit (a stalled or dropped body: a `ConnectionError`) or holds bytes
 * invalid in the encoding, the records that arrived whole are delivered before the error: csv-parse holds the last record until it
 * sees what follows, so when the text so far ends with a line break the parser is ended to
 * release it (a line break inside quotes ends nothing: the parser's complaint is dropped).
 */
export async function* csvRecordBatches(
  chunks: ByteChunks,
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
  let lastText = '';
  // Not csv-parse's skip_records_with_empty_values: it trims first, and would drop a record of
  // white-space cells (`" ",\t`), which a model may read as values.
  parser.on('data', (record) => {
    if (record.some((cell) => cell !== '')) batch.push(record);
  });
  const ended = new Promise<void>((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', (error) => {
      failure ??= error;
      reject(error);
    });
  });
  ended.catch(() => undefined);
  const texts = decodeText(chunks, options)[Symbol.asyncIterator]();
  try {
    while (true) {
      const next = await texts.next().then(
        (result) => ({ result }),
        (error: unknown) => ({ error }),
      );
      if ('error' in next) {
        yield* await wholeRecordsBefore(next.error);
        throw next.error;
      }
      if (next.result.done) break;
      const text = next.result.value;
      if (text === '') continue;
      lastText = text;
      // Records parsed before a failure are delivered first, so the failure's position is exact.
      const written = await write(parser, engine.input(text)).then(() => undefined, (error: unknown) => ({ error }));
      if (batch.length > 0) yield take();
      if (written || failure) throw written?.error ?? failure;
    }
    parser.end(engine.flush());
    const finished = await ended.then(() => undefined, (error: unknown) => ({ error }));
    if (batch.length > 0) yield take();
    if (finished) throw finished.error;
  } finally {
    parser.destroy?.();
    await texts.return?.();
  }

  /** The records complete before an input failure, as batches (empty when none). */
  async function wholeRecordsBefore(error: unknown): Promise<string[][][]> {
    if (failure) return [];
    const valid = error instanceof InvalidTextError ? error.validText : '';
    if (valid !== '') {
      lastText = valid;
      const written = await write(parser, engine.input(valid)).then(() => true, () => false);
      if (!written) return batch.length > 0 ? [take()] : [];
    }
    // Only bytes known to be as sent: a network body that stalled or dropped (TCP delivered
    // what came), or text before an invalid byte. Data failing its own check (a zip entry's
    // CRC-32) may be damaged anywhere: its held record stays held.
    if (lastText.endsWith('\n') && (valid !== '' || error instanceof ConnectionError || error instanceof InvalidTextError)) {
      parser.end(engine.flush());
      await ended.catch(() => undefined);
    }
    return batch.length > 0 ? [take()] : [];
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
