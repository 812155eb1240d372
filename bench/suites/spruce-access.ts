/**
 * Spruce access: how long `conversationAccess` takes over an export of 200,000 messages and
 * 20,000 conversations compared with reading the tables it needs, and whether its memory stays
 * bounded when the export doubles.
 */
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { fakeSpruceExport, spruceExportZipChunks } from '@x/spruce-export-parser/testing';
import type { ChildOutput } from '../lib/child.js';
import { compiledCase } from '../lib/compiled-case.js';
import { withLoadNote } from '../lib/machine-load.js';
import { caseMedians, caseTable } from '../lib/case-table.js';
import { formatNumber, type SuiteReport, type TargetResult } from '../lib/report.js';
import { alternate } from '../lib/runner.js';
import { atMost } from '../lib/target-result.js';
import { withTempDir } from '../lib/temp-dir.js';

const MESSAGES = 200_000;
const ROUNDS = 5;
const DOUBLE_ROUNDS = 3;
const CASES = fileURLToPath(new URL('../cases/spruce-access.ts', import.meta.url));

interface AccessFixture {
  path: string;
  messages: number;
  zipBytes: number;
}

/** The fake export (a conversation per 10 messages: 20,000 at 200,000), streamed to a file. */
async function writeFixture(dir: string, messages: number): Promise<AccessFixture> {
  const path = join(dir, `spruce-access-${messages}.zip`);
  await pipeline(Readable.from(spruceExportZipChunks(fakeSpruceExport({ messages, seed: 3 }))), createWriteStream(path));
  return { path, messages, zipBytes: (await stat(path)).size };
}

export async function suite(): Promise<SuiteReport> {
  return withTempDir('bench-spruce-access', async (dir) => {
    const single = await writeFixture(dir, MESSAGES);
    const double = await writeFixture(dir, 2 * MESSAGES);
    const file = await compiledCase(CASES);
    const args = (fixture: AccessFixture) => ({ path: fixture.path, zipBytes: fixture.zipBytes });
    const { value: samples, loadNote } = await withLoadNote(async () => ({
      atN: await alternate(file, ['analysis', 'tables'], ROUNDS, args(single)),
      at2N: await alternate(file, ['analysis'], DOUBLE_ROUNDS, args(double)),
    }));
    return report(single, samples.atN.analysis!, samples.atN.tables!, samples.at2N.analysis!, loadNote);
  });
}

function report(fixture: AccessFixture, analysisSamples: ChildOutput[], tableSamples: ChildOutput[], doubleSamples: ChildOutput[], loadNote: string): SuiteReport {
  const analysis = caseMedians(analysisSamples);
  const tables = caseMedians(tableSamples);
  const double = caseMedians(doubleSamples);
  const ratio = analysis.ms / tables.ms;
  const rssGrowth = double.peakRssMiB / analysis.peakRssMiB;
  const markdown = [
    `\`conversationAccess\` over a fake export (${formatNumber(fixture.messages)} messages, ${formatNumber(fixture.messages / 10)} conversations, ` +
      `${formatNumber(fixture.zipBytes / 1e6)} MB zipped) with \`FAKE_ACCESS_ENDPOINTS\` (analysis) against a typed read of every row of the ` +
      `tables it needs (tables). ${ROUNDS} rounds each, alternating; the analysis of an export twice the size ${DOUBLE_ROUNDS} times, for its peak RSS. ` +
      'Rows: viewer and exception rows for the analysis, rows read for the tables.',
    '',
    caseTable([
      ['analysis', analysis],
      ['tables', tables],
      ['analysis, 2N', double],
    ]),
    '',
    `Analysis / tables time: **${ratio.toFixed(2)}**. Peak RSS at 2N / N: **${rssGrowth.toFixed(2)}**. ${loadNote}`,
  ].join('\n');
  const targets: TargetResult[] = [
    atMost('Spruce access analysis / reading its tables (time ratio)', ratio, 1.5, '≤ 1.5', LIMIT),
    atMost('Spruce access peak RSS, 400k / 200k messages', rssGrowth, 1.5, '≤ 1.50', RSS_LIMIT),
  ];
  return { title: 'Spruce: conversation access', markdown, targets };
}

const LIMIT = 'The analysis reads the same rows once each; what it adds is a map lookup per message and, for the restricted conversations, replaying their member events.';
const RSS_LIMIT =
  'The analysis holds one record per conversation (a conversation per 10 messages in the fake export) and its result, a row per ' +
  'open conversation and per viewer of a restricted one: memory grows with conversations, which double with the export here, never with messages.';
