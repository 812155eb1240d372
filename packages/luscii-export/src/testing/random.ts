/**
 * A small seeded random source (mulberry32), so that the same options always build the same
 * fake organisation: a test can assert on exact rows, and a user's snapshot stays stable.
 * Hand-written because it is a dozen lines and no dependency may be added for it.
 */
export class SeededRandom {
  #state: number;

  constructor(seed: number, stream = '') {
    let state = seed >>> 0;
    for (const char of stream) state = Math.imul(state ^ char.charCodeAt(0), 0x9e3779b1) >>> 0;
    this.#state = state;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** A whole number in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A version-4-shaped UUID. */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => this.int(0, 15).toString(16));
    hex[12] = '4';
    hex[16] = (8 + this.int(0, 3)).toString(16);
    const text = hex.join('');
    return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
  }

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
