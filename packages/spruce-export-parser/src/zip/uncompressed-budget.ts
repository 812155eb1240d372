import { ExportFormatError } from '@x/core';

/**
 * The limit on uncompressed bytes for a whole export, counted as bytes are actually inflated
 * (a zip bomb declares small sizes). Reading an entry a second time does not count twice: each
 * entry adds only the bytes beyond the furthest any read of it has reached.
 */
export class UncompressedBudget {
  readonly #limit: number;
  readonly #furthest = new Map<number, number>();
  #total = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Records that a read of entry `index` has inflated `bytes` so far; throws past the limit. */
  reach(index: number, bytes: number, name: string): void {
    const furthest = this.#furthest.get(index) ?? 0;
    if (bytes <= furthest) return;
    this.#total += bytes - furthest;
    this.#furthest.set(index, bytes);
    if (this.#total > this.#limit) {
      throw new ExportFormatError(
        `${name}: the export inflates to more than maxUncompressedBytes (${this.#limit} bytes); raise the limit if the export is genuine`,
        { source: name },
      );
    }
  }
}
