import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DestinationLockedError } from '../src/errors/sync-errors.js';
import { sync } from '../src/sync.js';
import { ALL_TYPES, memorySource, postgresUrl, postgresWarehouse, withAdmin } from './helpers/index.js';

const url = postgresUrl();

describe.skipIf(!url)('PostgreSQL: one writer at a time (session advisory lock)', () => {
  let warehouse: Awaited<ReturnType<typeof postgresWarehouse>>;
  beforeEach(async () => {
    warehouse = await postgresWarehouse(url!);
  });
  afterEach(async () => {
    await warehouse.dispose();
  });

  it('a second run that may not wait exits with a message naming the running run and when it took the lock', async () => {
    const holder = warehouse.open();
    await holder.open({ readOnly: false });
    const runId = await holder.startRun(new Date('2024-06-01T00:00:00Z'));
    try {
      const error = await warehouse
        .open({ lockWaitMs: 0 })
        .open({ readOnly: false })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DestinationLockedError);
      const locked = error as DestinationLockedError;
      expect(locked.holder?.runId).toBe(runId);
      expect(locked.message).toContain(`is in use by x-sync run ${runId}, which took it at ${locked.holder!.since.toISOString()}`);
      expect(locked.message).toContain(`schema ${warehouse.schema}`);
      expect(locked.message).not.toContain(new URL(url!).password);
    } finally {
      await holder.close();
    }
  });

  it('a second run waits for the lock and goes on when the first run ends', async () => {
    const holder = warehouse.open();
    await holder.open({ readOnly: false });
    const waiter = warehouse.open({ lockWaitMs: 60_000 });
    const opened = waiter.open({ readOnly: false });
    // The waiter is queued on the advisory lock (not polling): wait until the server says so.
    await vi.waitFor(
      async () => {
        const { rows } = await withAdmin(url!, (client) => client.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2 AND NOT granted`));
        expect(rows.length).toBeGreaterThan(0);
      },
      { timeout: 15_000, interval: 50 },
    );
    await holder.close();
    await expect(opened).resolves.toBeUndefined();
    expect(await waiter.startRun(new Date('2024-06-01T00:00:00Z'))).toBe(1);
    await waiter.close();
  });

  it('a run waiting for the lock stops when it is told to (SIGTERM from systemd, Ctrl-C), not when its wait runs out', async () => {
    const holder = warehouse.open();
    await holder.open({ readOnly: false });
    try {
      const stop = new AbortController();
      const source = memorySource({ table: 'spruce_test_items', columns: ALL_TYPES, softDelete: false, units: [] });
      const waiting = sync({ db: warehouse.open({ lockWaitMs: 600_000 }), sources: [source], signal: stop.signal }).catch((caught: unknown) => caught);
      await vi.waitFor(
        async () => {
          const { rows } = await withAdmin(url!, (client) => client.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2 AND NOT granted`));
          expect(rows.length).toBeGreaterThan(0);
        },
        { timeout: 15_000, interval: 50 },
      );
      stop.abort(new Error('terminated'));
      // Within the test's own timeout, far short of the 10-minute wait.
      expect(await waiting).toMatchObject({ message: 'terminated' });
    } finally {
      await holder.close();
    }
    // Its session is gone, so the lock is free for the next run at once.
    const next = warehouse.open({ lockWaitMs: 0 });
    await expect(next.open({ readOnly: false })).resolves.toBeUndefined();
    await next.close();
  });

  it('a run that waited its time out exits with the holder named, before it writes anything', async () => {
    const holder = warehouse.open();
    await holder.open({ readOnly: false });
    try {
      const waiter = warehouse.open({ lockWaitMs: 200 });
      await expect(waiter.open({ readOnly: false })).rejects.toThrow(/is in use by x-sync run \(starting\), which took it at .* after waiting 0 s/);
      expect(await holder.listRuns(5)).toEqual([]);
    } finally {
      await holder.close();
    }
  });

  it('a lock dies with its session: a run whose connection is gone does not block the next one', async () => {
    const holder = warehouse.open();
    await holder.open({ readOnly: false });
    await withAdmin(url!, (client) => client.query(`SELECT pg_terminate_backend(pid) FROM "${warehouse.schema}"._sync_lock`));
    const next = warehouse.open({ lockWaitMs: 10_000 });
    await expect(next.open({ readOnly: false })).resolves.toBeUndefined();
    await next.close();
    await holder.close();
  });

  it('two schemas are two warehouses: each has its own writer', async () => {
    const other = await postgresWarehouse(url!);
    const first = warehouse.open();
    const second = other.open();
    try {
      await first.open({ readOnly: false });
      await expect(second.open({ readOnly: false })).resolves.toBeUndefined();
    } finally {
      await first.close();
      await second.close();
      await other.dispose();
    }
  });

  it('status and dry runs read without the lock while a run writes', async () => {
    const holder = warehouse.open();
    await holder.open({ readOnly: false });
    const reader = warehouse.open({ lockWaitMs: 0 });
    try {
      await reader.open({ readOnly: true });
      expect(await reader.listRuns(5)).toEqual([]);
    } finally {
      await reader.close();
      await holder.close();
    }
  });
});
