import { DataValidationError, type DataLocation } from '@x/core';
import { parseRow } from '@x/core/internal';
import type { ExportRequest } from './params.js';
import { LUSCII_ROW_MODELS } from './models/index.js';

/** Where a row sits: report type, 1-based page of this run, 0-based index in the page. */
export type RowLocation = Required<Pick<DataLocation, 'source' | 'page' | 'index'>>;

/** Turns one row of a page into what the export yields. */
export type RowReader = (row: unknown, location: RowLocation) => unknown;

/**
 * The reader for an export's row mode: typed (the first bad row throws), lenient (bad rows go
 * to `onInvalidRow` and are still delivered) or raw (rows as sent). In every mode a row must
 * at least be an object: anything else is a broken page, not a row with a bad field.
 */
export function rowReader(request: Pick<ExportRequest, 'reportType' | 'rows'>): RowReader {
  const mode = request.rows;
  if (mode.raw) return (row, location) => objectRow(row, location);
  const model = LUSCII_ROW_MODELS[request.reportType];
  const { onInvalidRow } = mode;
  return (row, location) => parseRow(model, objectRow(row, location), location, onInvalidRow);
}

function objectRow(row: unknown, location: RowLocation): Record<string, unknown> {
  if (typeof row === 'object' && row !== null && !Array.isArray(row)) return row as Record<string, unknown>;
  throw new DataValidationError(location, { reason: 'expected a row object', row, value: row });
}
