/**
 * What a source is to the engine. A source (`luscii`, `dexcare`, `spruce`) has streams; a stream
 * is one table (`luscii_measurements`) with its columns and its state; a run of a stream is a
 * sequence of units of work (a Luscii window or snapshot, an AVR report, an APR window, a Spruce
 * file). A unit reads its rows as an async iterable of {@link UnitEvent}s; the engine stages
 * them, and commits the unit's merges and its final state in ONE transaction. A source knows
 * nothing about databases: it says what to read, what the key is, and what the state becomes.
 *
 * The state a unit finishes with must be enough to plan the next run, and a `checkpoint` state
 * must be enough to resume the unit where it stopped: the engine commits staged rows and a
 * checkpoint together, so after a crash a unit resumes with exactly the rows it had staged.
 */
import type { ColumnSpec, FileLedgerEntry, MergePlan, StreamStateValue } from '../destinations/destination.js';

/** The three sources. */
export type SourceName = 'luscii' | 'dexcare' | 'spruce';

/** A value as a client's typed row holds it; the engine makes it canonical text. */
export type SourceValue = string | number | bigint | boolean | Date | null | undefined | object;

/** A row as a client yields it: wire names as keys. */
export type SourceRow = Readonly<Record<string, SourceValue>>;

/**
 * How a stream's rows are keyed, for docs and `status`:
 * - `columns`: the named wire columns;
 * - `row-hash`: sha256 of the whole row (rows without an id);
 * - `window`: rows are replaced per window, no key.
 */
export type KeyRule = { readonly kind: 'columns'; readonly columns: readonly string[] } | { readonly kind: 'row-hash' } | { readonly kind: 'window' };

/** The columns of a stream: wire name, table column name and type. */
export interface StreamColumn extends ColumnSpec {
  /** The field name on the row (`Patient_UUID`); `name` is the snake_case column (`patient_uuid`). */
  readonly wire: string;
}

/** One stream: one table of the warehouse. */
export interface StreamDefinition {
  /** Table name, `<source>_<stream>`: `luscii_measurements`, `dexcare_avr_virtual`, `spruce_messages`. */
  readonly table: string;
  readonly source: SourceName;
  /**
   * Columns from the model, in order. Fields a row has beyond these (a vendor adds a column) are
   * added to the table with a notice, typed from their values.
   */
  readonly columns: readonly StreamColumn[];
  /** Whether rows gone from a snapshot are marked `_sync_deleted_at`. */
  readonly softDelete: boolean;
  readonly key: KeyRule;
  /** One line for `status` and docs: how this stream is kept in step. */
  readonly rule: string;
  /**
   * Whether a unit of this stream resumes from the rows a killed attempt staged and committed (a
   * Luscii window's saved cursor). When not, a unit reads its rows again from the start, so every
   * staged row of the table at the start of a run was left by a killed run and is cleared, also
   * when its unit never comes back (a Spruce file removed from the folder after a crash).
   * @default false
   */
  readonly resumesStagedRows?: boolean;
}

/** Events of a unit, in order. */
export type UnitEvent =
  /**
   * Declare a table this unit writes, with its merge plan. Must come before that table's rows. The
   * columns may differ from the stream's (an AVR report's header decides its columns).
   */
  | {
      readonly type: 'table';
      readonly table: string;
      readonly columns?: readonly StreamColumn[];
      readonly merge: MergePlan;
      /**
       * Keep the rows an earlier attempt of this unit staged and committed with a checkpoint (the
       * unit resumes from that checkpoint). Otherwise they are discarded first.
       * @default false
       */
      readonly resume?: boolean;
    }
  /**
   * A batch of rows (a page, or a bounded chunk of a CSV) for a declared table. With
   * `parentsOnly`, rows of a `replace-set` table that hold only its parent columns: each names a
   * parent whose set this unit replaces, empty if no other row gives it one. They are staged but
   * are not rows of the table, and not counted as rows.
   */
  | { readonly type: 'rows'; readonly table: string; readonly rows: readonly SourceRow[]; readonly parentsOnly?: boolean }
  /**
   * Commit what is staged so far together with this state (a resume point: a saved cursor, a
   * report id saved before polling). Keyed by stream table name.
   */
  | { readonly type: 'checkpoint'; readonly states: Readonly<Record<string, StreamStateValue>> }
  /** Discard every row staged for this unit so far (an APR window whose `count` moved). */
  | { readonly type: 'restart'; readonly reason: string }
  /** Progress without rows: a page read, a report status. */
  | { readonly type: 'progress'; readonly pages?: number; readonly status?: string }
  /** Something the user should know (a gap between Spruce periods); no values in `message`. */
  | { readonly type: 'notice'; readonly code: string; readonly message: string };

/** One unit of work. */
export interface Unit {
  /** Stable across runs for the same work (the resume key of staged rows): `2024-05-01..2024-05-08`, a sha256. */
  readonly id: string;
  /** The streams (tables) whose state this unit moves. */
  readonly streams: readonly string[];
  /** What `--dry-run` and progress show: a window, a report, a file name. Never a value. */
  readonly label: string;
  /** Read the unit. Ends when every row is yielded. */
  read(context: UnitContext): AsyncIterable<UnitEvent>;
  /** The state of each stream after the unit commits. */
  finalStates(): Readonly<Record<string, StreamStateValue>>;
  /** A ledger entry to write with the unit (Spruce files), given the rows read per table. */
  ledger?(rows: Readonly<Record<string, number>>, runId: number): Omit<FileLedgerEntry, 'status' | 'runId'> | undefined;
  /**
   * Whether a failure of this unit that is the file's own (`ExportFormatError`: a corrupt Spruce
   * zip; `DataValidationError`: a value its model refuses) is recorded and skipped (ledger entry
   * `failed`) instead of stopping the stream.
   */
  readonly skipOnFormatError?: boolean;
}

/** What a unit's reader gets. */
export interface UnitContext {
  readonly signal: AbortSignal;
}

/** What planning gets. */
export interface PlanContext {
  /** The stored state of each of the source's selected streams (absent on a first run), also on a full refresh. */
  readonly states: ReadonlyMap<string, StreamStateValue>;
  /** The selected streams (table names). */
  readonly streams: readonly string[];
  /** First day a dated stream reads on its first run (`YYYY-MM-DD`). */
  readonly since: string;
  /**
   * Read the dated streams again from `since` (`--full-refresh`): a source ignores the state
   * that says where it stopped, and keeps what says what is merged (Spruce's periods).
   */
  readonly fullRefresh: boolean;
  /** The run's clock, injected so tests do not read the wall clock. */
  readonly now: Date;
  readonly signal: AbortSignal;
  /** Whether a Spruce file with this sha256 is already in the ledger for these tables. */
  readonly fileLoaded: (sha256: string, tables: readonly string[]) => Promise<boolean>;
  /** Report a notice while planning (e.g. a gap between Spruce periods). */
  readonly notice: (code: string, message: string) => void;
}

/** A source of streams. */
export interface Source {
  readonly name: SourceName;
  /** Every stream this source offers. */
  readonly streams: readonly StreamDefinition[];
  /**
   * The units a run takes, in commit order, for the selected streams. Lazy: a later unit may be
   * planned from the state an earlier one committed (units are planned after the previous commit).
   */
  units(context: PlanContext): AsyncIterable<Unit>;
}
