/**
 * Child side of the paging suite: one export replayed from a vendor fake by a loopback server
 * that holds every response `latencyMs`, with `workMs` of consumer work after each page, read
 * through the SDK (prefetch, concurrency) or through a plain sequential fetch loop over the same
 * server. Args: `pages`, `latencyMs`, `workMs`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DexCareReportingClient } from '@x/dexcare-reporting';
import { LusciiClient } from '@x/luscii-export';
import { runChild, timed, type CaseResult } from '../lib/child.js';
import { startLoopbackServer } from '../lib/loopback-server.js';
import { APR_SEARCH_DATES, LUSCII_EXPORT_DATES, recordAprSearch, recordLusciiExport, type RecordedExport } from '../lib/recorded-pages.js';

/** Rows per page: Luscii's fixed page size, and DexCare's default `limit`. */
const PAGE_SIZE = 50;

/** Where the replayed export is, and the key it was recorded with. */
interface PagedServer {
  baseUrl: string;
  key: string;
}

type Recorder = (baseUrl: string, pages: number, perPage: number) => Promise<RecordedExport>;

/**
 * Reads the export page by page, doing the consumer's work after each, and returns the rows
 * read. Stops after `maxPages` pages (the warm-up reads a few).
 */
type Reader = (server: PagedServer, workMs: number, maxPages: number) => Promise<number>;

/** What the consumer does with each page: look at every row, then wait (a database insert, say). */
async function consume(rows: unknown[], workMs: number): Promise<number> {
  let seen = 0;
  for (const row of rows) if (row !== undefined) seen += 1;
  if (workMs > 0) await sleep(workMs);
  return seen;
}

const readLusciiWithSdk: Reader = async (server, workMs, maxPages) => {
  const luscii = new LusciiClient({ apiKey: server.key, baseUrl: server.baseUrl });
  let rows = 0;
  let pages = 0;
  for await (const page of luscii.export('measurements', LUSCII_EXPORT_DATES).pages()) {
    rows += await consume(page.data, workMs);
    if (++pages >= maxPages) break;
  }
  return rows;
};

const readLusciiWithLoop: Reader = async (server, workMs, maxPages) => {
  let rows = 0;
  let cursor: string | null = null;
  for (let pages = 0; pages < maxPages; pages++) {
    const url = new URL(`${server.baseUrl}/v1/export/measurements`);
    for (const [name, value] of Object.entries(LUSCII_EXPORT_DATES)) url.searchParams.set(name, value);
    if (cursor !== null) url.searchParams.set('cursor', cursor);
    const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${server.key}`, accept: 'application/json' } });
    if (!response.ok) throw new Error(`status ${response.status}`);
    const page = (await response.json()) as { data: unknown[]; meta: { nextCursor: string | null } };
    rows += await consume(page.data, workMs);
    cursor = page.meta.nextCursor;
    if (cursor === null) break;
  }
  return rows;
};

const readAprWithSdk: Reader = async (server, workMs, maxPages) => {
  const dex = new DexCareReportingClient({ baseUrl: server.baseUrl, serviceKey: server.key });
  let rows = 0;
  let pages = 0;
  for await (const page of dex.providerHistories(APR_SEARCH_DATES).pages()) {
    rows += await consume(page.data, workMs);
    if (++pages >= maxPages) break;
  }
  return rows;
};

const readAprWithLoop: Reader = async (server, workMs, maxPages) => {
  let rows = 0;
  let count = Infinity;
  for (let offset = 0, pages = 0; offset < count && pages < maxPages; offset += PAGE_SIZE, pages++) {
    const response = await fetch(`${server.baseUrl}/v1/reporting/providerhistories`, {
      method: 'POST',
      headers: { authorization: `dc-token ${server.key}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ ...APR_SEARCH_DATES, limit: PAGE_SIZE, offset }),
    });
    if (!response.ok) throw new Error(`status ${response.status}`);
    const page = (await response.json()) as { count: number; data: unknown[] };
    count = page.count;
    rows += await consume(page.data, workMs);
  }
  return rows;
};

/**
 * Pages read untimed first, without consumer work: module loading, JIT and connections are
 * paid once per process, not per page, and one page was not enough (the first timed export of
 * the APR then ran ~40% slower than the next, with four requests' code paths still cold).
 */
const WARM_UP_PAGES = 8;

/**
 * Starts the replay server, warms up, then times the whole export, with the process's CPU time
 * (client and replay server) beside the wall time.
 */
function pagingCase(record: Recorder, read: Reader): (args: Record<string, string>) => Promise<CaseResult> {
  return async (args) => {
    const pages = Number(args.pages);
    const workMs = Number(args.workMs);
    let key = '';
    const server = await startLoopbackServer(
      async (baseUrl) => {
        const recording = await record(baseUrl, pages, PAGE_SIZE);
        key = recording.key;
        return recording.responder;
      },
      { latencyMs: Number(args.latencyMs) },
    );
    const target = { baseUrl: server.baseUrl, key };
    try {
      await read(target, 0, WARM_UP_PAGES);
      const cpuBefore = process.cpuUsage();
      const { ms, value: rows } = await timed(() => read(target, workMs, Infinity));
      const cpu = process.cpuUsage(cpuBefore);
      // A short export is an error, not a fast one.
      if (rows !== pages * PAGE_SIZE) throw new Error(`read ${rows} rows where ${pages * PAGE_SIZE} were served`);
      return { ms, count: rows, extra: { cpuMs: (cpu.user + cpu.system) / 1000 } };
    } finally {
      await server.close();
    }
  };
}

await runChild({
  'luscii-sdk': pagingCase(recordLusciiExport, readLusciiWithSdk),
  'luscii-loop': pagingCase(recordLusciiExport, readLusciiWithLoop),
  'apr-sdk': pagingCase(recordAprSearch, readAprWithSdk),
  'apr-loop': pagingCase(recordAprSearch, readAprWithLoop),
});
