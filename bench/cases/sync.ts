/**
 * Child side of the sync suite: one measurement per process. `parse` reads the messages of a
 * Spruce export through the SDK alone; `load` syncs the same export into a fresh DuckDB file
 * with `@x/sync`; `read_csv` loads the unzipped messages.csv with DuckDB's own reader (the
 * anchor); `overlap` syncs a Luscii window of many pages, replayed by a loopback server that holds each
 * 40 ms, into a destination whose every write takes 40 ms, and `apr-overlap` an All Providers
 * Report window the same way. Run by bench/suites/sync.ts.
 */
import { rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { openSpruceExport } from '@x/spruce-export-parser';
import { DuckDbDestination, sync, type Destination, type DestinationTransaction, type SyncOptions } from '@x/sync';
import { runChild, timed } from '../lib/child.js';
import { startLoopbackServer } from '../lib/loopback-server.js';
import { measureRead } from '../lib/read-measure.js';
import { LUSCII_EXPORT_DATES, recordAprSearch, recordLusciiExport, type RecordedExport } from '../lib/recorded-pages.js';

/** Luscii's fixed page size, and the APR's in these cases (as in the paging suite). */
const PER_PAGE = 50;
/** One APR window (a year) from `since` to an hour before `now`: every recorded page once. */
const APR_WINDOW = { since: '2024-05-01', now: new Date('2024-07-01T00:00:00Z'), hours: 24 * 366 };

interface SyncCaseArgs {
  dir: string;
  zip: string;
  csv: string;
  db: string;
  csvBytes: string;
  rows: string;
  latencyMs: string;
}

await runChild({
  parse: (args) => {
    const { zip, csvBytes } = args as unknown as SyncCaseArgs;
    return measureRead(Number(csvBytes), async () => {
      const exp = await openSpruceExport(zip);
      let count = 0;
      for await (const _message of exp.rows('messages')) count += 1;
      return count;
    });
  },
  load: async (args) => {
    const { dir, db, csvBytes } = args as unknown as SyncCaseArgs;
    await rm(db, { force: true });
    return measureRead(Number(csvBytes), async () => {
      const summary = await sync({ db, sources: { spruce: { dir } }, streams: ['spruce_messages'] });
      // A failed load (DuckDB out of memory in the merge) stops early and would time as fast.
      if (summary.status !== 'succeeded') throw new Error(`sync ${summary.status}: ${JSON.stringify(summary.streams)}`);
      return summary.streams.spruce_messages?.rows ?? 0;
    });
  },
  read_csv: async (args) => {
    const { csv, db, csvBytes } = args as unknown as SyncCaseArgs;
    await rm(db, { force: true });
    return measureRead(Number(csvBytes), async () => {
      const instance = await DuckDBInstance.create(db);
      const connection = await instance.connect();
      const path = csv.replaceAll("'", "''");
      await connection.run(`CREATE TABLE messages AS SELECT * FROM read_csv('${path}', header = true, quote = '"', escape = '"')`);
      const count = Number((await connection.runAndReadAll('SELECT count(*) FROM messages')).getRows()[0]![0]);
      connection.closeSync();
      instance.closeSync();
      return count;
    });
  },
  overlap: (args) =>
    overlapCase(args as unknown as SyncCaseArgs, recordLusciiExport, 'luscii_measurements', (recorded, baseUrl) => ({
      sources: { luscii: { apiKey: recorded.key, baseUrl, windowDays: 3650 } },
      since: LUSCII_EXPORT_DATES.startDate,
      now: new Date('2024-07-01T00:00:00Z'),
    })),
  'apr-overlap': (args) =>
    overlapCase(args as unknown as SyncCaseArgs, recordAprSearch, 'dexcare_provider_histories', (recorded, baseUrl) => ({
      sources: { dexcare: { baseUrl, serviceKey: recorded.key, aprPageSize: PER_PAGE, aprWindowHours: APR_WINDOW.hours } },
      since: APR_WINDOW.since,
      now: APR_WINDOW.now,
    })),
});

/**
 * Times `sync()` of `stream` over pages recorded from a package's fake and replayed by a loopback
 * server holding each `latencyMs`, as in the paging suite (the msw fake itself spends over 10 ms
 * of CPU a page on this event loop, which would be charged to the sync's fetches), into a
 * destination whose every write takes `latencyMs` more.
 */
async function overlapCase(
  { db, rows, latencyMs }: SyncCaseArgs,
  record: (baseUrl: string, pages: number, perPage: number) => Promise<RecordedExport>,
  stream: string,
  options: (recorded: RecordedExport, baseUrl: string) => Omit<SyncOptions, 'db' | 'streams'>,
): Promise<{ ms: number; count: number; extra: { pages: number } }> {
  await rm(db, { force: true });
  const wait = Number(latencyMs);
  let recorded: RecordedExport | undefined;
  const server = await startLoopbackServer(async (baseUrl) => {
    recorded = await record(baseUrl, Math.ceil(Number(rows) / PER_PAGE), PER_PAGE);
    return recorded.responder;
  }, { latencyMs: wait });
  const syncInto = (file: string) => sync({ ...options(recorded!, server.baseUrl), db: slowWrites(new DuckDbDestination(file), wait), streams: [stream] });
  // One untimed sync first, as the loop it is compared with reads pages untimed first: loading
  // DuckDB's native module (150 to 500 ms here), JIT and connections are paid once per process.
  const warmUp = `${db}.warm-up`;
  await rm(warmUp, { force: true });
  await syncInto(warmUp);
  const before = server.received.length;
  const { ms, value } = await timed(() => syncInto(db));
  const pages = server.received.length - before;
  await server.close();
  if (value.status !== 'succeeded') throw new Error(`sync ${value.status}: ${JSON.stringify(value.streams)}`);
  const count = value.streams[stream]?.rows ?? 0;
  // A short sync is an error, not a fast one.
  if (count !== Number(rows)) throw new Error(`synced ${count} rows where ${rows} were served`);
  return { ms, count, extra: { pages } };
}

/** A destination whose every staged batch takes `ms` longer: a slow warehouse. */
function slowWrites(inner: Destination, ms: number): Destination {
  return Object.assign(Object.create(inner) as Destination, {
    open: inner.open.bind(inner),
    close: inner.close.bind(inner),
    ensureTable: inner.ensureTable.bind(inner),
    describeTable: inner.describeTable.bind(inner),
    getState: inner.getState.bind(inner),
    listStates: inner.listStates.bind(inner),
    getFile: inner.getFile.bind(inner),
    listFiles: inner.listFiles.bind(inner),
    startRun: inner.startRun.bind(inner),
    finishRun: inner.finishRun.bind(inner),
    listRuns: inner.listRuns.bind(inner),
    listTables: inner.listTables.bind(inner),
    countRows: inner.countRows.bind(inner),
    exportTables: inner.exportTables.bind(inner),
    transaction: <T>(work: (tx: DestinationTransaction) => Promise<T>) =>
      inner.transaction((tx) =>
        work({
          ...tx,
          stage: async (...stageArgs: Parameters<DestinationTransaction['stage']>) => {
            await sleep(ms);
            return tx.stage(...stageArgs);
          },
        }),
      ),
  });
}
