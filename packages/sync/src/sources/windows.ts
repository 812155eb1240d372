/** Calendar-day arithmetic on `YYYY-MM-DD` strings, in UTC: no time zone is invented. */

const DAY_MS = 86_400_000;

/** `date` plus `days` (negative to go back). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The UTC calendar day of an instant. */
export function dayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** The later of two days. */
export function maxDay(a: string, b: string): string {
  return a > b ? a : b;
}

/**
 * Inclusive day windows of `size` days from `from` to `to` (both inclusive); the last may be
 * shorter. Empty when `from` is after `to`.
 *
 * @example
 * ```ts
 * dayWindows('2024-05-01', '2024-05-10', 7); // [{ from: '2024-05-01', to: '2024-05-07' }, { from: '2024-05-08', to: '2024-05-10' }]
 * ```
 */
export function dayWindows(from: string, to: string, size: number): Array<{ from: string; to: string }> {
  const windows: Array<{ from: string; to: string }> = [];
  for (let start = from; start <= to; start = addDays(start, size)) {
    const end = addDays(start, size - 1);
    windows.push({ from: start, to: end < to ? end : to });
  }
  return windows;
}
