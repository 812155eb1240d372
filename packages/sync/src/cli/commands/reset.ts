import type { Destination } from '../../destinations/destination.js';
import { SyncConfigError } from '../../errors/sync-errors.js';
import { ALL_STREAMS } from '../../streams.js';

/**
 * Drops the tables and state of the named streams (or of every stream of a source), in one
 * transaction; a Spruce table is also taken off the ledger so its files load again, and the
 * files that failed are forgotten so they are tried again (after an upgrade that reads them, say).
 */
export async function resetStreams(destination: Destination, target: { stream?: string[]; source?: string[] }): Promise<string[]> {
  const names = new Set<string>();
  for (const stream of target.stream ?? []) {
    if (!ALL_STREAMS.some((s) => s.table === stream)) throw new SyncConfigError(`--stream ${stream}: no such stream`);
    names.add(stream);
  }
  for (const source of target.source ?? []) {
    const streams = ALL_STREAMS.filter((s) => s.source === source);
    if (streams.length === 0) throw new SyncConfigError(`--source ${source}: one of luscii, dexcare, spruce`);
    for (const stream of streams) names.add(stream.table);
  }
  if (names.size === 0) throw new SyncConfigError('reset needs --stream NAME or --source NAME');
  const files = await destination.listFiles();
  await destination.transaction(async (tx) => {
    for (const name of names) {
      await tx.dropTable(name);
      await tx.deleteState(name);
    }
    const spruce = ALL_STREAMS.some((stream) => stream.source === 'spruce' && names.has(stream.table));
    for (const file of files) {
      if (file.status === 'failed') {
        if (spruce) await tx.deleteFile?.(file.sha256);
        continue;
      }
      if (!Object.keys(file.rows).some((table) => names.has(table))) continue;
      const rows = Object.fromEntries(Object.entries(file.rows).filter(([table]) => !names.has(table)));
      await tx.putFile({ ...file, rows });
    }
  });
  return [...names];
}
