/**
 * CRC-32 (the zip polynomial), computed incrementally over chunks. Node's `zlib.crc32` where it
 * can be reached (Node.js 20.16+ and 22.3+): it is several times faster than any JavaScript
 * loop, and the check runs over every inflated byte. Elsewhere (older Node.js, browsers; fflate
 * keeps its CRC private) a slicing-by-8 loop that reads eight bytes per step.
 */

const TABLES: Uint32Array[] = buildTables();

function buildTables(): Uint32Array[] {
  const tables = Array.from({ length: 8 }, () => new Uint32Array(256));
  const first = tables[0]!;
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    first[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    let c = first[n]!;
    for (let t = 1; t < 8; t++) {
      c = first[c & 0xff]! ^ (c >>> 8);
      tables[t]![n] = c >>> 0;
    }
  }
  return tables;
}

type Crc32 = (bytes: Uint8Array, crc: number) => number;

/**
 * `zlib.crc32`, found at run time through `process.getBuiltinModule` (Node.js 20.16+, 22.3+)
 * rather than imported, so this file loads unchanged in browsers, where `process` is absent.
 * Named `zlib`, not `node:zlib`: the browser build must not mention a Node built-in.
 */
const nativeCrc32: Crc32 | undefined = findNativeCrc32();

function findNativeCrc32(): Crc32 | undefined {
  const host = globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } };
  const zlib = host.process?.getBuiltinModule?.('zlib') as { crc32?: unknown } | undefined;
  return typeof zlib?.crc32 === 'function' ? (zlib.crc32 as Crc32) : undefined;
}

/**
 * Continues a CRC-32 over `bytes`. Start with `0`; the result is the final, unsigned CRC of
 * everything passed so far.
 *
 * @example
 * ```ts
 * let crc = 0;
 * for (const chunk of chunks) crc = updateCrc32(crc, chunk);
 * ```
 */
export function updateCrc32(crc: number, bytes: Uint8Array): number {
  return nativeCrc32 ? nativeCrc32(bytes, crc) : updateCrc32Portable(crc, bytes);
}

/** {@link updateCrc32} in JavaScript, for platforms without `zlib.crc32`. */
export function updateCrc32Portable(crc: number, bytes: Uint8Array): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = TABLES as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  let c = ~crc;
  let i = 0;
  const end8 = bytes.length - (bytes.length % 8);
  for (; i < end8; i += 8) {
    const a = (c ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24))) >>> 0;
    c =
      t7[a & 0xff]! ^
      t6[(a >>> 8) & 0xff]! ^
      t5[(a >>> 16) & 0xff]! ^
      t4[a >>> 24]! ^
      t3[bytes[i + 4]!]! ^
      t2[bytes[i + 5]!]! ^
      t1[bytes[i + 6]!]! ^
      t0[bytes[i + 7]!]!;
  }
  for (; i < bytes.length; i++) c = t0[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
