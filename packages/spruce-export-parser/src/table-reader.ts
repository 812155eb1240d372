import { DataValidationError, ExportFormatError } from '@x/core';
import { csvRows, normalizeHeaderLoosely } from '@x/core/internal';
import { withEventData } from './conversation-event-data.js';
import type { SpruceConversationEventColumns as ConversationEventColumns } from './models/conversation-events.js';
import type { RowsOptions } from './options.js';
import type { ByteRangeSource } from './sources/byte-range.js';
import { SPRUCE_ROW_MODELS as TABLE_COLUMNS } from './models/index.js';
import type { TableName } from './tables.js';
import type { ZipEntry } from './zip/central-directory.js';
import { readEntry } from './zip/entry-reader.js';
import type { UncompressedBudget } from './zip/uncompressed-budget.js';

/** What every read of one export shares. */
export interface ExportReadContext {
  source: ByteRangeSource;
  budget: UncompressedBudget;
  maxRecordSize: number;
}

/**
 * Reads one table: the entry's bytes, inflated and checked, through core's `csvRows` with the
 * table's model (headers matched by core's `normalizeHeaderLoosely`), then `conversation_events.data`
 * parsed by event.
 *
 * A bad cell may be a damaged entry rather than a bad value: the checksum is only known at the
 * end of the entry. So on a `DataValidationError` the rest of the entry is read and checked
 * first, and a damaged entry is reported as the `ExportFormatError` it is (the cell error as
 * its `cause`).
 */
export async function* readTable(
  context: ExportReadContext,
  table: TableName,
  entry: ZipEntry,
  options: RowsOptions,
): AsyncGenerator<unknown, void, undefined> {
  const { raw = false, onInvalidRow, signal, encoding } = options;
  signal?.throwIfAborted();
  const bytes = readEntry(context.source, entry, { budget: context.budget, source: table, signal });
  try {
    const rows = csvRows(keptOpen(bytes), {
      source: table,
      schema: TABLE_COLUMNS[table],
      raw,
      normalizeHeader: normalizeHeaderLoosely,
      onInvalidRow,
      maxRecordSize: context.maxRecordSize,
      encoding,
      signal,
    });
    if (raw || table !== 'conversation_events') {
      yield* rows;
      return;
    }
    let record = 0;
    for await (const row of rows) {
      record += 1;
      yield withEventData(row as unknown as ConversationEventColumns, { source: table, record }, onInvalidRow);
    }
  } catch (error) {
    if (error instanceof DataValidationError) await checkRest(bytes, error, table);
    throw error;
  } finally {
    await bytes.return();
  }
}

/** Lets `csvRows` stop reading without closing the entry, so its checksum can still be checked. */
function keptOpen(bytes: AsyncGenerator<Uint8Array, void, undefined>): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator]: () => ({
      next: () => bytes.next(),
      return: () => Promise.resolve({ done: true as const, value: undefined }),
    }),
  };
}

async function checkRest(bytes: AsyncGenerator<Uint8Array, void, undefined>, cellError: DataValidationError, table: TableName): Promise<void> {
  try {
    for await (const _chunk of bytes);
  } catch (damage) {
    if (damage instanceof ExportFormatError) throw new ExportFormatError(damage.message, { source: table, cause: cellError });
    throw damage;
  }
}
