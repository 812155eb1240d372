// csv-parse's browser build carries its own stream and Buffer polyfills; its writable side
// takes strings.
import { parse, type Options } from 'csv-parse/browser/esm';
import type { CsvEngine } from './engine.js';

/** csv-parse's browser build, fed decoded text. */
export function createCsvEngine(options: Options): CsvEngine {
  return { parser: parse(options), input: (text) => text, flush: () => undefined };
}
