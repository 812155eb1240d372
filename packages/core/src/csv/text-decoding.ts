import type { ByteChunks } from '../byte-stream.js';
import { InvalidParamsError } from '../errors.js';

/** How the bytes of a CSV become text. */
export interface TextDecodingOptions {
  /**
   * The encoding the caller knows the file is in (a WHATWG label: `'windows-1252'`, `'latin1'`,
   * `'utf-16le'`). Beats a declared charset; a byte-order mark beats both.
   */
  encoding?: string | undefined;
  /** The charset the server declared (`text/csv; charset=windows-1252`), when it did. */
  declaredCharset?: string | undefined;
}

/**
 * Bytes that are not valid in the file's encoding, after `validText` (the text before them).
 * `looksCompressed` when the file starts like gzip or zlib data: no encoding would read it.
 */
export class InvalidTextError extends Error {
  override readonly name = 'InvalidTextError';
  constructor(
    readonly encoding: string,
    readonly validText: string,
    readonly looksCompressed = false,
  ) {
    super(`the bytes are not valid ${encoding}`);
  }
}

/** A charset label the platform's `TextDecoder` does not know. */
export class UnknownCharsetError extends Error {
  override readonly name = 'UnknownCharsetError';
}

const encoder = new TextEncoder();

/** The longest byte-order mark (UTF-8's), the most held back before the encoding is known. */
const BOM_LENGTH = 3;

/**
 * Refuses an `encoding` option `TextDecoder` does not know, before anything is read.
 *
 * @example
 * ```ts
 * checkEncoding(options.encoding); // 'latin1' passes, 'latin-9000' is an InvalidParamsError
 * ```
 */
export function checkEncoding(encoding: string | undefined): void {
  if (encoding === undefined) return;
  if (typeof encoding !== 'string' || labelOf(encoding) === undefined) {
    throw new InvalidParamsError('encoding: not an encoding label TextDecoder knows (e.g. "utf-8", "windows-1252", "utf-16le")', {
      param: 'encoding',
    });
  }
}

/** The charset parameter of a `Content-Type`, or `undefined`. */
export function charsetOf(contentType: string | null | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1];
}

/**
 * A decoder for a response body read whole (a JSON page, an error page), in the charset its
 * `Content-Type` declares, else UTF-8 (also for a label `TextDecoder` does not know). It keeps a
 * byte-order mark and replaces invalid bytes with U+FFFD: the text is the body as sent, and
 * whoever keeps it decides what a BOM or a bad byte means.
 *
 * @example
 * ```ts
 * const text = declaredDecoder(response.headers.get('content-type')).decode(bytes);
 * ```
 */
export function declaredDecoder(contentType: string | null | undefined): TextDecoder {
  return new TextDecoder(labelOf(charsetOf(contentType) ?? 'utf-8') ?? 'utf-8', { ignoreBOM: true });
}

/**
 * Decodes a CSV's bytes as they stream (`TextDecoder` with `stream: true`: memory holds at most
 * a character's partial bytes and a BOM's). The encoding is, in order: the byte-order mark
 * (UTF-8, UTF-16LE, UTF-16BE), the `encoding` option, the declared charset, else UTF-8. Every
 * decoder is fatal: bytes that are not valid in the encoding end the text with an
 * {@link InvalidTextError} carrying the text before them, never replacement characters. A
 * text chunk is taken as its UTF-8 bytes.
 */
