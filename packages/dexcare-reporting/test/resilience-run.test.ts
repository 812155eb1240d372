/**
 * `runAvrReport` (start, wait, stream) over a real socket with a fault in every phase at once:
 * every row exactly once, from one report, and nothing downloaded twice. A fault the phases
 * cannot absorb ends the loop with a typed error, never a shorter report.
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { Fault, FaultPlan, FaultServer } from '@x/testkit';
import { ConnectionError } from '../src/index.js';
import { collect, FAST_WAIT } from './helpers/index.js';
import { dexCareOverSocket, isData, isStart, isStatusCheck, rowsUntilFailure } from './helpers/socket.js';
import { fakeVisitsCsv } from '../src/testing.js';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Faults by phase: the i-th request of a phase gets `faults[i]`, later ones none. */
function byPhase(phases: { match: (request: Request) => boolean; faults: Fault[] }[]): FaultPlan {
  const seen = phases.map(() => 0);
  return (request) => {
    const phase = phases.findIndex(({ match }) => match(request));
    if (phase === -1) return undefined;
    return phases[phase]!.faults[seen[phase]!++];
  };
}

describe('runAvrReport through a fault in every phase', () => {
  test('a 503 with Retry-After on the start, a 429, a reset and a stall on the checks, a hangup before the data: every row once', async () => {
    const plan = byPhase([
      { match: isStart, faults: [{ kind: 'status', status: 503, headers: { 'retry-after': '0' } }] },
      {
        match: isStatusCheck,
        faults: [{ kind: 'status', status: 429, headers: { 'retry-after': '0' } }, { kind: 'reset', afterBytes: 5 }, { kind: 'stall', afterBytes: 5 }],
      },
      { match: isData, faults: [{ kind: 'hangup' }, { kind: 'status', status: 502 }] },
    ]);
    const fake = await dexCareOverSocket({ plan, client: { timeoutMs: 300 } });
    server = fake.server;
    let started: string | undefined;
    const rows = await collect(fake.dex.runAvrReport({ type: 'virtual' }, { ...FAST_WAIT, onStarted: (id) => void (started = id) }));
    expect(rows).toEqual(fake.mock.visits);
    expect(fake.mock.reports.size).toBe(1);
    expect(started).toBe([...fake.mock.reports.keys()][0]);
    // The two spoiled download attempts never reached the fake: one download, served whole.
    expect(fake.mock.reports.get(started!)!.downloads).toHaveLength(1);
  });

  test('a cut once rows flow: a ConnectionError after a clean prefix, and the id to resume with', async () => {
    const { recordEnds } = fakeVisitsCsv({ rows: 300 });
    const plan = byPhase([{ match: isData, faults: [{ kind: 'truncate', afterBytes: recordEnds[200]! }] }]);
    const fake = await dexCareOverSocket({ plan });
    server = fake.server;
    let started: string | undefined;
    const { read, error } = await rowsUntilFailure(fake.dex.runAvrReport({ type: 'virtual' }, { ...FAST_WAIT, onStarted: (id) => void (started = id) }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(read.length).toBeGreaterThanOrEqual(199);
    expect(read).toEqual(fake.mock.visits.slice(0, read.length));
    // The report is done at DexCare: download it again by id, no second report.
    expect(await collect(fake.dex.getAvrResultRows(started!))).toEqual(fake.mock.visits);
    expect(fake.mock.reports.size).toBe(1);
  });
});
