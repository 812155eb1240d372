import type * as z from 'zod';
import { ExportFormatError } from '../errors.js';

/** How a header maps onto row keys. */
export interface ColumnLayout {
  /** Per position: the canonical name of a known column, or the header text of an unknown one. */
  keys: string[];
  /** Per position: whether the column is one the model knows. */
  known: boolean[];
  /**
   * Columns after the last named one whose header cell is empty, as a spreadsheet re-save adds
   * (`,,` at the end of every line). Not in `keys`: their cells must be empty, and are dropped.
   */
  emptyTrailing: number;
}

interface LayoutOptions {
  source: string;
  schema?: z.ZodObject | undefined;
  normalizeHeader?: ((name: string) => string) | undefined;
  aliases?: Readonly<Record<string, readonly string[]>> | undefined;
}

const trim = (name: string) => name.trim();

/**
 * A `normalizeHeader` for files whose headers drift in spelling: case, underscores and
 * surrounding white space are ignored, so `messageid`, `MessageId` and `message_id` all name
 * `message_id`.
 *
 * @example
 * ```ts
 * csvRows(bytes, { source: 'messages', schema: SpruceMessageRow, normalizeHeader: normalizeHeaderLoosely });
 * ```
 */
export function normalizeHeaderLoosely(name: string): string {
  return name.trim().toLowerCase().replaceAll('_', '');
}

/**
 * Maps a header row onto the model's canonical names. Column order comes from the header,
 * never from the model. Trailing columns with empty header cells are set aside (see
 * {@link ColumnLayout.emptyTrailing}). A required column that is missing, or two columns that mean the same
 * thing, make the file unusable: `ExportFormatError`.
 */
export function columnLayout(header: string[], options: LayoutOptions): ColumnLayout {
  const normalize = options.normalizeHeader ?? trim;
  const shape = (options.schema?.shape ?? {}) as Record<string, z.ZodType>;
  const canonical = new Map<string, string>();
  for (const key of Object.keys(shape)) {
    for (const spelling of [key, ...(options.aliases?.[key] ?? [])]) canonical.set(normalize(spelling), key);
  }
  const keys: string[] = [];
  const known: boolean[] = [];
  const seen = new Set<string>();
  let named = header.length;
  while (named > 0 && header[named - 1]!.trim() === '') named -= 1;
  for (const cell of header.slice(0, named)) {
    const key = canonical.get(normalize(cell)) ?? trim(cell);
    if (seen.has(key)) throw new ExportFormatError(`${options.source}: the column "${key}" appears twice in the header`, { source: options.source });
    seen.add(key);
    keys.push(key);
    known.push(Object.hasOwn(shape, key));
  }
  const missing = Object.keys(shape).filter((key) => !seen.has(key) && !shape[key]!.safeParse(undefined).success);
  if (missing.length > 0) {
    const list = missing.map((key) => `"${key}"`).join(', ');
    throw new ExportFormatError(`${options.source}: the header lacks the column${missing.length > 1 ? 's' : ''} ${list}`, {
      source: options.source,
    });
  }
  return { keys, known, emptyTrailing: header.length - named };
}
