// csv-parse's browser build of its sync API: the same parser as Node's, with a Buffer polyfill but
// none of the stream polyfills of its streaming browser build (about 10 kB of a gzipped browser
// bundle). The sync API parses a whole text, so the adapter below hands it whole records.
import { parse, type Options } from 'csv-parse/browser/esm/sync';
import type { CsvEngine, CsvParserStream } from './engine.js';

/** csv-parse's sync API in the browser, fed decoded text a record at a time. */
export function createCsvEngine(options: Options): CsvEngine {
  return { parser: new RecordFeeder(options), input: (text) => text, flush: () => undefined };
}

type Listeners = { data: ((record: string[]) => void)[]; error: ((error: Error) => void)[]; end: (() => void)[] };

/**
 * Drives csv-parse's sync `parse` like its stream. The text not yet delivered always starts at a
 * record boundary, so each call parses it from the state the stream would be in: every record
 * but the last (which more text may extend) is delivered, and the rest is kept for the next
 * write. A text ending inside a quoted field is a record still arriving, not an error, until
 * `end`. Records parsed before an error are delivered before it, as the stream does.
 *
 * Where the stream would wait for the next byte, the sync parser decides at the end of the text.
 * Only a final `\r` (maybe half of a `\r\n`) makes it decide otherwise than the stream, in a way
 * that could raise an error the full text does not have: it is left out of the parse until more
 * text comes. Any other error in the text is the stream's too.
 *
 * Only the first call may skip a byte-order mark, and the record delimiter csv-parse discovered
 * in the first line (`\r\n`, `\n` or `\r`) is passed to the later calls, which start mid-file.
 * Once it is known, a write usually parses just the text up to its last delimiter. A record cut
 * by many writes may be parsed again at each; `max_record_size` bounds it.
 */
class RecordFeeder implements CsvParserStream {
  readonly #options: Options;
  readonly #listeners: Listeners = { data: [], error: [], end: [] };
  /** Text from the first undelivered record on. Bounded: complete records leave at each write. */
  #pending = '';
  /** Set once records have been delivered: the text no longer starts the file. */
  #delimiter: string | undefined;

  constructor(options: Options) {
    this.#options = options;
  }

  write(chunk: Uint8Array | string, callback: (error?: Error | null) => void): boolean {
    this.#pending += asText(chunk);
    const error = this.#parse({ final: false });
    callback(error ?? null);
    return true;
  }

  end(chunk?: Uint8Array | string): void {
    if (chunk !== undefined) this.#pending += asText(chunk);
    const error = this.#parse({ final: true });
    if (error === undefined) for (const listener of this.#listeners.end) listener();
  }

  on(event: 'data', listener: (record: string[]) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  on(event: 'end', listener: () => void): this;
  on(event: keyof Listeners, listener: never): this {
    (this.#listeners[event] as unknown[]).push(listener);
    return this;
  }

  /** Parses the pending text; delivers what is complete and keeps the rest. Returns the error, emitted. */
  #parse({ final }: { final: boolean }): Error | undefined {
    if (!final && this.#delimiter !== undefined && this.#parseToLastDelimiter(this.#delimiter)) return undefined;
    const text = final ? this.#pending : this.#pending.replace(/\r$/, '');
    const records: { record: string[]; end: number }[] = [];
    let error: Error | undefined;
    try {
      parse(text, {
        ...this.#options,
        bom: this.#delimiter === undefined && this.#options.bom === true,
        ...(this.#delimiter === undefined ? {} : { record_delimiter: this.#delimiter }),
        on_record: (record: string[], info) => {
          records.push({ record, end: info.bytes });
          return null;
        },
      });
    } catch (thrown) {
      error = thrown as Error;
    }
    const arriving = !final && error !== undefined && (error as { code?: unknown }).code === 'CSV_QUOTE_NOT_CLOSED';
    if (arriving) error = undefined;
    // Without an error the last record may be cut short; before an open quote every record is whole.
    const complete = final || error !== undefined || arriving ? records : records.slice(0, -1);
    if (final || error !== undefined) this.#pending = '';
    else if (complete.length > 0) this.#keepAfter(text, complete[0]!.end, complete.at(-1)!.end);
    this.#emit(complete.map(({ record }) => record));
    if (error !== undefined) for (const listener of this.#listeners.error) listener(error);
    return error;
  }

  /**
   * The common case, once the delimiter is known: the text up to its last delimiter holds whole
   * records only, parsed without the per-record callback (which costs a third more). Returns
   * false when that text ends inside a quoted field or has an error, for the full parse to sort
   * out, and when no delimiter has come in more than `max_record_size` characters.
   */
  #parseToLastDelimiter(delimiter: string): boolean {
    const at = this.#pending.lastIndexOf(delimiter);
    if (at < 0) {
      const limit = Number(this.#options.max_record_size ?? 0);
      return limit === 0 || this.#pending.length <= limit;
    }
    const end = at + delimiter.length;
    let records: string[][];
    try {
      records = parse(this.#pending.slice(0, end), { ...this.#options, bom: false, record_delimiter: delimiter });
    } catch {
      return false;
    }
    this.#pending = this.#pending.slice(end);
    this.#emit(records);
    return true;
  }

  #emit(records: string[][]): void {
    for (const record of records) for (const listener of this.#listeners.data) listener(record);
  }

  /**
   * Keeps the pending text after `end`, a byte offset in `text` (its start) as csv-parse counts
   * (UTF-8); learns the record delimiter from the first record delivered.
   */
  #keepAfter(text: string, firstEnd: number, end: number): void {
    const bytes = new TextEncoder().encode(text);
    const body = this.#options.bom === true && text.startsWith('\uFEFF') ? text.slice(1) : text;
    this.#delimiter ??= firstDelimiter(body, bytes, firstEnd);
    // The text before `end` decodes to as many UTF-16 units as it has (a lone surrogate, encoded
    // as U+FFFD, is one unit either way), so the rest is kept as it came.
    this.#pending = this.#pending.slice(new TextDecoder().decode(bytes.subarray(0, end)).length);
  }
}

/**
 * The record delimiter csv-parse discovered: the first line break outside quotes. That is a
 * leading empty line's, or else the one ending the first record (at `firstEnd`).
 */
function firstDelimiter(body: string, bytes: Uint8Array, firstEnd: number): string {
  const leading = /^(?:\r\n|\n|\r)/.exec(body)?.[0];
  if (leading !== undefined) return leading;
  if (bytes[firstEnd - 1] === 0x0a) return bytes[firstEnd - 2] === 0x0d ? '\r\n' : '\n';
  return '\r';
}

function asText(chunk: Uint8Array | string): string {
  return typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk);
}
