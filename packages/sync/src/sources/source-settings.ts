import { InvalidParamsError, values } from '@x/core';
import { z } from 'zod';
import { DEXCARE_STREAMS } from './dexcare/dexcare-streams.js';
import { LUSCII_STREAMS } from './luscii/luscii-streams.js';

const day = z.string().refine(values.isIsoDate, 'expected a date, YYYY-MM-DD');
const positive = z.number().int().positive();
const count = z.number().int().min(0);
// A look-back of 0 never read the last day again: the day a run reads last is today, and what
// arrives after the run that day was lost for good.
const lookback = z.number().int().min(1, 'at least 1: the last day a run reads is today, which goes on after it and is read again by the next run');
/** Node's timers fire at once past 2^31 - 1 ms (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** A record keyed by stream table names of one source: a misspelt name was ignored, the stream read from the default day for good. */
const byStream = <Value extends z.ZodType>(source: string, tables: readonly string[], value: Value) =>
  z.record(z.string(), value).superRefine((record, context) => {
    for (const table of Object.keys(record)) {
      if (!tables.includes(table)) context.addIssue({ code: 'custom', path: [table], message: `no such ${source} stream (${tables.join(', ')})` });
    }
  });
const LUSCII_TABLES = LUSCII_STREAMS.map((stream) => stream.table);
const DEXCARE_TABLES = DEXCARE_STREAMS.map((stream) => stream.table);
const AVR_TABLES = DEXCARE_STREAMS.filter((stream) => stream.avrType).map((stream) => stream.table);

/**
 * The tuning settings of each built-in source, checked the same way whether they come from the
 * config file (`x-sync --config`) or from code (`sync({ sources })`): a window of 0 days would
 * plan windows without end, and a start date that is no day fails a stream halfway through a run.
 */
export const SOURCE_SETTINGS = {
  luscii: z.object({ windowDays: positive.optional(), lookbackDays: lookback.optional(), startDates: byStream('luscii', LUSCII_TABLES, day).optional() }),
  dexcare: z.object({
    avrTypes: z.array(z.enum(['virtual', 'retail', 'provider_booking'])).optional(),
    avrWindowDays: positive.optional(),
    avrLookbackDays: lookback.optional(),
    avrKeys: byStream('AVR', AVR_TABLES, z.array(z.string()).min(1)).optional(),
    // Four times it is the client's longest interval between checks, which the timer limit bounds.
    avrPollIntervalMs: positive.max(Math.floor(MAX_TIMER_MS / 4)).optional(),
    aprWindowHours: positive.optional(),
    aprPageSize: positive.optional(),
    startDates: byStream('dexcare', DEXCARE_TABLES, day).optional(),
  }),
  spruce: z.object({ batchRows: positive.optional(), commitRows: positive.optional(), settleMs: count.max(MAX_TIMER_MS).optional() }),
} as const;

/** A day, `YYYY-MM-DD`, that exists (the config file's `since`). */
export const DAY = day;

/**
 * Throws an `InvalidParamsError` naming each setting of `options` that its source's schema
 * refuses (never the value); keys the schema does not know (the key, the URL) are left to the
 * client that takes them.
 */
export function checkSourceSettings(source: keyof typeof SOURCE_SETTINGS, options: object): void {
  const parsed = SOURCE_SETTINGS[source].safeParse(options);
  if (parsed.success) return;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new InvalidParamsError(problems.join('; '));
}
