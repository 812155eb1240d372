import { writeFile } from 'node:fs/promises';
import { writeExportFile } from '../../destinations/export-file.js';
import { InvalidParamsError } from '@x/core';
import { instant } from '@x/core/internal';
import {
  accessExceptionsCsv,
  accessViewersCsv,
  analyseConversationAccess,
  loadAccessEndpoints,
  renderAccessHtml,
  type AccessEndpoints,
  type ConversationAccessReport,
} from '@x/spruce-export-parser';
import { accessTablesFrom, checkAccessWarehouse } from '../../access/warehouse-access.js';
import type { Destination } from '../../destinations/destination.js';
import { SyncConfigError } from '../../errors/sync-errors.js';
import type { Output } from '../progress-output.js';

/** Flags of `x-sync spruce-access`. */
export interface SpruceAccessFlags {
  endpoints: string;
  at?: string | undefined;
  format?: 'json' | 'csv' | 'html' | undefined;
  /** With `--format csv`: which rows. */
  rows?: 'viewers' | 'exceptions' | undefined;
  out?: string | undefined;
  patientNames?: boolean | undefined;
}

/** The defaults of `x-sync spruce-access`, in one place. */
export const SPRUCE_ACCESS_DEFAULTS = { format: 'json', rows: 'viewers' } as const;

/**
 * `x-sync spruce-access`: who could see which Spruce conversation at `--at` (default the end of
 * the newest loaded export), answered from the warehouse by the same engine as
 * `conversationAccess`. The endpoints file is read and validated before the database is opened;
 * a bad file, a bad `--at` or an owner that is neither a teammate nor a team is a
 * `SyncConfigError` (exit 2) whose message names the place, never a patient value.
 *
 * @example
 * ```ts
 * await spruceAccessCommand(destination, { endpoints: './endpoints.json', format: 'html', out: 'access.html' }, output);
 * ```
 */
export async function spruceAccessCommand(destination: Destination, flags: SpruceAccessFlags, output: Output, signal: AbortSignal): Promise<void> {
  const endpoints = await usage(() => loadAccessEndpoints(flags.endpoints));
  const asked = flags.at === undefined ? undefined : await usage(async () => instant(flags.at!, '--at'));
  if (flags.patientNames && (flags.format ?? SPRUCE_ACCESS_DEFAULTS.format) !== 'html') throw new SyncConfigError('--patient-names: only with --format html');
  await destination.open({ readOnly: true });
  let report: ConversationAccessReport;
  try {
    const newest = await checkAccessWarehouse(destination);
    report = await analyse(destination, endpoints, asked ?? newest, flags.patientNames === true, signal);
  } finally {
    await destination.close();
  }
  const text = render(report, flags);
  if (flags.out) await writeExportFile(flags.out, (path) => writeFile(path, text));
  else output.stdout.write(text);
}

async function analyse(destination: Destination, endpoints: AccessEndpoints, at: Date, patientNames: boolean, signal: AbortSignal): Promise<ConversationAccessReport> {
  return usage(() => analyseConversationAccess(accessTablesFrom(destination, at), endpoints, { at, patientNames, signal }), (error) => error.param === 'endpoints');
}

function render(report: ConversationAccessReport, flags: SpruceAccessFlags): string {
  switch (flags.format ?? SPRUCE_ACCESS_DEFAULTS.format) {
    case 'html':
      return renderAccessHtml(report);
    case 'csv':
      return (flags.rows ?? SPRUCE_ACCESS_DEFAULTS.rows) === 'exceptions' ? accessExceptionsCsv(report) : accessViewersCsv(report);
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
  }
}

/** A bad input of the user's (the endpoints file, `--at`) as a usage error, exit 2. */
async function usage<T>(work: () => Promise<T>, isUsage: (error: InvalidParamsError) => boolean = () => true): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InvalidParamsError && isUsage(error)) throw new SyncConfigError(error.message, { cause: error });
    throw error;
  }
}
