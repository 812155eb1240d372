import * as z from 'zod';

/**
 * A yes/no column that Luscii sends as `1`/`0` (a database flag, as `Self_Planned: 1` in the
 * document), as a boolean. `"1"`/`"0"` and `true`/`false` are read the same way; any other
 * value is an error rather than a guess. Written here because core's `values.boolean()` reads
 * only `true`/`false`.
 *
 * @example
 * ```ts
 * const Row = z.looseObject({ Self_Planned: binaryFlag() });
 * Row.parse({ Self_Planned: 1 }).Self_Planned; // true
 * ```
 */
export function binaryFlag() {
  return z
    .union([z.literal([0, 1, '0', '1']), z.boolean()], { error: 'expected 0 or 1' })
    .transform((value) => value === true || value === 1 || value === '1')
    .meta({ wireType: 'boolean' });
}
