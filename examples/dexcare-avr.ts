/**
 * Runs a DexCare All Visits Report for a date range and writes its rows to a CSV or NDJSON
 * file, deduplicated on a key column you name (DexCare's own sample loader deduplicates before
 * loading), with progress: every status change and a line per `progressEvery` rows.
 *
 * Crash-safe: the report id is saved next to the file as soon as DexCare gives it; a run that
 * finds a saved id for the same report picks that report up again (wait, then download)
 * instead of starting another. Rows go to `<file>.partial`, renamed only once the download is
 * complete, so a cut-off download never leaves a file that looks finished.
 *
 * Run against DexCare:
 *   DEXCARE_BASE_URL=https://ecvapi.care.example.com DEXCARE_SERVICE_KEY=… AVR_TYPE=virtual \
 *   AVR_START=2024-05-01 AVR_END=2024-05-08 AVR_OUTPUT=./visits.csv AVR_DEDUPE_KEY=<column> \
 *     npx tsx --conditions=@x/source examples/dexcare-avr.ts
 * Run on the built-in fake (no network, no key): `pnpm demo`.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { setupServer } from 'msw/node';
import {
  DexCareReportingClient,
  type AvrReportParams,
  type AvrReportType,
  type DateInput,
  type RawRow,
  type WaitForAvrReportOptions,
} from '@x/dexcare-reporting';
import { dexCareHandlers } from '@x/dexcare-reporting/testing';

/** What the job needs: where DexCare is, which report, and where the rows go. */
export interface AvrExportOptions {
  /** `https://ecvapi.care.YOUR_DOMAIN.com` */
  baseUrl: string;
  /** The reporting service key (a secret: from the environment or a secret manager). */
  serviceKey: string;
  type: AvrReportType;
  /** Both or neither; neither means the past 10 days. */
  startDate?: DateInput | undefined;
  endDate?: DateInput | undefined;
  /** The file to write: `.csv` for CSV, anything else for NDJSON (one JSON object a line). */
  outputPath: string;
  /**
   * The column that identifies a visit. A row whose key was already written is skipped. The set
   * of keys holds one entry per distinct row, so memory grows with the report's distinct rows
   * (a GUID key: about 100 bytes each, 100 MB for a million visits).
   */
  dedupeKey: string;
  /**
   * Where the report id is kept between runs.
   * @default `${outputPath}.report.json`
   */
  statePath?: string | undefined;
  /** Poll timing, for the demo's fast fake. */
  wait?: Omit<WaitForAvrReportOptions, 'onStatus' | 'signal'> | undefined;
  /** @default 10_000 */
  progressEvery?: number | undefined;
  /** Where progress lines go. @default console.log */
  log?: ((line: string) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/** What a run did. */
export interface AvrExportResult {
  reportId: string;
  /** Whether this run picked up a report an earlier run had started. */
  resumed: boolean;
  rowsRead: number;
  rowsWritten: number;
  duplicatesSkipped: number;
}

/** The saved report: its id, and what it was started for. */
interface SavedReport {
  reportId: string;
  params: unknown;
}

export async function main(options: AvrExportOptions): Promise<AvrExportResult> {
  const log = options.log ?? console.log;
  const dex = new DexCareReportingClient({ baseUrl: options.baseUrl, serviceKey: options.serviceKey });
  const params = { type: options.type, startDate: options.startDate, endDate: options.endDate } as AvrReportParams;
  const statePath = options.statePath ?? `${options.outputPath}.report.json`;
  const saved = await readSavedReport(statePath, params);
  let lastStatus: string | undefined;
  const waitOptions: WaitForAvrReportOptions = {
    ...options.wait,
    signal: options.signal,
    onStatus: ({ status }, { attempt, elapsedMs }) => {
      if (status !== lastStatus) log(`status ${status} (check ${attempt}, ${(elapsedMs / 1000).toFixed(1)} s)`);
      lastStatus = status;
    },
  };
  let reportId = saved?.reportId;
  let rows: AsyncIterable<RawRow>;
  if (reportId === undefined) {
    rows = dex.runAvrReport(params, {
      ...waitOptions,
      onStarted: async (id) => {
        reportId = id;
        await writeFile(statePath, JSON.stringify({ reportId: id, params } satisfies SavedReport));
        log(`started report ${id}`);
      },
    });
  } else {
    log(`resuming report ${reportId}`);
    const id = reportId;
    rows = (async function* () {
      await dex.waitForAvrReport(id, waitOptions);
      yield* dex.getAvrResultRows(id, { signal: options.signal });
    })();
  }

  const counts = { rowsRead: 0, rowsWritten: 0, duplicatesSkipped: 0 };
  const partial = `${options.outputPath}.partial`;
  const format = options.outputPath.endsWith('.csv') ? 'csv' : 'ndjson';
  const progressEvery = options.progressEvery ?? 10_000;
  // pipeline() writes only as fast as the file takes it, and the rows are read only as fast as that.
  const onWritten = (rowsWritten: number) => {
    if (rowsWritten % progressEvery === 0) log(`${rowsWritten} rows written`);
  };
  await pipeline(Readable.from(encodeRows(rows, format, options.dedupeKey, counts, onWritten)), createWriteStream(partial));
  await rename(partial, options.outputPath);
  await rm(statePath, { force: true });
  log(`${counts.rowsWritten} rows written to ${options.outputPath} (${counts.duplicatesSkipped} duplicates skipped)`);
  return { reportId: reportId!, resumed: saved !== undefined, ...counts };
}

/** Deduplicates on `key` and turns rows into lines of CSV (header first) or NDJSON. */
async function* encodeRows(
  rows: AsyncIterable<RawRow>,
  format: 'csv' | 'ndjson',
  key: string,
  counts: { rowsRead: number; rowsWritten: number; duplicatesSkipped: number },
  onWritten: (rowsWritten: number) => void,
): AsyncGenerator<string> {
  const seen = new Set<string>();
  let columns: string[] | undefined;
  for await (const row of rows) {
    counts.rowsRead += 1;
    if (columns === undefined) {
      columns = Object.keys(row);
      if (!columns.includes(key)) throw new Error(`the report has no column "${key}" to deduplicate on`);
      if (format === 'csv') yield csvLine(columns);
    }
    const value = row[key] ?? '';
    // A row without a key cannot be told apart from another: it is kept.
    if (value !== '' && seen.has(value)) {
      counts.duplicatesSkipped += 1;
      continue;
    }
    if (value !== '') seen.add(value);
    counts.rowsWritten += 1;
    yield format === 'csv' ? csvLine(columns.map((column) => row[column] ?? '')) : `${JSON.stringify(row)}\n`;
    onWritten(counts.rowsWritten);
  }
}

function csvLine(cells: readonly string[]): string {
  return `${cells.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(',')}\r\n`;
}

async function readSavedReport(path: string, params: AvrReportParams): Promise<SavedReport | undefined> {
  let saved: SavedReport;
  try {
    saved = JSON.parse(await readFile(path, 'utf8')) as SavedReport;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (JSON.stringify(saved.params) !== JSON.stringify(params)) {
    throw new Error(`${path} belongs to another report; remove it to start this one afresh`);
  }
  return saved;
}

/**
 * Runs the job on the fake DexCare API: a first run killed while the report is running, a
 * second run that picks the same report up (through a transient FAILED) and writes it, then a
 * page through the All Providers Report with a filter.
 */
export async function demo(): Promise<void> {
  const api = dexCareHandlers({
    avr: { lifecycle: 'transient-failure', visits: { rows: 240, duplicates: 12 }, serverErrors: 1 },
    apr: { records: 180 },
  });
  const server = setupServer(...api.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  const dir = await mkdtemp(join(tmpdir(), 'dexcare-avr-'));
  const options: AvrExportOptions = {
    baseUrl: api.baseUrl,
    serviceKey: api.serviceKey,
    type: 'virtual',
    startDate: '2024-05-01',
    endDate: '2024-05-08',
    outputPath: join(dir, 'visits-2024-05-01.csv'),
    dedupeKey: 'visit_id',
    wait: { pollIntervalMs: 10, maxPollIntervalMs: 40 },
    progressEvery: 100,
    log: (line) => console.log(`  ${line}`),
  };
  try {
    console.log('run 1 (killed once the report is running):');
    const kill = new AbortController();
    const logThenKillWhenRunning = (line: string) => {
      console.log(`  ${line}`);
      if (line.startsWith('status RUNNING')) kill.abort(new Error('job killed'));
    };
    try {
      await main({ ...options, signal: kill.signal, log: logThenKillWhenRunning });
    } catch (error) {
      if (!kill.signal.aborted) throw error;
      console.log(`  interrupted: ${(error as Error).message}`);
    }
    console.log('run 2 (picks the saved report up again):');
    const result = await main(options);
    console.log(`${result.rowsRead} rows read, ${result.rowsWritten} written, ${result.duplicatesSkipped} duplicates skipped; ${api.reports.size} report started in all`);

    console.log('All Providers Report, providerCredentials contains "MD":');
    const dex = new DexCareReportingClient({ baseUrl: api.baseUrl, serviceKey: api.serviceKey });
    const records = dex.providerHistories({ startDate: '2023-11-06', endDate: '2023-11-09', providerCredentials: 'MD', pageSize: 25, concurrency: 2 });
    for await (const page of records.pages()) {
      console.log(`  records ${page.offset + 1}–${page.offset + page.data.length} of ${page.count}`);
    }
  } finally {
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The job's options from the environment: DEXCARE_BASE_URL, DEXCARE_SERVICE_KEY, AVR_TYPE,
 * AVR_START and AVR_END (both or neither), AVR_OUTPUT, AVR_DEDUPE_KEY.
 */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): AvrExportOptions {
  const { DEXCARE_BASE_URL: baseUrl, DEXCARE_SERVICE_KEY: serviceKey, AVR_DEDUPE_KEY: dedupeKey } = env;
  if (!baseUrl || !serviceKey) throw new Error('Set DEXCARE_BASE_URL and DEXCARE_SERVICE_KEY (the reporting service key)');
  if (!dedupeKey) throw new Error('Set AVR_DEDUPE_KEY to the column that identifies a visit (see DexCare’s data dictionary)');
  const type = (env.AVR_TYPE ?? 'virtual') as AvrReportType;
  return {
    baseUrl,
    serviceKey,
    type,
    startDate: env.AVR_START,
    endDate: env.AVR_END,
    outputPath: env.AVR_OUTPUT ?? `avr-${type}.ndjson`,
    dedupeKey,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(optionsFromEnv());
