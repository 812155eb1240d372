import { SeededRandom as CoreSeededRandom } from '@x/core/internal';

/**
 * Core's seeded random source, plus Luscii's date-times (`YYYY-MM-DD HH:MM:SS`, no offset), so
 * the same options always build the same fake organisation.
 */
export class SeededRandom extends CoreSeededRandom {
  /** A date-time `YYYY-MM-DD HH:MM:SS` between the start of `from` and the end of `to` (UTC days). */
  dateTime(from: string, to: string): string {
    const start = Date.parse(`${from}T00:00:00Z`);
    const end = Date.parse(`${to}T23:59:59Z`);
    return formatDateTime(start + Math.floor(this.next() * (end - start + 1000) / 1000) * 1000);
  }
}

/** `YYYY-MM-DD HH:MM:SS` of an epoch time, read in UTC. */
export function formatDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ');
}

/** The date-time `minutes` after another one, in the same format. */
export function minutesAfter(dateTime: string, minutes: number): string {
  return formatDateTime(Date.parse(`${dateTime.replace(' ', 'T')}Z`) + minutes * 60_000);
}
