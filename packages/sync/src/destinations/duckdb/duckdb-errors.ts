import { DestinationError } from '../../errors/sync-errors.js';
import { noRoomReason } from '../no-room.js';

/**
 * A DuckDB error as a {@link DestinationError} where its kind is one a user acts on: a write that
 * found no room (a full disk, a quota, a file size limit) is `disk-full`, with what to do. Any
 * other error passes through as it is. `inUnit` is whether a unit's transaction was open, which
 * DuckDB rolled back.
 */
export function toDuckDbError(error: unknown, location: string, inUnit: boolean): unknown {
  const why = noRoomReason(error);
  if (why === undefined) return error;
  const after = inUnit ? 'the unit in progress was rolled back; once there is room, a rerun resumes from the last committed unit' : 'run the command again once there is room';
  return new DestinationError(
    `DuckDB file ${location}: writing failed: no room to write (${why}): the disk that holds the file is full, or a quota or file size limit is reached; ` +
      `free space there (DuckDB writes the file, ${location}.wal and spills to ${location}.tmp); ${after}`,
    { reason: 'disk-full', location, cause: error },
  );
}
