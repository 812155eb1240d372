/**
 * The fake's cursors: base64url JSON, the way Laravel's cursor paginator writes them (Luscii's
 * cursors start with `eyJ`, which is `{"` encoded). A cursor names the row it is next to and a
 * direction, so a resumed export carries on after the last row served, as the real one does.
 */
export interface FakeCursor {
  /** The position (1-based) of the row the cursor is next to; 0 is before the first row. */
  id: number;
  _pointsToNextItems: boolean;
  /** Makes a cursor distinct while it points at the same place (the `emptyPage` fault). */
  _nonce?: number;
}

// The JSON is ASCII (numbers and fixed keys), so btoa/atob suffice and the fake also runs in browsers.
export function encodeCursor(cursor: FakeCursor): string {
  return btoa(JSON.stringify(cursor)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** The cursor, or `undefined` when the text is not one of ours. */
export function decodeCursor(text: string): FakeCursor | undefined {
  try {
    const value: unknown = JSON.parse(atob(text.replaceAll('-', '+').replaceAll('_', '/')));
    if (typeof value !== 'object' || value === null) return undefined;
    const { id, _pointsToNextItems } = value as Partial<FakeCursor>;
    if (!Number.isInteger(id) || (id as number) < 0 || typeof _pointsToNextItems !== 'boolean') return undefined;
    return value as FakeCursor;
  } catch {
    return undefined;
  }
}
