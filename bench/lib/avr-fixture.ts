import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fakeVisitsCsv } from '@x/dexcare-reporting/testing';

/** An All Visits Report result on disk, for the loopback server to send. */
export interface AvrFixture {
  path: string;
  rows: number;
  bytes: number;
}

/**
 * Writes the package's fake report (`fakeVisitsCsv`: CRLF records, quoted cells with commas,
 * quotes and line breaks, an empty cell now and then) of `rows` visits. The fake builds the
 * whole text in memory, which costs the suite's own process a few hundred MB for a moment;
 * the cases run in processes of their own.
 */
export async function writeAvrFixture(dir: string, rows: number): Promise<AvrFixture> {
  const path = join(dir, `avr-${rows}.csv`);
  const bytes = new TextEncoder().encode(fakeVisitsCsv({ rows }).csv);
  await writeFile(path, bytes);
  return { path, rows, bytes: bytes.byteLength };
}
