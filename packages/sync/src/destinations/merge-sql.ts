import { META_COLUMNS, type ColumnSpec, type MergeCounts, type MergePlan, type TableSpec } from './destination.js';
import { ident, stageName } from './sql-names.js';

/** Runs one statement with positional parameters (`?`) and returns the rows it changed. */
export type Execute = (sql: string, params?: readonly (string | number | null)[]) => Promise<number>;

/** What differs between the destinations' SQL for a merge. */
export interface MergeDialect {
  /** A staged (text) column of alias `s` cast to its type, as `<cast> AS "<name>"`. */
  cast(column: ColumnSpec): string;
  /**
   * A condition true when rows `t` and `m` have the same key, NULL equal to NULL. PostgreSQL
   * cannot hash-join `IS NOT DISTINCT FROM`, so it compares row values as text instead.
   */
  sameKey(key: readonly string[]): string;
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
export function notDistinctKey(key: readonly string[]): string {
  return key.map((k) => `t.${ident(k)} IS NOT DISTINCT FROM m.${ident(k)}`).join(' AND ');
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
  // The last staged row of each key wins: the row of the key's highest `_sync_seq` (unique within a
  // unit). A grouped max and a semi-join, not `DISTINCT ON … ORDER BY`: a sort of a whole unit's
  // rows does not spill within DuckDB's memory limit, a hash aggregate of keys does.
  const stage = ident(stageName(table.name));
  const keys = dedupe?.map((k) => (k === META_COLUMNS.rowHash ? dialect.rowHash(table.columns, 'l') : `l.${ident(k)}`)).join(', ');
  const latest = keys ? ` AND s."_sync_seq" IN (SELECT max(l."_sync_seq") FROM ${stage} l WHERE l."_sync_unit" = ? GROUP BY ${keys})` : '';
  const staged = `SELECT ${typed.join(', ')} FROM ${stage} s WHERE s."_sync_unit" = ?${latest}`;
  const stagedParams = keys ? [unitId, unitId] : [unitId];
  const names = [...table.columns.map((column) => ident(column.name)), HASH];
  const counts = { inserted: 0, updated: 0, deleted: 0 };
  if (targetEmpty) {
    // A first load: every plan comes down to inserting the staged rows, with no join against the
    // table and no typed copy of the staging rows (a history export is the biggest unit there is).
    counts.inserted = await execute(`INSERT INTO ${target} (${names.join(', ')}, ${RUN}) SELECT m.*, ${runId} FROM (${staged}) m`, stagedParams);
    await execute(`DELETE FROM ${ident(stageName(table.name))} WHERE "_sync_unit" = ?`, [unitId]);
    return counts;
  }
  await execute(`DROP TABLE IF EXISTS ${MERGE}`);
  await execute(`CREATE TEMP TABLE ${MERGE} AS ${staged}`, stagedParams);
  switch (plan.kind) {
    case 'upsert':
    case 'snapshot': {
      const match = dialect.sameKey(plan.key);
      const changed = plan.kind === 'snapshot' ? `(t.${HASH} <> m.${HASH} OR t.${DELETED} IS NOT NULL)` : `t.${HASH} <> m.${HASH}`;
      const newer = plan.kind === 'upsert' && plan.newerThan ? ` AND (t.${ident(plan.newerThan)} IS NULL OR m.${ident(plan.newerThan)} >= t.${ident(plan.newerThan)})` : '';
      const sets = [...names.map((name) => `${name} = m.${name}`), `${RUN} = ${runId}`];
      if (plan.kind === 'snapshot') sets.push(`${DELETED} = NULL`);
      counts.updated = await execute(`UPDATE ${target} AS t SET ${sets.join(', ')} FROM ${MERGE} m WHERE ${match} AND ${changed}${newer}`);
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
      const scope =
        plan.kind === 'replace-window'
          ? { sql: `CAST(t.${ident(plan.column)} AS DATE) BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)`, params: [plan.from, plan.to] }
          : { sql: `(${plan.parent.map((p) => `t.${ident(p)}`).join(', ')}) IN (SELECT (${plan.parent.map((p) => `m.${ident(p)}`).join(', ')}) FROM ${MERGE} m)`, params: [] };
      // Rows have no id: compare the multiset of row hashes in scope and rewrite only the hashes whose count differs.
      await execute(`DROP TABLE IF EXISTS ${DIFF}`);
      await execute(
        `CREATE TEMP TABLE ${DIFF} AS SELECT coalesce(a.h, b.h) AS h FROM (SELECT ${HASH} AS h, count(*) AS c FROM ${MERGE} GROUP BY 1) a ` +
          `FULL OUTER JOIN (SELECT t.${HASH} AS h, count(*) AS c FROM ${target} t WHERE ${scope.sql} GROUP BY 1) b ON a.h = b.h WHERE a.c IS DISTINCT FROM b.c`,
        scope.params,
      );
      counts.deleted = await execute(`DELETE FROM ${target} AS t WHERE ${scope.sql} AND t.${HASH} IN (SELECT h FROM ${DIFF})`, scope.params);
      counts.inserted = await execute(
        `INSERT INTO ${target} (${names.join(', ')}, ${RUN}) SELECT ${names.map((n) => `m.${n}`).join(', ')}, ${runId} FROM ${MERGE} m WHERE m.${HASH} IN (SELECT h FROM ${DIFF})`,
      );
      await execute(`DROP TABLE ${DIFF}`);
      break;
    }
  }
  await execute(`DROP TABLE ${MERGE}`);
  await execute(`DELETE FROM ${ident(stageName(table.name))} WHERE "_sync_unit" = ?`, [unitId]);
  return counts;
}
