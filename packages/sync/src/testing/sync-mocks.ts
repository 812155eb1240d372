import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dexCareHandlers, type DexCareHandlersOptions, type DexCareFakeApi } from '@x/dexcare-reporting/testing';
import { lusciiHandlers, type LusciiFakeApi, type LusciiHandlersOptions } from '@x/luscii-export/testing';
import { buildSpruceExportZip, fakeSpruceExport } from '@x/spruce-export-parser/testing';
import { serveHandlers, type LoopbackServer } from './serve-handlers.js';

/** Options of {@link startSyncMocks}. */
export interface SyncMocksOptions {
  /** Folder for the Spruce zips (created). */
  spruceDir: string;
  luscii?: LusciiHandlersOptions | undefined;
  dexcare?: DexCareHandlersOptions | undefined;
  /**
   * Monthly Spruce exports to write, from May 2024.
   * @default 2
   */
  spruceFiles?: number | undefined;
  /** @default 300 */
  spruceMessages?: number | undefined;
}

/** The three built-in mocks, running. */
export interface SyncMocks {
  /** The environment `x-sync run` reads: base URLs on 127.0.0.1, the fake keys, the Spruce folder. */
  readonly env: Readonly<Record<string, string>>;
  readonly luscii: LusciiFakeApi;
  readonly dexcare: DexCareFakeApi;
  /** The Spruce zips written, oldest period first. */
  readonly spruceFiles: readonly string[];
  /** Stops the loopback servers (the Spruce folder is left for the caller). */
  close(): Promise<void>;
}

const MONTH_STARTS = ['2024-05-01', '2024-06-01', '2024-07-01', '2024-08-01', '2024-09-01', '2024-10-01'];

/**
 * Starts the Luscii and DexCare mocks on loopback HTTP and writes Spruce export zips into a
 * folder: everything `x-sync run` needs, with no network and no real keys. Used by the tests,
 * `pnpm demo`, and users trying the CLI.
 *
 * @example
 * ```ts
 * const mocks = await startSyncMocks({ spruceDir: '/tmp/spruce' });
 * // spawn x-sync run with { ...process.env, ...mocks.env }
 * await mocks.close();
 * ```
 */
export async function startSyncMocks(options: SyncMocksOptions): Promise<SyncMocks> {
  const luscii = lusciiHandlers(options.luscii);
  const dexcare = dexCareHandlers(options.dexcare);
  const servers: LoopbackServer[] = [];
  try {
    const lusciiServer = await serveHandlers(luscii.handlers, luscii.baseUrl);
    servers.push(lusciiServer);
    const dexcareServer = await serveHandlers(dexcare.handlers, dexcare.baseUrl);
    servers.push(dexcareServer);
    await mkdir(options.spruceDir, { recursive: true });
    const spruceFiles: string[] = [];
    const count = Math.min(options.spruceFiles ?? 2, MONTH_STARTS.length - 1);
    for (let i = 0; i < count; i++) {
      const start = new Date(`${MONTH_STARTS[i]}T00:00:00Z`);
      const days = Math.round((Date.parse(`${MONTH_STARTS[i + 1]}T00:00:00Z`) - start.getTime()) / 86_400_000);
      const path = join(options.spruceDir, `spruce-export-${MONTH_STARTS[i]}.zip`);
      await writeFile(path, buildSpruceExportZip(fakeSpruceExport({ messages: options.spruceMessages ?? 300, seed: i + 1, start, days })));
      spruceFiles.push(path);
    }
    return {
      env: {
        LUSCII_API_KEY: luscii.apiKey,
        LUSCII_BASE_URL: lusciiServer.url,
        DEXCARE_BASE_URL: dexcareServer.url,
        DEXCARE_SERVICE_KEY: dexcare.serviceKey,
        SPRUCE_EXPORTS_DIR: options.spruceDir,
      },
      luscii,
      dexcare,
      spruceFiles,
      close: async () => {
        await Promise.all(servers.map((server) => server.close()));
      },
    };
  } catch (error) {
    await Promise.all(servers.map((server) => server.close()));
    throw error;
  }
}
