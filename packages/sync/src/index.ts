export type {
  ColumnType,
  ColumnSpec,
  TableSpec,
  MergePlan,
  MergeCounts,
  StagedValue,
  StagedRow,
  SchemaNotice,
  FileLedgerEntry,
  RunRecord,
  StreamStateValue,
  Destination,
  DestinationTransaction,
} from './destinations/destination.js';
export { COLUMN_TYPES, META_COLUMNS } from './destinations/destination.js';
export type {
  SourceName,
  SourceValue,
  SourceRow,
  KeyRule,
  StreamColumn,
  StreamDefinition,
  UnitEvent,
  Unit,
  UnitContext,
  PlanContext,
  Source,
} from './sources/source.js';
export { sync, sourcesFrom } from './sync.js';
export type { SyncOptions, SourceSettings } from './sync.js';
export type { SyncEvent, SyncSummary, StreamSummary, RunStatus } from './engine/events.js';
export { DuckDbDestination, type DuckDbSettings } from './destinations/duckdb/duckdb-destination.js';
export { PostgresDestination } from './destinations/postgres/postgres-destination.js';
export type { PostgresDestinationOptions } from './destinations/postgres/postgres-destination.js';
export type { PostgresSettings } from './destinations/open-destination.js';
export { lusciiSource } from './sources/luscii/luscii-source.js';
export type { LusciiSourceOptions } from './sources/luscii/luscii-source.js';
export { dexCareSource } from './sources/dexcare/dexcare-source.js';
export type { DexCareSourceOptions } from './sources/dexcare/dexcare-source.js';
export { spruceSource } from './sources/spruce/spruce-source.js';
export type { SpruceSourceOptions } from './sources/spruce/spruce-source.js';
export { ALL_STREAMS } from './streams.js';
export { DestinationError, DestinationLockedError, SchemaMismatchError, SyncConfigError } from './errors/sync-errors.js';
export type { DestinationFailure } from './errors/sync-errors.js';
export { main, EXIT } from './cli/main.js';
export type { Output } from './cli/progress-output.js';
