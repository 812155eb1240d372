export { buildZip, zipChunks } from './testing/zip-writer.js';
export type { ZipEntryInput, ZipEntryFault, ZipWriterOptions } from './testing/zip-writer.js';
