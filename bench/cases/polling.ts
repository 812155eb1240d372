/**
 * Child side of the polling suite: `reports` All Visits Reports waited on at once, each on a
 * DexCare fake of its own (on a loopback server) that makes it ready `readyAfterMs + k ×
 * spreadMs / reports` after it started (k = 0, 1, …), so the ready times fall at every phase of a
 * fixed poller's interval. Reports, for each wait, the status checks sent and the lag between
 * the report becoming ready and the wait returning (`checks_k`, `lag_k` in `extra`).
 * Args: `reports`, `readyAfterMs`, `spreadMs`, and `pollIntervalMs`/`maxPollIntervalMs` (SDK) or
 * `fixedIntervalMs` (loop).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DexCareReportingClient } from '@x/dexcare-reporting';
import { dexCareHandlers } from '@x/dexcare-reporting/testing';
import { runChild, type CaseResult } from '../lib/child.js';
import { mswResponder, startLoopbackServer, type LoopbackServer } from '../lib/loopback-server.js';

type Wait = (dex: DexCareReportingClient, id: string, args: Record<string, string>) => Promise<void>;

/** The SDK's waiter: exponential backoff with jitter between the two intervals. */
const waitWithSdk: Wait = async (dex, id, args) => {
  await dex.waitForAvrReport(id, { pollIntervalMs: Number(args.pollIntervalMs), maxPollIntervalMs: Number(args.maxPollIntervalMs) });
};

/** What a user writes without the waiter: check, sleep a fixed interval, check again. */
const waitWithFixedInterval: Wait = async (dex, id, args) => {
  while ((await dex.getAvrReportStatus(id)).status !== 'SUCCEEDED') await sleep(Number(args.fixedIntervalMs));
};

/** A report id the fakes do not know: asking for it opens the connection and warms the status path. */
const UNKNOWN_REPORT_ID = '00000000-0000-4000-8000-000000000000';

/**
 * A DexCare fake on its own loopback server whose reports are RUNNING, then SUCCEEDED from
 * `readyAfterMs` after their start, and a client already connected to it (one status check of
 * an unknown report, a 404), so that no measured check pays for a new connection.
 */
async function startFake(readyAfterMs: number): Promise<{ server: LoopbackServer; dex: DexCareReportingClient }> {
  let serviceKey = '';
  const server = await startLoopbackServer((baseUrl) => {
    const mock = dexCareHandlers({ baseUrl, avr: { lifecycle: ['RUNNING', 'SUCCEEDED'], advance: { everyMs: readyAfterMs } } });
    serviceKey = mock.serviceKey;
    return mswResponder(mock.handlers);
  });
  const dex = new DexCareReportingClient({ baseUrl: server.baseUrl, serviceKey });
  await dex.getAvrReportStatus(UNKNOWN_REPORT_ID).catch(() => undefined);
  return { server, dex };
}

/** Starts a report on the fake and waits for it: the status checks sent, and the lag. */
async function waitForOne(wait: Wait, { server, dex }: { server: LoopbackServer; dex: DexCareReportingClient }, readyAfterMs: number, args: Record<string, string>) {
  const { id } = await dex.startAvrReport({ type: 'virtual' });
  await wait(dex, id, args);
  const returnedAt = Date.now();
  const start = server.received.findLast((request) => request.method === 'POST');
  if (!start) throw new Error('the server saw no start');
  // The start's arrival, a millisecond or so before the fake stamps it: a lag reads at most that much long.
  const readyAt = start.receivedAt + readyAfterMs;
  const checks = server.received.filter((request) => request.method === 'GET' && request.path.endsWith(`/${id}`)).length;
  return { checks, lagMs: returnedAt - readyAt };
}

function pollingCase(wait: Wait): (args: Record<string, string>) => Promise<CaseResult> {
  return async (args) => {
    const reports = Number(args.reports);
    const readyAfter = (k: number) => Number(args.readyAfterMs) + (k * Number(args.spreadMs)) / reports;
    // One report that is ready at once, first: in a cold process the first requests take hundreds
    // of ms (module loading, JIT), which would land on the first checks and be scaled up with them.
    const warmUp = await startFake(1);
    await waitForOne(wait, warmUp, 1, args).finally(() => warmUp.server.close());
    const fakes = await Promise.all(Array.from({ length: reports }, (_, k) => startFake(readyAfter(k))));
    try {
      const started = performance.now();
      const waits = await Promise.all(fakes.map((fake, k) => waitForOne(wait, fake, readyAfter(k), args)));
      const extra: Record<string, number> = {};
      waits.forEach(({ checks, lagMs }, k) => {
        extra[`checks_${k}`] = checks;
        extra[`lag_${k}`] = lagMs;
      });
      return { ms: performance.now() - started, count: waits.reduce((sum, { checks }) => sum + checks, 0), extra };
    } finally {
      await Promise.all(fakes.map(({ server }) => server.close()));
    }
  };
}

await runChild({
  'sdk-wait': pollingCase(waitWithSdk),
  'fixed-interval': pollingCase(waitWithFixedInterval),
});
