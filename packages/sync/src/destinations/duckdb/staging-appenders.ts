import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import type { StagedRow } from '../destination.js';

/** Rows the open appenders hold at most before they write them: bounds a unit that never checkpoints. */
const MAX_HELD_ROWS = 20_000;

/**
 * The DuckDB appenders of one connection's staging tables, one per table, open from a table's
 * first staged batch until the next SQL statement on the connection. An appender's flush writes
 * what it holds into the table on the calling thread, with a cost per flush besides the cost per
 * row: flushed after every batch, a page of 50 Luscii rows held the event loop 2-4 ms, and a
 * 200,000-message Spruce load spent about 0.6 s in 100 flushes. Held until the next statement,
 * the rows are flushed once per checkpoint or merge instead.
 *
 * Rows an appender holds are invisible to SQL, so the destination calls {@link flush} before
 * every statement it runs, COMMIT included, and {@link discard} before a ROLLBACK: closing an
 * appender flushes it, which after a rollback would write its rows on their own.
 */
export class StagingAppenders {
  readonly #connection: DuckDBConnection;
  readonly #open = new Map<string, DuckDBAppender>();
  #held = 0;

  constructor(connection: DuckDBConnection) {
    this.#connection = connection;
  }

  /** The open appender of staging table `table` (`temp` for a session's), opened on first use. */
  async #appender(table: string, staging: 'durable' | 'session'): Promise<DuckDBAppender> {
    let appender = this.#open.get(table);
    if (!appender) {
      appender = staging === 'session' ? await this.#connection.createAppender(table, 'main', 'temp') : await this.#connection.createAppender(table);
      this.#open.set(table, appender);
    }
    return appender;
  }

  /**
   * Appends `rows` to staging table `table` in its columns' `order`: `_sync_unit` and `_sync_seq`
   * (counting on from `layout.seq`) from the layout, every other column the row's value at its
   * `positions` entry (-1: none, NULL). Past {@link MAX_HELD_ROWS} held, writes them all. Returns
   * the last `_sync_seq` given.
   */
  async append(table: string, staging: 'durable' | 'session', layout: StagingLayout, rows: readonly StagedRow[]): Promise<number> {
    const { order, positions, unitId } = layout;
    const appender = await this.#appender(table, staging);
    let seq = layout.seq;
    for (const row of rows) {
      seq += 1;
      for (let i = 0; i < order.length; i++) {
        const name = order[i]!;
        if (name === '_sync_unit') appender.appendVarchar(unitId);
        else if (name === '_sync_seq') appender.appendBigInt(BigInt(seq));
        else {
          const position = positions[i]!;
          const value = position < 0 ? null : row[position];
          if (value === null || value === undefined) appender.appendNull();
          else appender.appendVarchar(typeof value === 'boolean' ? String(value) : value);
        }
      }
      appender.endRow();
    }
    this.#held += rows.length;
    if (this.#held >= MAX_HELD_ROWS) this.flush();
    return seq;
  }

  /** Writes every held row into its table and closes the appenders. */
  flush(): void {
    for (const [table, appender] of this.#open) {
      appender.flushSync();
      appender.closeSync();
      this.#open.delete(table);
    }
    this.#held = 0;
  }

  /** Drops every held row unwritten and closes the appenders (a failed flush's included). */
  discard(): void {
    for (const appender of this.#open.values()) {
      try {
        appender.clear();
        appender.closeSync();
      } catch {
        // An appender whose flush failed may refuse again; the transaction is rolled back either way.
      }
    }
    this.#open.clear();
    this.#held = 0;
  }
}

/** Where a staged row's values go in a staging table, for {@link StagingAppenders.append}. */
export interface StagingLayout {
  /** The staging table's column names, in table order. */
  readonly order: readonly string[];
  /** For each column of `order`, the index of its value in a staged row, or -1 (none). */
  readonly positions: readonly number[];
  readonly unitId: string;
  /** The unit's last `_sync_seq` so far. */
  readonly seq: number;
}
