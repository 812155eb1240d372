import { describe, expect, it } from 'vitest';
import { progressRenderer } from '../src/cli/progress-output.js';
import type { SyncEvent } from '../src/index.js';

function sink(tty: boolean) {
  let text = '';
  const stream = { isTTY: tty, columns: 160, write: (chunk: string) => ((text += chunk), true), cursorTo: () => true, moveCursor: () => true, clearLine: () => true, clearScreenDown: () => true, on: () => stream, removeListener: () => stream };
  return { stream: stream as unknown as NodeJS.WritableStream & { isTTY: boolean }, text: () => text };
}

const RUN: SyncEvent[] = [
  { event: 'run-started', runId: 1, db: 'x.duckdb', streams: ['luscii_measurements', 'spruce_messages', 'dexcare_avr_virtual'] },
  { event: 'unit-started', streams: ['luscii_measurements'], unit: '2024-06-01..2024-06-07' },
  { event: 'rows', table: 'luscii_measurements', rows: 50, total: 50 },
  { event: 'unit-committed', streams: ['luscii_measurements'], unit: '2024-06-01..2024-06-07', tables: { luscii_measurements: { rows: 50, inserted: 50, updated: 0, deleted: 0 } } },
  { event: 'stream-failed', stream: 'spruce_messages', error: 'ExportFormatError', message: 'not a zip', hint: 'ask Spruce to deliver it again' },
  // A database fault's message says what to do itself, and its hint is empty.
  { event: 'stream-failed', stream: 'dexcare_avr_virtual', error: 'DestinationError', message: 'PostgreSQL at db: merging failed: statement timeout (SQLSTATE 57014); raise the timeout', hint: '' },
];

describe('progress output', () => {
  it('a terminal gets one bar per stream with units and rows, and failures as lines, no JSON', () => {
    const out = sink(true);
    const err = sink(true);
    const render = progressRenderer({ stdout: out.stream, stderr: err.stream }, { json: false, verbose: false });
    for (const event of RUN) render(event);
    render.stop();
    expect(out.text()).toBe('');
    expect(err.text()).toContain('luscii_measurements');
    expect(err.text()).toMatch(/1 units \| 50 rows/);
    expect(err.text()).toContain('spruce_messages failed: ExportFormatError: not a zip. ask Spruce to deliver it again');
    expect(err.text()).toContain('dexcare_avr_virtual failed: DestinationError: PostgreSQL at db: merging failed: statement timeout (SQLSTATE 57014); raise the timeout\n');
    expect(err.text()).not.toContain('{"event"');
  });

  it('not a terminal (a pipe, cron): one NDJSON event per line; batches of rows only with --verbose', () => {
    for (const verbose of [false, true]) {
      const out = sink(false);
      const render = progressRenderer({ stdout: out.stream, stderr: sink(false).stream }, { json: false, verbose });
      for (const event of RUN) render(event);
      const lines = out.text().trim().split('\n').map((line) => JSON.parse(line) as { event: string });
      expect(lines.map((line) => line.event)).toEqual(['run-started', 'unit-started', ...(verbose ? ['rows'] : []), 'unit-committed', 'stream-failed', 'stream-failed']);
    }
  });
});
