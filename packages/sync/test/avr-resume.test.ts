import { join } from 'node:path';
import { http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { dexCareHandlers } from '@x/dexcare-reporting/testing';
import { DuckDbDestination, sync, type SyncEvent } from '../src/index.js';
import { statusReport } from '../src/cli/commands/status.js';
import { serveHandlers, type LoopbackServer } from '../src/testing.js';
import { tempDir } from './helpers/index.js';

describe('DexCare AVR: the report id is saved before polling', () => {
  let server: LoopbackServer | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await server?.close();
    await cleanup?.();
  });

  it('a run that dies while DexCare still builds the report resumes waiting on the same report instead of starting another', async () => {
    const temp = await tempDir();
    cleanup = temp.cleanup;
    const db = join(temp.dir, 'x.duckdb');
    const mock = dexCareHandlers({ avr: { lifecycle: ['QUEUED', 'RUNNING', 'RUNNING', 'SUCCEEDED'] } });
    const controller = new AbortController();
    // The job dies at its first status poll: after the start, before the report is ready.
    const dies = http.get(`${mock.baseUrl}/*`, () => {
      if (!controller.signal.aborted) controller.abort(new Error('the job was killed'));
    });
    server = await serveHandlers([dies, ...mock.handlers], mock.baseUrl);
    const options = {
      db,
      sources: { dexcare: { baseUrl: server.url, serviceKey: mock.serviceKey, avrTypes: ['virtual'], avrWindowDays: 1000, avrPollIntervalMs: 5 } },
      streams: ['dexcare_avr_virtual'],
      since: '2024-06-01',
      now: new Date('2024-06-30T12:00:00Z'),
    };

    const first = await sync({ ...options, signal: controller.signal });
    expect(first.streams.dexcare_avr_virtual!.status).toBe('failed');
    expect(mock.reports.size).toBe(1);
    const [reportId] = [...mock.reports.keys()];

    const destination = new DuckDbDestination(db);
    await destination.open({ readOnly: true });
    const status = await statusReport(destination);
    await destination.close();
    expect(status.streams.find((s) => s.stream === 'dexcare_avr_virtual')?.pending).toBe(`AVR report ${reportId} for 2024-06-01..2024-06-30`);

    const second = await sync(options);
    expect(second.streams.dexcare_avr_virtual).toMatchObject({ status: 'succeeded', inserted: mock.visits.length });
    expect(mock.reports.size).toBe(1);
    expect(mock.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('a report the earlier run started that DexCare no longer knows (expired) is replaced by a new one in the same run, with a notice, instead of failing the stream', async () => {
    const temp = await tempDir();
    cleanup = temp.cleanup;
    const db = join(temp.dir, 'x.duckdb');
    const sources = (url: string, serviceKey: string) => ({ dexcare: { baseUrl: url, serviceKey, avrTypes: ['virtual'], avrWindowDays: 1000, avrPollIntervalMs: 5 } });
    const options = { db, streams: ['dexcare_avr_virtual'], since: '2024-06-01', now: new Date('2024-06-30T12:00:00Z') };
    const earlier = dexCareHandlers({ avr: { lifecycle: ['QUEUED', 'RUNNING', 'SUCCEEDED'] } });
    const controller = new AbortController();
    const dies = http.get(`${earlier.baseUrl}/*`, () => {
      if (!controller.signal.aborted) controller.abort(new Error('the job was killed'));
    });
    server = await serveHandlers([dies, ...earlier.handlers], earlier.baseUrl);
    expect((await sync({ ...options, sources: sources(server.url, earlier.serviceKey), signal: controller.signal })).streams.dexcare_avr_virtual!.status).toBe('failed');
    await server.close();

    // By the next night DexCare has dropped the report: a fake that never started it answers 404.
    const later = dexCareHandlers();
    server = await serveHandlers(later.handlers, later.baseUrl);
    const events: SyncEvent[] = [];
    const second = await sync({ ...options, sources: sources(server.url, later.serviceKey), onProgress: (event) => events.push(event) });
    expect(second.streams.dexcare_avr_virtual).toMatchObject({ status: 'succeeded', inserted: later.visits.length });
    expect(later.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
    expect(events.filter((event) => event.event === 'notice').map((event) => (event as { code: string; message: string }).message)).toEqual([
      'the report an earlier run started for 2024-06-01..2024-06-30 is gone at DexCare; a new one is started',
    ]);
  });
});
