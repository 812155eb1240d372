import { META_COLUMNS, type ColumnSpec, type MergeCounts, type MergePlan, type TableSpec } from './destination.js';
import { ident, stageName } from './sql-names.js';

/** Runs one statement with positional parameters (`?`) and returns the rows it changed. */
export type Execute = (sql: string, params?: readonly (string | number | null)[]) => Promise<number>;

/** What differs between the destinations' SQL for a merge. */
export interface MergeDialect {
  /** A staged (text) column of alias `s` cast to its type, as `<cast> AS "<name>"`. */
  cast(column: ColumnSpec): string;
  /**
   * A condition true when the key expressions `left` and `right` (one per key column) are equal,
   * NULL equal to NULL. PostgreSQL cannot hash-join `IS NOT DISTINCT FROM`, so it compares row
   * values as text instead.
   */
  sameKey(left: readonly string[], right: readonly string[]): string;
  /**
   * `_sync_row_hash` of a staged row of alias `alias` with data columns `columns`: the staged
   * column where the engine hashed the row ({@link stagedRowHash}), or the hash computed in SQL.
   */
  rowHash(columns: readonly ColumnSpec[], alias: string): string;
}

/** The staged `_sync_row_hash` column, where the engine computed it. */
export function stagedRowHash(_columns: readonly ColumnSpec[], alias: string): string {
  return `${alias}.${ident(META_COLUMNS.rowHash)}`;
}

/** `IS NOT DISTINCT FROM` on each key column: what DuckDB joins on. */
export function notDistinctKey(left: readonly string[], right: readonly string[]): string {
  return left.map((expression, i) => `${expression} IS NOT DISTINCT FROM ${right[i]}`).join(' AND ');
}

/**
 * The key of `alias` as SQL expressions: its columns, and `_sync_row_hash` as `rowHash(alias)`
 * (a column of the table and of the merge copy, an expression over staging where the database
 * computes it).
 */
function keyExpressions(key: readonly string[], alias: string, rowHash = (of: string) => `${of}.${HASH}`): string[] {
  return key.map((k) => (k === META_COLUMNS.rowHash ? rowHash(alias) : `${alias}.${ident(k)}`));
}

/** True for a staged row of alias `m` whose columns other than `parent` are all NULL: it only names its parent. */
function parentOnly(table: TableSpec, parent: readonly string[]): string {
  const others = table.columns.filter((column) => !parent.includes(column.name));
  return others.length === 0 ? 'FALSE' : others.map((column) => `m.${ident(column.name)} IS NULL`).join(' AND ');
}

/**
 * Deletes the staged rows of `unitId` that a later row of the same key supersedes (below the key's
 * highest `_sync_seq`, unique within a unit), so that the last staged row of each key wins. Only
 * the keys staged more than once are joined back, so the memory this takes follows the duplicates,
 * not the unit: a semi-join of every key's highest `_sync_seq` held all of them in memory while
 * the rows were inserted, and failed with "Out of Memory Error" on DuckDB at 800,000 messages
 * under a 56MB limit (a sort, `DISTINCT ON`, failed sooner).
 */
async function dropSupersededRows(execute: Execute, dialect: MergeDialect, table: TableSpec, unitId: string, key: readonly string[]): Promise<void> {
  const stage = ident(stageName(table));
  const stagedHash = (alias: string) => dialect.rowHash(table.columns, alias);
  const grouped = keyExpressions(key, 'g', stagedHash).map((expression, i) => `${expression} AS k${i}`);
  const repeated = `SELECT ${grouped.join(', ')}, max(g."_sync_seq") AS top FROM ${stage} g WHERE g."_sync_unit" = ? GROUP BY ${grouped.map((_, i) => i + 1).join(', ')} HAVING count(*) > 1`;
  const sameKey = dialect.sameKey(keyExpressions(key, 'l', stagedHash), key.map((_, i) => `d.k${i}`));
  await execute(
    `DELETE FROM ${stage} WHERE "_sync_unit" = ? AND "_sync_seq" IN (SELECT l."_sync_seq" FROM ${stage} l JOIN (${repeated}) d ON ${sameKey} AND l."_sync_seq" < d.top WHERE l."_sync_unit" = ?)`,
    [unitId, unitId, unitId],
  );
}

