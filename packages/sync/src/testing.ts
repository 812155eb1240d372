export { serveHandlers } from './testing/serve-handlers.js';
export type { LoopbackServer } from './testing/serve-handlers.js';
export { startSyncMocks } from './testing/sync-mocks.js';
export type { SyncMocks, SyncMocksOptions } from './testing/sync-mocks.js';
