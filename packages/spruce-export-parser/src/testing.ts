export { buildSpruceExportZip, spruceExportZipChunks, spruceTableCsv, DEFAULT_METADATA } from './testing/build-export-zip.js';
export type { BuildSpruceExportZipOptions, SpruceExportTables, SpruceTableInput, SpruceTableCsvOptions } from './testing/build-export-zip.js';
export { buildZip, zipChunks } from './testing/zip-writer.js';
export type { ZipEntryInput, ZipEntryFault, ZipWriterOptions } from './testing/zip-writer.js';
export { goCsvField, goCsvRecord, goTimestamp, spruceCell } from './testing/go-csv.js';
export { fakeSpruceExport } from './testing/fake-export.js';
export type { FakeSpruceExport, FakeSpruceExportOptions } from './testing/fake-export.js';
export { SpruceAccessScenario } from './testing/access-scenario.js';
export type { AccessScenarioOptions, ScenarioAction } from './testing/access-scenario.js';
