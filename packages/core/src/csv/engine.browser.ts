// csv-parse's browser build carries its own stream and Buffer polyfills; its writable side
// takes strings, so bytes are decoded first (TextDecoder also drops a BOM).
import { parse, type Options } from 'csv-parse/browser/esm';
import type { CsvEngine } from './engine.js';

/** csv-parse's browser build, fed decoded text. */
export function createCsvEngine(options: Options): CsvEngine {
  const decoder = new TextDecoder();
  return {
    parser: parse(options),
    input: (chunk) => decoder.decode(chunk, { stream: true }),
    flush: () => decoder.decode() || undefined,
  };
}