const MERGE = '_sync_merge';
const DIFF = '_sync_diff';
const HASH = ident(META_COLUMNS.rowHash);
const RUN = ident(META_COLUMNS.runId);
const DELETED = ident(META_COLUMNS.deletedAt);

/**
 * Merges the staged rows of one unit into its table as the plan says, then clears them. Every
 * strategy writes a row only when its `_sync_row_hash` differs from the row there, so a run
 * with nothing new changes no row. The staged text is cast once into a temporary table, which
 * the caller has checked casts cleanly. The SQL is what DuckDB and PostgreSQL both accept; only
 * the casts differ (`cast`). Into an empty table (a first load, `targetEmpty`) the cast rows are
 * inserted straight from staging instead, with no typed copy and no join.
 */
export async function mergeStaged(
  execute: Execute,
  dialect: MergeDialect,
  table: TableSpec,
  unitId: string,
  plan: MergePlan,
  runId: number,
  targetEmpty: boolean,
): Promise<MergeCounts> {
  const target = ident(table.name);
  const dedupe = plan.kind === 'upsert' || plan.kind === 'snapshot' ? plan.key : plan.kind === 'append' ? [META_COLUMNS.rowHash] : undefined;
  const typed = [...table.columns.map((column) => dialect.cast(column)), `${dialect.rowHash(table.columns, 's')} AS ${HASH}`];
  if (dedupe) await dropSupersededRows(execute, dialect, table, unitId, dedupe);
  const staged = `SELECT ${typed.join(', ')} FROM ${ident(stageName(table))} s WHERE s."_sync_unit" = ?`;
  const stagedParams = [unitId];
  const names = [...table.columns.map((column) => ident(column.name)), HASH];
  const counts = { inserted: 0, updated: 0, deleted: 0 };
  // A replace-set row that only names its parent (see MergePlan) is never a row of the table.
  const tableRow = plan.kind === 'replace-set' ? `NOT (${parentOnly(table, plan.parent)})` : 'TRUE';
  if (targetEmpty) {
    // A first load: every plan comes down to inserting the staged rows, with no join against the
    // table and no typed copy of the staging rows (a history export is the biggest unit there is).
    counts.inserted = await execute(`INSERT INTO ${target} (${names.join(', ')}, ${RUN}) SELECT m.*, ${runId} FROM (${staged}) m WHERE ${tableRow}`, stagedParams);
    await execute(`DELETE FROM ${ident(stageName(table))} WHERE "_sync_unit" = ?`, [unitId]);
    return counts;
  }
  await execute(`DROP TABLE IF EXISTS ${MERGE}`);
  await execute(`CREATE TEMP TABLE ${MERGE} AS ${staged}`, stagedParams);
  switch (plan.kind) {
    case 'upsert':
    case 'snapshot': {
      const match = dialect.sameKey(keyExpressions(plan.key, 't'), keyExpressions(plan.key, 'm'));
      const changed = plan.kind === 'snapshot' ? `(t.${HASH} <> m.${HASH} OR t.${DELETED} IS NOT NULL)` : `t.${HASH} <> m.${HASH}`;
      const newer = plan.kind === 'upsert' && plan.newerThan ? ` AND (t.${ident(plan.newerThan)} IS NULL OR m.${ident(plan.newerThan)} >= t.${ident(plan.newerThan)})` : '';
      const sets = [...names.map((name) => `${name} = m.${name}`), `${RUN} = ${runId}`];
      if (plan.kind === 'snapshot') sets.push(`${DELETED} = NULL`);
      if (plan.kind === 'snapshot' || plan.existing !== 'keep') {
        counts.updated = await execute(`UPDATE ${target} AS t SET ${sets.join(', ')} FROM ${MERGE} m WHERE ${match} AND ${changed}${newer}`);
      }
      counts.inserted = await execute(
        `INSERT INTO ${target} (${names.join(', ')}, ${RUN}) SELECT ${names.map((n) => `m.${n}`).join(', ')}, ${runId} FROM ${MERGE} m WHERE NOT EXISTS (SELECT 1 FROM ${target} t WHERE ${match})`,
      );
      if (plan.kind === 'snapshot') {
        counts.deleted = await execute(
          `UPDATE ${target} AS t SET ${DELETED} = CAST(? AS TIMESTAMPTZ), ${RUN} = ${runId} WHERE t.${DELETED} IS NULL AND NOT EXISTS (SELECT 1 FROM ${MERGE} m WHERE ${match})`,
          [plan.at.toISOString()],
        );
      }
      break;
    }
    case 'append':
      counts.inserted = await execute(
        `INSERT INTO ${target} (${names.join(', ')}, ${RUN}) SELECT ${names.map((n) => `m.${n}`).join(', ')}, ${runId} FROM ${MERGE} m WHERE NOT EXISTS (SELECT 1 FROM ${target} t WHERE t.${HASH} = m.${HASH})`,
      );
      break;
    case 'replace-window':
    case 'replace-set': {
      if (plan.kind === 'replace-set' && plan.existing === 'keep') {
        const parentMatch = dialect.sameKey(keyExpressions(plan.parent, 't'), keyExpressions(plan.parent, 'm'));
        counts.inserted = await execute(
          `INSERT INTO ${target} (${names.join(', ')}, ${RUN}) SELECT ${names.map((n) => `m.${n}`).join(', ')}, ${runId} FROM ${MERGE} m WHERE NOT EXISTS (SELECT 1 FROM ${target} t WHERE ${parentMatch}) AND ${tableRow}`,
        );
        break;
      }
      const within = (alias: string) =>
        plan.kind === 'replace-window'
          ? { sql: `(CAST(${alias}.${ident(plan.column)} AS DATE) BETWEEN CAST(? AS DATE) AND CAST(? AS DATE))`, params: [plan.from, plan.to] }
          : { sql: `(${plan.parent.map((p) => `${alias}.${ident(p)}`).join(', ')}) IN (SELECT (${plan.parent.map((p) => `m.${ident(p)}`).join(', ')}) FROM ${MERGE} m)`, params: [] };
      const scope = within('t');
      // The staged rows compared with the scope. A window's rows dated outside it (or not dated) are
      // in no window's scope: compared with the window, they were inserted again on every re-read;
      // they are appended on their hash instead. A set's rows that only name their parent are none.
      const compared = plan.kind === 'replace-window' ? within('m') : { sql: tableRow, params: [] };
      // Rows have no id: compare the multiset of row hashes in scope and rewrite only the hashes whose count differs.
      await execute(`DROP TABLE IF EXISTS ${DIFF}`);
      await execute(
        `CREATE TEMP TABLE ${DIFF} AS SELECT coalesce(a.h, b.h) AS h FROM (SELECT m.${HASH} AS h, count(*) AS c FROM ${MERGE} m WHERE ${compared.sql} GROUP BY 1) a ` +
          `FULL OUTER JOIN (SELECT t.${HASH} AS h, count(*) AS c FROM ${target} t WHERE ${scope.sql} GROUP BY 1) b ON a.h = b.h WHERE a.c IS DISTINCT FROM b.c`,
        [...compared.params, ...scope.params],
      );
      counts.deleted = await execute(`DELETE FROM ${target} AS t WHERE ${scope.sql} AND t.${HASH} IN (SELECT h FROM ${DIFF})`, scope.params);
      counts.inserted = await execute(
        `INSERT INTO ${target} (${names.join(', ')}, ${RUN}) SELECT ${names.map((n) => `m.${n}`).join(', ')}, ${runId} FROM ${MERGE} m WHERE ${compared.sql} AND m.${HASH} IN (SELECT h FROM ${DIFF})`,
        compared.params,
      );
      if (plan.kind === 'replace-window') {
        counts.inserted += await execute(
          `INSERT INTO ${target} (${names.join(', ')}, ${RUN}) SELECT ${names.map((n) => `m.${n}`).join(', ')}, ${runId} FROM ${MERGE} m WHERE NOT coalesce(${compared.sql}, FALSE) AND NOT EXISTS (SELECT 1 FROM ${target} t WHERE t.${HASH} = m.${HASH})`,
          compared.params,
        );
      }
      await execute(`DROP TABLE ${DIFF}`);
      break;
    }
  }
  await execute(`DROP TABLE ${MERGE}`);
  await execute(`DELETE FROM ${ident(stageName(table))} WHERE "_sync_unit" = ?`, [unitId]);
  return counts;
}
