import { ExportFormatError, type DataValidationError } from '@x/core';
import { csvRows, normalizeHeaderLoosely } from '@x/core/internal';
import { withEventData } from './conversation-event-data.js';
import type { SpruceConversationEventColumns } from './models/conversation-events.js';
import type { RowsOptions } from './options.js';
import { SPRUCE_ROW_MODELS } from './models/index.js';
import type { TableName } from './tables.js';
import type { ZipArchive, ZipEntry } from './zip/zip-archive.js';

/** What every read of one export shares. */
export interface ExportReadContext {
  archive: ZipArchive;
  maxRecordSize: number;
}

/**
 * Reads one table: the entry's bytes, inflated and checked by the archive, through core's
 * `csvRows` with the table's model (headers matched by core's `normalizeHeaderLoosely`), with
 * `conversation_events.data` parsed by event. It returns `csvRows`' own iterator: the caller's
 * `RowIterable` checks the signal, and no layer of this package stands between. A table the zip
 * lacks (`entry` undefined) is an `ExportFormatError` naming it.
 *
 * A bad cell may be a damaged entry rather than a bad value: the checksum is only known at the
 * end of the entry. So on a `DataValidationError` the rest of the entry is read and checked
 * first, and a damaged entry is reported as the `ExportFormatError` it is (the cell error as
 * its `cause`).
 */
export function readTable(
  context: ExportReadContext,
  table: TableName,
  entry: ZipEntry | undefined,
  options: Omit<RowsOptions, 'signal'>,
): AsyncGenerator<unknown, void, undefined> {
  if (!entry) throw new ExportFormatError(`the export has no ${table}.csv`, { source: table });
  const { raw = false, onInvalidRow, encoding } = options;
  const bytes = new EntryBytes(context.archive.read(entry, { source: table }));
  const eventData = !raw && table === 'conversation_events';
  return csvRows(bytes, {
    source: table,
    schema: SPRUCE_ROW_MODELS[table],
    raw,
    normalizeHeader: normalizeHeaderLoosely,
    onInvalidRow,
    maxRecordSize: context.maxRecordSize,
    encoding,
    mapRow: eventData ? (row, record) => withEventData(row as SpruceConversationEventColumns, { source: table, record }, onInvalidRow) : undefined,
    beforeRowError: (cellError) => checkRest(bytes, cellError, table),
    closeInput: () => bytes.close(),
  });
}

async function checkRest(bytes: EntryBytes, cellError: DataValidationError, table: TableName): Promise<void> {
  let failure: unknown;
  try {
    for (let next = await bytes.next(); !next.done; next = await bytes.next());
  } catch (error) {
    failure = error;
  }
  const damage = failure ?? bytes.damage;
  if (damage instanceof ExportFormatError) throw new ExportFormatError(damage.message, { source: table, cause: cellError });
  if (failure !== undefined) throw failure;
}

/**
 * An entry's bytes as the CSV reader sees them: kept open when the reader lets go (it does on
 * text that is not valid UTF-8, say), so that {@link checkRest} can still read the entry to its
 * checksum; `close` releases them. They also keep the damage they ended with: the reader may meet
 * it first (it delivers the records parsed before an input error, then throws it), so a bad record
 * among those reaches `checkRest` after the entry is spent.
 */
class EntryBytes implements AsyncIterableIterator<Uint8Array> {
  /** The error the entry's bytes ended with, if any. */
  damage: unknown;
  readonly #bytes: AsyncGenerator<Uint8Array, void, undefined>;

  constructor(bytes: AsyncGenerator<Uint8Array, void, undefined>) {
    this.#bytes = bytes;
  }

  next(): Promise<IteratorResult<Uint8Array, void>> {
    return this.#bytes.next().catch((error: unknown) => {
      this.damage ??= error;
      throw error;
    });
  }

  /** The reader letting go: the entry stays open until {@link EntryBytes.close}. */
  return(): Promise<IteratorResult<Uint8Array, void>> {
    return Promise.resolve({ done: true, value: undefined });
  }

  /** Releases the entry (its file handle, its inflater). */
  async close(): Promise<void> {
    await this.#bytes.return();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