export async function* decodeText(chunks: ByteChunks, options: TextDecodingOptions = {}): AsyncGenerator<string, void, undefined> {
  let decoder: TextDecoder | undefined;
  let head: Uint8Array = new Uint8Array(0);
  try {
    for await (const piece of chunks) {
      const chunk = typeof piece === 'string' ? encoder.encode(piece) : piece;
      if (decoder === undefined) {
        head = concat(head, chunk);
        if (head.length < BOM_LENGTH) continue;
        decoder = decoderFor(head, options);
        yield decode(decoder, head, true);
        continue;
      }
      yield decode(decoder, chunk, true);
    }
    // A file shorter than a BOM is decoded whole here; otherwise the decoder's tail is flushed.
    const rest = decoder === undefined ? head : new Uint8Array(0);
    const tail = decode(decoder ?? decoderFor(head, options), rest, false);
    if (tail !== '') yield tail;
  } catch (error) {
    // Compressed bytes are text in no encoding: the error must not send the reader looking for one.
    if (error instanceof InvalidTextError && looksCompressed(head)) throw new InvalidTextError(error.encoding, error.validText, true);
    throw error;
  }
}

/**
 * Whether bytes start like compressed data: gzip's magic number (`1f 8b`), or a zlib header
 * (RFC 1950: method 8, a window of at most 32 KiB, the two bytes a multiple of 31). Only asked
 * once the bytes have proved not to be text, so a text that happens to start so is never misread.
 */
function looksCompressed(head: Uint8Array): boolean {
  const [first = 0, second = 0] = head;
  if (first === 0x1f && second === 0x8b) return true;
  return (first & 0x0f) === 8 && first >> 4 <= 7 && (first * 256 + second) % 31 === 0;
}

/**
 * Decodes a whole small file (a config or endpoints JSON a person edits) by the rules of
 * {@link decodeText}: a byte-order mark picks UTF-8 or UTF-16, else `encoding`, else UTF-8, and
 * bytes that are not valid are an {@link InvalidTextError}. Windows editors write a UTF-8 BOM
 * (Notepad) or UTF-16LE (PowerShell 5's `>` and `Out-File`), which `JSON.parse` of the bytes as
 * UTF-8 refuses.
 *
 * @example
 * ```ts
 * const config = JSON.parse(decodeWhole(await readFile('x-sync.json')));
 * ```
 */
export function decodeWhole(bytes: Uint8Array, options: TextDecodingOptions = {}): string {
  return decode(decoderFor(bytes, options), bytes, false);
}

function decoderFor(head: Uint8Array, options: TextDecodingOptions): TextDecoder {
  const bom = bomEncoding(head);
  const label = bom ?? options.encoding ?? options.declaredCharset ?? 'utf-8';
  const known = labelOf(label);
  if (known === undefined) throw new UnknownCharsetError(`the declared charset is not one TextDecoder knows`);
  return new TextDecoder(known, { fatal: true });
}

function bomEncoding(head: Uint8Array): string | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}

function labelOf(label: string): string | undefined {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
}

function decode(decoder: TextDecoder, bytes: Uint8Array, stream: boolean): string {
  try {
    return decoder.decode(bytes, { stream });
  } catch {
    throw new InvalidTextError(decoder.encoding, validPrefix(decoder.encoding, bytes));
  }
}

/**
 * The text of `bytes` before the first invalid sequence: a fresh fatal decoder in stream mode
 * accepts every prefix of valid input, so the longest accepted prefix is found by bisection.
 * Only on the error path. A character split across the previous chunk is left out (it holds no
 * line break, so the record count does not change); when the chunk is valid on its own, the
 * invalid sequence is the one across the border, and no text comes before it.
 */
function validPrefix(encoding: string, bytes: Uint8Array): string {
  const accepts = (end: number) => {
    try {
      new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(skip, end), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let skip = 0;
  // UTF-8 continuation bytes at the start belong to a character begun in the previous chunk.
  if (encoding === 'utf-8') while (skip < Math.min(3, bytes.length) && (bytes[skip]! & 0xc0) === 0x80) skip += 1;
  // All of it valid on its own: the invalid sequence began in the previous chunk, at the border.
  if (accepts(bytes.length)) return '';
  let low = skip;
  let high = bytes.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (accepts(middle)) low = middle;
    else high = middle - 1;
  }
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(skip, low), { stream: true });
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const all = new Uint8Array(a.length + b.length);
  all.set(a);
  all.set(b, a.length);
  return all;
}
