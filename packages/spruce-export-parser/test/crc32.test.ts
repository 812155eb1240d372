import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { updateCrc32, updateCrc32Portable } from '../src/zip/crc32.js';

/** The textbook bit-by-bit CRC-32, as the reference. */
function referenceCrc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe.each([
  ['updateCrc32', updateCrc32],
  ['updateCrc32Portable', updateCrc32Portable],
])('%s', (_, updateCrc32) => {
  test('known values', () => {
    expect(updateCrc32(0, new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(updateCrc32(0, new Uint8Array(0))).toBe(0);
    expect(updateCrc32(0, new TextEncoder().encode('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });

  test('matches the reference on any bytes, whole or in any split', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(300), (bytes, cut) => {
        const at = Math.min(cut, bytes.length);
        const whole = updateCrc32(0, bytes);
        expect(whole).toBe(referenceCrc32(bytes));
        expect(updateCrc32(updateCrc32(0, bytes.subarray(0, at)), bytes.subarray(at))).toBe(whole);
      }),
    );
  });
});
