/** Identifier quoting: every name is quoted, so `group` or `key` columns are fine. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A string literal (paths in COPY, which takes no parameters). */
export function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** The staging table of a data table: `_sync_stage_<table>`, or `_sync_session_stage_<table>` (session staging: temporary on DuckDB, UNLOGGED on PostgreSQL). */
export function stageName(table: { readonly name: string; readonly staging?: 'durable' | 'session' }): string {
  return table.staging === 'session' ? `_sync_session_stage_${table.name}` : `_sync_stage_${table.name}`;
}
