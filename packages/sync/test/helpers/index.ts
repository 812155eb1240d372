export { postgresUrl, postgresWarehouse, warehouseKinds, withAdmin, type Warehouse } from './destinations.js';
export { ALL_TYPES, memorySource, typedRow, type MemoryUnit } from './memory-source.js';
