import type { SyncSummary } from '../../engine/events.js';
import { sync } from '../../sync.js';
import { progressRenderer, type Output } from '../progress-output.js';
import { resolveSettings, type RunFlags } from '../settings.js';

/** Flags of `x-sync run`. */
export interface RunCommandFlags extends RunFlags {
  fullRefresh?: boolean;
  dryRun?: boolean;
  json?: boolean;
  verbose?: boolean;
}

/** `x-sync run`: resolves settings, runs the sync with progress, and returns the exit code. */
export async function runCommand(flags: RunCommandFlags, env: NodeJS.ProcessEnv, output: Output, signal: AbortSignal): Promise<number> {
  const settings = await resolveSettings(flags, env);
  const render = progressRenderer(output, { json: flags.json ?? false, verbose: flags.verbose ?? false });
  let summary: SyncSummary;
  try {
    summary = await sync({
      db: settings.db,
      postgres: settings.postgres,
      sources: settings.sources,
      streams: settings.streams,
      since: settings.since,
      fullRefresh: flags.fullRefresh ?? false,
      dryRun: flags.dryRun ?? false,
      signal,
      onProgress: render,
    });
  } finally {
    render.stop();
  }
  if (!flags.json && output.stdout.isTTY) output.stderr.write(summaryLine(summary));
  return summary.status === 'succeeded' ? 0 : summary.status === 'partial' ? 3 : 1;
}

function summaryLine(summary: SyncSummary): string {
  const streams = Object.values(summary.streams);
  const sum = (key: 'inserted' | 'updated' | 'deleted') => streams.reduce((total, s) => total + s[key], 0);
  if (summary.dryRun) return `dry run: nothing was written\n`;
  return `run #${summary.runId} ${summary.status}: ${sum('inserted')} inserted, ${sum('updated')} updated, ${sum('deleted')} deleted\n`;
}
