/**
 * A small seeded random source (mulberry32) for the fake data the clients' `testing` subpaths
 * build: the same seed always gives the same rows, so a test can assert on exact rows and a
 * user's snapshot stays stable. Good enough for fake data, never for secrets. Hand-written
 * because it is a dozen lines and no dependency may be added for it.
 *
 * @example
 * ```ts
 * const random = new SeededRandom(42, 'patients');
 * random.pick(['a', 'b']); random.int(1, 6); random.uuid();
 * ```
 */
export class SeededRandom {
  #state: number;

  /** `stream` derives an independent sequence from the same seed (one per table or report). */
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

  /** A whole number in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A whole number in [min, max]. */
  int(min: number, max: number): number {
    return min + this.below(max - min + 1);
  }

  /** `true` with the given probability. */
  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** One of the items. */
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }

  /** A version-4-shaped UUID. */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => this.int(0, 15).toString(16));
    hex[12] = '4';
    hex[16] = (8 + this.int(0, 3)).toString(16);
    const text = hex.join('');
    return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
  }
}
