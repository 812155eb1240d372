import { NotFoundError, ReportFailedError, type AvrReportType, type DexCareReportingClient } from '@x/dexcare-reporting';
import type { MergePlan } from '../../destinations/destination.js';
import { SyncConfigError } from '../../errors/sync-errors.js';
import { claimColumnName, columnName } from '../columns.js';
import type { SourceRow, StreamColumn, Unit, UnitEvent } from '../source.js';

/** State of an AVR stream. */
export interface AvrState {
  high?: string;
  /** The report of the window in progress, saved before polling. */
  pending?: { from: string; to: string; reportId: string };
  /** The key chosen on the first report (`['visit_id']`, or `['_sync_row_hash']`). */
  key?: string[];
}

/** What an AVR window unit needs. */
export interface AvrWindow {
  readonly client: DexCareReportingClient;
  readonly table: string;
  readonly type: AvrReportType;
  readonly from: string;
  readonly to: string;
  readonly reportId: string | undefined;
  readonly state: AvrState;
  readonly high: string;
  readonly now: Date;
  readonly configuredKey: readonly string[] | undefined;
  readonly pollIntervalMs: number | undefined;
  readonly batchRows: number;
}

/**
 * One AVR report for one window: started (its id committed before polling), waited for, then
 * its CSV staged in batches and upserted on the visit key, all rows in one transaction. A
 * report that failed or is gone is forgotten, so the next run starts a new one.
 */
export function avrWindowUnit(window: AvrWindow): Unit {
  const { table } = window;
  let key = window.state.key;
  return {
    id: `${window.from}..${window.to}`,
    streams: [table],
    label: `${window.from}..${window.to}${window.reportId ? ' (report already started)' : ''}`,
    read: (context) => readAvr(window, context.signal, (chosen) => (key = chosen)),
    finalStates: () => ({ [table]: { high: window.high, ...(key ? { key } : {}) } satisfies AvrState }),
  };
}

async function* readAvr(window: AvrWindow, signal: AbortSignal, chooseKey: (key: string[]) => void): AsyncIterable<UnitEvent> {
  const { client, table } = window;
  const base: AvrState = { ...(window.state.high ? { high: window.state.high } : {}), ...(window.state.key ? { key: window.state.key } : {}) };
  const waitFor = (id: string) =>
    client.waitForAvrReport(id, { signal, ...(window.pollIntervalMs ? { pollIntervalMs: window.pollIntervalMs, maxPollIntervalMs: window.pollIntervalMs * 4 } : {}) });
  let reportId = window.reportId;
  let status: Awaited<ReturnType<typeof waitFor>> | undefined;
  if (reportId) {
    try {
      status = await waitFor(reportId);
    } catch (error) {
      if (!(error instanceof NotFoundError)) {
        if (error instanceof ReportFailedError) yield { type: 'checkpoint', states: { [table]: base } };
        throw error;
      }
      // DexCare no longer knows the report an earlier run started (it expired while no run
      // waited on it): nothing of it was staged, so the window starts a report of its own.
      yield { type: 'notice', code: 'avr-report-gone', message: `the report an earlier run started for ${window.from}..${window.to} is gone at DexCare; a new one is started` };
      reportId = undefined;
    }
  }
  if (!reportId) {
    const end = new Date(Math.min(Date.parse(`${window.to}T00:00:00Z`) + 86_400_000, window.now.getTime()));
    ({ id: reportId } = await client.startAvrReport({ type: window.type, startDate: `${window.from}T00:00:00Z`, endDate: end }, { signal }));
    yield { type: 'checkpoint', states: { [table]: { ...base, pending: { from: window.from, to: window.to, reportId } } } };
    try {
      status = await waitFor(reportId);
    } catch (error) {
      if (error instanceof ReportFailedError || error instanceof NotFoundError) yield { type: 'checkpoint', states: { [table]: base } };
      throw error;
    }
  }
  yield { type: 'progress', status: status!.status };
  let batch: SourceRow[] = [];
  let declared = false;
  const declare = (header: readonly string[]): UnitEvent => {
    declared = true;
    const names = new Set<string>();
    const columns: StreamColumn[] = header.map((wire) => ({ wire, name: claimColumnName(columnName(wire), names), type: 'TEXT' }));
    const key = window.configuredKey ? [...window.configuredKey] : (window.state.key ?? (columns.some((c) => c.name === 'visit_id') ? ['visit_id'] : ['_sync_row_hash']));
    const missing = key.filter((name) => name !== '_sync_row_hash' && !columns.some((c) => c.name === name));
    // The merge would fail on it every night with the database's own words and "run again".
    if (missing.length > 0) throw new SyncConfigError(`dexcare.avrKeys.${table}: the report has no column ${missing.join(', ')} (its columns: ${columns.map((c) => c.name).join(', ')})`);
    chooseKey(key);
    const merge: MergePlan = { kind: 'upsert', key };
    return { type: 'table', table, columns, merge };
  };
  for await (const row of client.getAvrResultRows(reportId, { signal })) {
    if (!declared) yield declare(Object.keys(row));
    batch.push(row);
    if (batch.length >= window.batchRows) {
      yield { type: 'rows', table, rows: batch };
      batch = [];
    }
  }
  // A report without rows (a day without visits) declares nothing: with no header to choose from,
  // it would fix the stream's key to the row hash for good (visits of later reports then
  // duplicated as their values changed), and DuckDB cannot stage a table of no columns.
  if (batch.length > 0) yield { type: 'rows', table, rows: batch };
}
