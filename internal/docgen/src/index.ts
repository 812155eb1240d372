export { columnReference, modelDescription, renderColumnTable } from './data-reference.js';
export type { ColumnReference, ColumnTableOptions } from './data-reference.js';
