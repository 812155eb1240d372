import type { SdkLog } from './logger.js';

/** Rows between two "download progress" log lines. */
export const PROGRESS_EVERY_ROWS = 10_000;

/**
 * Passes rows through and logs the download's progress at `debug`: bytes and rows every
 * 10,000 rows (`PROGRESS_EVERY_ROWS`), and once more when the download ends. Counts only, never
 * a cell.
 *
 * @example
 * ```ts
 * const { body, bytesRead } = await transport.stream({ method: 'GET', path });
 * yield* withDownloadProgress(csvRows(body, options), { log: transport.log, path, bytesRead });
 * ```
 */
export async function* withDownloadProgress<T>(
  rows: AsyncIterable<T>,
  { log, path, bytesRead }: { log: SdkLog; path: string; bytesRead: () => number },
): AsyncGenerator<T, void, undefined> {
  let count = 0;
  for await (const row of rows) {
    count += 1;
    if (count % PROGRESS_EVERY_ROWS === 0) log.debug('download progress', { path, bytes: bytesRead(), rows: count });
    yield row;
  }
  log.debug('download finished', { path, bytes: bytesRead(), rows: count });
}
