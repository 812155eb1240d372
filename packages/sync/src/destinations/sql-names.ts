/** Identifier quoting: every name is quoted, so `group` or `key` columns are fine. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A string literal (paths in COPY, which takes no parameters). */
export function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** The staging table of a data table. */
export function stageName(table: string): string {
  return `_sync_stage_${table}`;
}
