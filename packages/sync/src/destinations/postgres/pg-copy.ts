import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { StagedRow, StagedValue } from '../destination.js';
import { ident } from '../sql-names.js';

/** Rows per CSV chunk written to the COPY stream: bounded memory, few writes. */
const CHUNK_ROWS = 500;

function csvField(value: StagedValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  // Most values hold no quote: no scan-and-copy of replaceAll for them.
  return value.includes('"') ? `"${value.replaceAll('"', '""')}"` : `"${value}"`;
}

/** The rows as CSV lines, `CHUNK_ROWS` lines a string: one concatenation per field, no array per row. */
function* csvChunks(unitId: string, rows: readonly StagedRow[]): Generator<string> {
  const unit = csvField(unitId);
  let chunk = '';
  let count = 0;
  for (const row of rows) {
    let line = unit;
    for (let i = 0; i < row.length; i++) line += `,${csvField(row[i])}`;
    chunk += `${line}\n`;
    if (++count === CHUNK_ROWS) {
      yield chunk;
      chunk = '';
      count = 0;
    }
  }
  if (chunk !== '') yield chunk;
}

/**
 * Streams `rows` into `table` with `COPY … FROM STDIN (FORMAT csv)`: the unit id first, then
 * `columns`. NULL is an unquoted empty field, every text value is quoted, so an empty string
 * stays an empty string.
 */
export async function copyRowsIn(client: pg.Client, table: string, unitId: string, columns: readonly string[], rows: readonly StagedRow[]): Promise<void> {
  const names = ['_sync_unit', ...columns].map(ident).join(', ');
  const stream = client.query(copyStreams.from(`COPY ${ident(table)} (${names}) FROM STDIN WITH (FORMAT csv)`));
  await pipeline(Readable.from(csvChunks(unitId, rows)), stream);
}

/**
 * A column as the export writes it, in DuckDB's text where PostgreSQL's differs: booleans
 * `true`/`false` (PostgreSQL's own are `t`/`f`), and a whole DOUBLE below 10^16 with `.0` (`5.0`,
 * `1000000000000000.0`, where PostgreSQL writes `5` and `1e+15`), so a loader that guesses
 * types from the file reads a float column from either destination. Other doubles already agree.
 */
function exportedColumn(name: string, type: string): string {
  const column = ident(name);
  if (type === 'boolean') return `${column}::text AS ${column}`;
  if (type !== 'double precision') return column;
  const whole = `${column} = trunc(${column}) AND abs(${column}) < 1e16`;
  return `CASE WHEN ${whole} THEN ${column}::bigint::text || '.0' ELSE ${column}::text END AS ${column}`;
}

/**
 * Writes every row of `table` to `file` as CSV with a header, through `COPY … TO STDOUT`, each
 * column as DuckDB's export writes it ({@link exportedColumn}). When the copy fails, the session
 * is ended: the client cannot be used again.
 */
export async function copyTableOut(client: pg.Client, table: string, file: string): Promise<void> {
  const { rows } = await client.query<{ column_name: string; data_type: string }>(
    'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position',
    [table],
  );
  const columns = rows.map(({ column_name: name, data_type: type }) => exportedColumn(name, type));
  const stream = client.query(copyStreams.to(`COPY (SELECT ${columns.join(', ')} FROM ${ident(table)}) TO STDOUT WITH (FORMAT csv, HEADER true)`));
  try {
    await pipeline(stream, createWriteStream(file));
  } catch (error) {
    // A file that cannot be written (a full disk) leaves the server sending a COPY that nothing
    // reads, and the session cannot run another statement: the COMMIT after it waited for good,
    // and Node, with nothing left to wait on, exited 0. An export only reads; ending the session
    // loses nothing.
    await client.end().catch(() => undefined);
    throw error;
  }
}
