import { parse, type Options } from 'csv-parse';
import type { CsvEngine } from './engine.js';

/** csv-parse's Node stream parser, fed decoded text. */
export function createCsvEngine(options: Options): CsvEngine {
  return { parser: parse(options), input: (text) => text, flush: () => undefined };
}
