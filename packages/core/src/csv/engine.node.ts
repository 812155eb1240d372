import { parse, type Options } from 'csv-parse';
import type { CsvEngine } from './engine.js';

/** csv-parse's Node stream parser, fed the bytes as they come. */
export function createCsvEngine(options: Options): CsvEngine {
  return { parser: parse(options), input: (chunk) => chunk, flush: () => undefined };
}
