export { columnReference, renderColumnTable } from './data-reference.js';
export type { ColumnReference } from './data-reference.js';
