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
