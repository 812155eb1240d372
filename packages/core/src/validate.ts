import type * as z from 'zod';
import { DataValidationError, type DataLocation, type ValidationIssue } from './errors.js';

/**
 * Parses `value` with `schema`, or throws a {@link DataValidationError} that names the location
 * and the first field at fault but not the value (which stays on the error's hidden `value`).
 *
 * @example
 * ```ts
 * const row = parseOrThrow(MeasurementRow, raw, { source: 'measurements', page: 3, index: 12 });
 * ```
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, location: DataLocation): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw toValidationError(result.error, value, location);
}

/** Turns a `ZodError` into a {@link DataValidationError} without quoting any value. */
export function toValidationError(error: z.ZodError, value: unknown, location: DataLocation): DataValidationError {
  const issues: ValidationIssue[] = error.issues.map((issue) => ({ path: issue.path, code: issue.code, message: issue.message }));
  const path = issues[0]?.path ?? [];
  const field = location.field ?? (path.length > 0 ? path.map(String).join('.') : undefined);
  return new DataValidationError({ ...location, field }, { issues, value: valueAt(value, path), row: value });
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * Parses one row with its model. A bad row throws a {@link DataValidationError}; with
 * `onInvalidRow` (lenient mode) it is reported there instead and still returned, its good
 * fields converted and its bad fields kept as sent. Shared by the CSV and JSON clients.
 *
 * @example
 * ```ts
 * const row = parseRow(PatientRow, raw, { source: 'patients', page: 1, index: 0 }, (error) => log.warn(error.message));
 * ```
 */
export function parseRow<S extends z.ZodObject>(
  schema: S,
  row: Record<string, unknown>,
  location: DataLocation,
  onInvalidRow?: (error: DataValidationError) => void,
): z.output<S> {
  const result = schema.safeParse(row);
  if (result.success) return result.data;
  const error = toValidationError(result.error, row, location);
  if (!onInvalidRow) throw error;
  onInvalidRow(error);
  return lenientRow(row, schema) as z.output<S>;
}

/** A row with its good fields converted and its bad fields kept as they were sent. */
export function lenientRow(row: Record<string, unknown>, schema: z.ZodObject): Record<string, unknown> {
  const shape = schema.shape as Record<string, z.ZodType | undefined>;
  const lenient: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const parsed = shape[key]?.safeParse(value);
    lenient[key] = parsed?.success ? parsed.data : value;
  }
  return lenient;
}
