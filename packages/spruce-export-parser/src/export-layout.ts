import { ExportFormatError } from '@x/core';
import { TABLE_NAMES, isTableName, type TableName } from './tables.js';
import type { ZipEntry } from './zip/zip-archive.js';

/**
 * Finds each table's entry by its base name (`messages.csv`, any case), at the root of the zip
 * or inside one folder ("a zipped folder", as Spruce sends it). Folders, `__MACOSX/`, dotfiles,
 * deeper paths and other files are ignored; two entries for one table are an error, since
 * either could be the real one.
 */
export function locateTables(entries: readonly ZipEntry[]): Map<TableName, ZipEntry> {
  const found = new Map<TableName, ZipEntry>();
  for (const entry of entries) {
    const table = tableOf(entry.name);
    if (table === undefined) continue;
    const other = found.get(table);
    if (other) {
      throw new ExportFormatError(`the export holds two files for the table ${table}: "${other.name}" and "${entry.name}"`, { source: table });
    }
    found.set(table, entry);
  }
  return new Map(TABLE_NAMES.filter((table) => found.has(table)).map((table) => [table, found.get(table)!]));
}

function tableOf(path: string): TableName | undefined {
  if (path.endsWith('/')) return undefined;
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.length > 2 || parts.some((part) => part.startsWith('.') || part === '__MACOSX')) return undefined;
  const match = /^(.+)\.csv$/i.exec(parts.at(-1) ?? '');
  const stem = match?.[1]?.toLowerCase();
  return stem !== undefined && isTableName(stem) ? stem : undefined;
}
