/**
 * Cursors of keyset pages: a page's last row (its due time and id) as an opaque string the
 * next request hands back as `after`.
 */
export interface RowKey {
  dueAt: Date;
  id: number;
}

export const encodeCursor = (last: RowKey): string => Buffer.from(JSON.stringify([last.dueAt.getTime(), last.id])).toString('base64url');

/** The key back, or null when the string is not one of our cursors. */
export function readCursor(cursor: string): RowKey | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2 || !value.every((n) => Number.isSafeInteger(n) && n >= 0)) return null;
    return { dueAt: new Date(value[0]), id: value[1] };
  } catch {
    return null;
  }
}
