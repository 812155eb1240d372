import { DEXCARE_STREAMS } from './sources/dexcare/dexcare-streams.js';
import { LUSCII_STREAMS } from './sources/luscii/luscii-streams.js';
import type { StreamDefinition } from './sources/source.js';
import { SPRUCE_STREAMS } from './sources/spruce/spruce-streams.js';

/**
 * Every stream of the built-in sources, in source order: what `status` lists and `reset` accepts.
 *
 * @example
 * ```ts
 * ALL_STREAMS.map((stream) => stream.table); // ['luscii_patients', ..., 'spruce_outbound_calls']
 * ```
 */
export const ALL_STREAMS: readonly StreamDefinition[] = [...LUSCII_STREAMS, ...DEXCARE_STREAMS, ...SPRUCE_STREAMS];
