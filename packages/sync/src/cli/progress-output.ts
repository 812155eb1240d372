import cliProgress from 'cli-progress';
import type { SyncEvent } from '../engine/events.js';
import { withHint } from '../engine/error-report.js';

/** Where a command writes: stdout for results, stderr for progress and messages. */
export interface Output {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** Renders sync events: NDJSON lines, or one progress bar per stream on a terminal. */
export interface ProgressRenderer {
  (event: SyncEvent): void;
  stop(): void;
}

/**
 * NDJSON on stdout with `--json` or when stdout is not a terminal (one event per line; per-batch
 * `rows` and `progress` events only with `--verbose`); otherwise one bar per stream on stderr
 * with rows, rate and units, and notices and failures as lines above the bars.
 */
export function progressRenderer(output: Output, options: { json: boolean; verbose: boolean }): ProgressRenderer {
  if (options.json || !output.stdout.isTTY) {
    const render = ((event: SyncEvent) => {
      if (!options.verbose && (event.event === 'rows' || event.event === 'progress')) return;
      output.stdout.write(`${JSON.stringify({ ...event, at: new Date().toISOString() })}\n`);
    }) as ProgressRenderer;
    render.stop = () => undefined;
    return render;
  }
  return barRenderer(output);
}

interface StreamBar {
  bar: cliProgress.SingleBar;
  rows: number;
  units: number;
  started: number;
}

function barRenderer(output: Output): ProgressRenderer {
  const multibar = new cliProgress.MultiBar(
    {
      stream: output.stderr,
      format: ' {stream} |{bar}| {units} units | {rows} rows | {rate} rows/s | {status}',
      hideCursor: true,
      clearOnComplete: false,
      barsize: 20,
      forceRedraw: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, StreamBar>();
  const width = { value: 10 };
  const barOf = (stream: string): StreamBar => {
    let entry = bars.get(stream);
    if (!entry) {
      entry = { bar: multibar.create(1, 0, { stream: stream.padEnd(width.value), units: 0, rows: 0, rate: 0, status: 'waiting' }), rows: 0, units: 0, started: Date.now() };
      bars.set(stream, entry);
    }
    return entry;
  };
  const update = (stream: string, status: string) => {
    const entry = barOf(stream);
    const seconds = Math.max((Date.now() - entry.started) / 1000, 0.001);
    entry.bar.setTotal(Math.max(entry.units + (status === 'done' || status === 'FAILED' ? 0 : 1), 1));
    entry.bar.update(entry.units, { units: entry.units, rows: entry.rows, rate: Math.round(entry.rows / seconds), status });
  };
  const render = ((event: SyncEvent) => {
    switch (event.event) {
      case 'run-started':
        width.value = Math.max(10, ...event.streams.map((stream) => stream.length));
        for (const stream of event.streams) barOf(stream);
        break;
      case 'unit-started':
        for (const stream of event.streams) update(stream, event.unit);
        break;
      case 'rows': {
        const entry = bars.get(event.table);
        if (entry) {
          entry.rows += event.rows;
          update(event.table, 'reading');
        }
        break;
      }
      case 'unit-committed':
        for (const stream of event.streams) {
          const entry = barOf(stream);
          entry.units += 1;
          update(stream, 'committed');
        }
        break;
      case 'progress':
        if (event.status) for (const stream of event.streams) update(stream, `report ${event.status}`);
        break;
      case 'unit-skipped':
        multibar.log(`skipped ${event.unit}: ${event.error}: ${event.message}\n`);
        break;
      case 'notice':
        multibar.log(`notice (${event.stream}): ${event.message}\n`);
        break;
      case 'stream-failed':
        update(event.stream, 'FAILED');
        multibar.log(`${event.stream} failed: ${event.error}: ${withHint(event.message, event.hint)}\n`);
        break;
      case 'planned':
        multibar.log(`would read ${event.stream}: ${event.unit}\n`);
        break;
      case 'run-finished':
        for (const [stream, summary] of Object.entries(event.summary.streams)) if (summary.status !== 'failed') update(stream, 'done');
        break;
    }
  }) as ProgressRenderer;
  render.stop = () => {
    // cli-progress prints logged lines on its next redraw; stop() alone would drop the last ones.
    multibar.update();
    multibar.stop();
  };
  return render;
}
