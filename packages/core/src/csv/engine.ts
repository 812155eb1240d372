/**
 * The contract of the two csv-parse adapters. `#csv-engine` (see package.json `imports`)
 * resolves to `engine.node.ts` in Node and to `engine.browser.ts` under the `browser` condition.
 */
export interface CsvEngine {
  /** A csv-parse parser: a writable side taking input, a readable side emitting `string[]` records. */
  parser: CsvParserStream;
  /** Turns a chunk of decoded text into what the parser's writable side takes. */
  input: (text: string) => Uint8Array | string;
  /** Whatever input is left when the text ends. */
  flush: () => Uint8Array | string | undefined;
}

/** The part of a csv-parse parser (Node stream or its polyfill) that the driver uses. */
export interface CsvParserStream {
  write(chunk: Uint8Array | string, callback: (error?: Error | null) => void): boolean;
  end(chunk?: Uint8Array | string): unknown;
  on(event: 'data', listener: (record: string[]) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  /** Node streams have it; the browser build's polyfill does not. */
  destroy?(): unknown;
}
