/** Node's codes for a write that found no room: a full disk, a quota, a file size limit. */
const NO_ROOM_CODES: Readonly<Record<string, string>> = {
  ENOSPC: 'No space left on device',
  EDQUOT: 'Disk quota exceeded',
  EFBIG: 'File too large',
};

/**
 * The operating system's words for the same, as DuckDB's IO errors end them (`Could not write
 * file "…": No space left on device`). Matched as fixed text, so what is returned never carries
 * anything else of a message (which may quote paths and values).
 */
const NO_ROOM_TEXT = /No space left on device|Disk quota exceeded|File too large/;

/**
 * Why a write found no room (`'No space left on device'`), from a Node error's code or a
 * database's message, in `error` or its causes; `undefined` for any other error.
 */
export function noRoomReason(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (code !== undefined && code in NO_ROOM_CODES) return NO_ROOM_CODES[code];
    const text = NO_ROOM_TEXT.exec(current.message)?.[0];
    if (text !== undefined) return text;
  }
  return undefined;
}
