/**
 * Exports a month of Luscii measurements to an NDJSON file, one row a line, with a progress
 * line per page. Resumable: after each page is on disk, its `nextCursor` is saved next to the
 * file; a run that finds a saved cursor carries on from it, and the saved state is removed
 * once the export is complete. Every row lands in the file exactly once, however often the
 * job is interrupted.
 *
 * Run against Luscii:
 *   LUSCII_API_KEY=… LUSCII_MONTH=2024-05 LUSCII_OUTPUT=./measurements.ndjson \
 *     npx tsx --conditions=@x/source examples/luscii-export.ts
 * Run on the built-in fake (no network, no key): `pnpm demo`.
 */
import { mkdtemp, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setupServer } from 'msw/node';
import { LusciiClient, SdkError } from '@x/luscii-export';
import { lusciiHandlers } from '@x/luscii-export/testing';

/** What the job needs: where Luscii is, which month, and where the file goes. */
export interface MeasurementExportOptions {
  apiKey: string;
  /** @default 'https://api.luscii.com' */
  baseUrl?: string | undefined;
  /** The month to export, `YYYY-MM`. */
  month: string;
  /** The NDJSON file to write. */
  outputPath: string;
  /**
   * Where the cursor of the last finished page is kept between runs.
   * @default `${outputPath}.cursor.json`
   */
  statePath?: string | undefined;
  /** @default 2 */
  maxRetries?: number | undefined;
  /** Where progress lines go. @default console.log */
  log?: ((line: string) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/** What a run did. */
export interface MeasurementExportResult {
  /** Rows in the file when the export completed. */
  rows: number;
  /** Pages fetched by this run. */
  pages: number;
  /** Rows that were already in the file from an interrupted run (0 for a fresh start). */
  resumedAfter: number;
}

/** The saved position: the cursor of the last page on disk, and how much of the file that is. */
interface SavedPosition {
  startDate: string;
  endDate: string;
  nextCursor: string;
  pages: number;
  rows: number;
  bytes: number;
}

export async function main(options: MeasurementExportOptions): Promise<MeasurementExportResult> {
  const log = options.log ?? console.log;
  const { startDate, endDate } = monthRange(options.month);
  const statePath = options.statePath ?? `${options.outputPath}.cursor.json`;
  const saved = await readPosition(statePath);
  if (saved && (saved.startDate !== startDate || saved.endDate !== endDate)) {
    throw new Error(`${statePath} belongs to an export of ${saved.startDate}..${saved.endDate}; remove it to start ${options.month} afresh`);
  }
  const client = new LusciiClient({ apiKey: options.apiKey, baseUrl: options.baseUrl, maxRetries: options.maxRetries });
  const rows = client.export('measurements', { startDate, endDate, cursor: saved?.nextCursor, signal: options.signal });
  if (saved) log(`resuming after page ${saved.pages} (${saved.rows} rows) from the saved cursor`);

  // 'r+' keeps what an earlier run wrote; anything after the saved position is cut off below.
  const file = await open(options.outputPath, saved ? 'r+' : 'w');
  let written = { pages: saved?.pages ?? 0, rows: saved?.rows ?? 0, bytes: saved?.bytes ?? 0 };
  try {
    // Rows of a page written after the last saved cursor would otherwise be written twice.
    await file.truncate(written.bytes);
    for await (const page of rows.pages()) {
      const text = page.data.map((row) => `${JSON.stringify(row)}\n`).join('');
      await file.write(text, written.bytes);
      await file.datasync();
      written = { pages: written.pages + 1, rows: written.rows + page.data.length, bytes: written.bytes + Buffer.byteLength(text) };
      if (page.nextCursor !== null) await savePosition(statePath, { startDate, endDate, nextCursor: page.nextCursor, ...written });
      log(`page ${written.pages}: ${page.data.length} rows, ${written.rows} in the file${page.nextCursor === null ? ', done' : ''}`);
    }
  } finally {
    await file.close();
  }
  await rm(statePath, { force: true });
  return { rows: written.rows, pages: written.pages - (saved?.pages ?? 0), resumedAfter: saved?.rows ?? 0 };
}

/** Runs the job on the fake Luscii API: one run cut short by a failing page, then a resume. */
export async function demo(): Promise<void> {
  const api = lusciiHandlers({
    faults: [
      // Retried by the client: the run carries on.
      { fault: 'rateLimit', reportType: 'measurements', page: 2, retryAfterSeconds: 1 },
      // Outlasts the retries of the first run: the run stops after page 2.
      { fault: 'serverError', reportType: 'measurements', page: 3, times: 3 },
    ],
  });
  const server = setupServer(...api.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  const dir = await mkdtemp(join(tmpdir(), 'luscii-export-'));
  const options: MeasurementExportOptions = {
    apiKey: api.apiKey,
    month: '2024-05',
    outputPath: join(dir, 'measurements-2024-05.ndjson'),
    log: (line) => console.log(`  ${line}`),
  };
  try {
    console.log('run 1 (page 2 is rate limited once; page 3 fails more often than the client retries):');
    try {
      await main(options);
    } catch (error) {
      if (!(error instanceof SdkError)) throw error;
      console.log(`  interrupted: ${error.name}: ${error.message}`);
    }
    console.log('run 2 (resumes from the saved cursor):');
    const result = await main(options);
    const lines = (await readFile(options.outputPath, 'utf8')).trimEnd().split('\n');
    const expected = api.rowsFor('measurements', { startDate: '2024-05-01', endDate: '2024-05-31' }).length;
    const failed = api.requests.filter((request) => request.status !== 200).length;
    console.log(`${result.rows} measurements in the file: ${lines.length} lines, ${new Set(lines).size} distinct, ${expected} in the API for May`);
    console.log(`${api.requests.length} requests, ${failed} of them failed and were retried or resumed`);
  } finally {
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The job's options from the environment: LUSCII_API_KEY, LUSCII_MONTH, LUSCII_OUTPUT, LUSCII_BASE_URL. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): MeasurementExportOptions {
  const apiKey = env.LUSCII_API_KEY;
  if (!apiKey) throw new Error('Set LUSCII_API_KEY to your organisation’s Export API key');
  const month = env.LUSCII_MONTH ?? new Date(Date.now() - 31 * 86_400_000).toISOString().slice(0, 7);
  return { apiKey, month, outputPath: env.LUSCII_OUTPUT ?? `measurements-${month}.ndjson`, baseUrl: env.LUSCII_BASE_URL };
}

/** The first and last day of a `YYYY-MM` month. */
function monthRange(month: string): { startDate: string; endDate: string } {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) throw new Error('month must be YYYY-MM');
  const lastDay = new Date(Date.UTC(Number(match[1]), Number(match[2]), 0)).getUTCDate();
  return { startDate: `${month}-01`, endDate: `${month}-${String(lastDay).padStart(2, '0')}` };
}

async function readPosition(path: string): Promise<SavedPosition | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as SavedPosition;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Written to a temporary file and renamed, so a crash leaves the old position or the new one, never half of one. */
async function savePosition(path: string, position: SavedPosition): Promise<void> {
  await writeFile(`${path}.tmp`, JSON.stringify(position));
  await rename(`${path}.tmp`, path);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(optionsFromEnv());
