import type pg from 'pg';
import { DestinationLockedError } from '../../errors/sync-errors.js';

/** The advisory lock's two keys: x-sync's, and the schema's, so two schemas are two warehouses. */
const LOCK_KEYS = `hashtext('x-sync'), hashtext(current_schema())`;

/**
 * Takes the session advisory lock of this database and schema, waiting up to `waitMs` (0: try
 * once). Held until the session ends, so a crashed run's lock goes with its connection. On
 * timeout, throws {@link DestinationLockedError} naming the holder's run id and when it took the
 * lock, as the holder recorded them in `_sync_lock`. An abort of `signal` ends the session, and
 * with it the wait (systemd's stop, Ctrl-C: the wait was up to `waitMs`, then SIGKILL); the
 * server drops the queued request by `lock_timeout` at the latest.
 */
export async function takeWriterLock(client: pg.Client, location: string, waitMs: number, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  if (waitMs <= 0) {
    const { rows } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_KEYS}) AS ok`);
    if (!rows[0]?.ok) throw new DestinationLockedError(location, { holder: await lockHolder(client), waitedMs: 0 });
  } else {
    await client.query(`SELECT set_config('lock_timeout', $1, false)`, [`${Math.ceil(waitMs)}ms`]);
    const stop = () => void client.end().catch(() => undefined);
    signal?.addEventListener('abort', stop, { once: true });
    try {
      await client.query(`SELECT pg_advisory_lock(${LOCK_KEYS})`);
    } catch (error) {
      signal?.throwIfAborted();
      if ((error as { code?: unknown }).code !== '55P03') throw error;
      throw new DestinationLockedError(location, { holder: await lockHolder(client), waitedMs: waitMs });
    } finally {
      signal?.removeEventListener('abort', stop);
      await client.query('RESET lock_timeout').catch(() => undefined);
    }
  }
}

/** Records this session as the lock holder (call once `_sync_lock` exists). */
export async function recordLockHolder(client: pg.Client): Promise<void> {
  await client.query(
    `INSERT INTO _sync_lock VALUES (1, pg_backend_pid(), NULL, now()) ON CONFLICT (id) DO UPDATE SET pid = excluded.pid, run_id = NULL, started_at = excluded.started_at`,
  );
}

/** Records the run id of the lock holder (this session) for a waiting run's message. */
export async function recordLockRun(client: pg.Client, runId: number): Promise<void> {
  await client.query('UPDATE _sync_lock SET run_id = $1 WHERE id = 1 AND pid = pg_backend_pid()', [runId]);
}

async function lockHolder(client: pg.Client): Promise<{ runId: number | null; since: Date } | undefined> {
  try {
    const { rows } = await client.query<{ run_id: string | null; started_at: Date }>('SELECT run_id, started_at FROM _sync_lock WHERE id = 1');
    const row = rows[0];
    return row ? { runId: row.run_id === null ? null : Number(row.run_id), since: row.started_at } : undefined;
  } catch {
    return undefined; // the holder is still creating the bookkeeping tables
  }
}
