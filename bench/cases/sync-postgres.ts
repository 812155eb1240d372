/**
 * Child side of the sync-postgres suite: one load of a 200,000-message Spruce export per process.
 * `sync` is `sync()` of `spruce_messages` into a fresh PostgreSQL schema; `copy` is `psql \copy`
 * of the inflated messages.csv into a table of text columns, the server's own bulk load, as the
 * anchor. The parse alone is the Spruce suite's `typed` case. Run by bench/suites/sync-postgres.ts.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sync } from '@x/sync';
import pg from 'pg';
import { runChild } from '../lib/child.js';
import { measureRead } from '../lib/read-measure.js';

/** Arguments from the suite. */
interface SyncCaseArgs {
  url: string;
  /** The folder holding the one export zip (what SPRUCE_EXPORTS_DIR would name). */
  dir: string;
  csv: string;
  csvBytes: string;
  /** `"column" TEXT, …` of messages.csv's header, for the anchor's table. */
  columns: string;
}

/** Runs `work` on a plain connection: schemas made and dropped outside the measured part. */
async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

await runChild({
  sync: async (args) => {
    const { url, dir, csvBytes } = args as unknown as SyncCaseArgs;
    const schema = `bench_sync_${process.pid}`;
    try {
      return await measureRead(Number(csvBytes), async () => {
        const summary = await sync({ db: url, postgres: { schema }, sources: { spruce: { dir } }, streams: ['spruce_messages'] });
        if (summary.status !== 'succeeded') throw new Error(`sync ${summary.status}: ${JSON.stringify(summary.streams)}`);
        return summary.streams.spruce_messages?.rows ?? 0;
      });
    } finally {
      await admin(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
  },
  copy: async (args) => {
    const { url, csv, csvBytes, columns } = args as unknown as SyncCaseArgs;
    const schema = `bench_copy_${process.pid}`;
    await admin(url, `CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.messages (${columns})`);
    try {
      return await measureRead(Number(csvBytes), async () => {
        const { stdout } = await promisify(execFile)('psql', [url, '-v', 'ON_ERROR_STOP=1', '-c', `\\copy ${schema}.messages FROM '${csv}' WITH (FORMAT csv, HEADER true)`]);
        return Number(/COPY (\d+)/.exec(stdout)?.[1] ?? 0);
      });
    } finally {
      await admin(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
  },
});
