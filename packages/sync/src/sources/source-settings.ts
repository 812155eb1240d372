import { InvalidParamsError, values } from '@x/core';
import { z } from 'zod';

const day = z.string().refine(values.isIsoDate, 'expected a date, YYYY-MM-DD');
const positive = z.number().int().positive();
const count = z.number().int().min(0);
const startDates = z.record(z.string(), day);

/**
 * The tuning settings of each built-in source, checked the same way whether they come from the
 * config file (`x-sync --config`) or from code (`sync({ sources })`): a window of 0 days would
 * plan windows without end, and a start date that is no day fails a stream halfway through a run.
 */
export const SOURCE_SETTINGS = {
  luscii: z.object({ windowDays: positive.optional(), lookbackDays: count.optional(), startDates: startDates.optional() }),
  dexcare: z.object({
    avrTypes: z.array(z.enum(['virtual', 'retail', 'provider_booking'])).optional(),
    avrWindowDays: positive.optional(),
    avrLookbackDays: count.optional(),
    avrKeys: z.record(z.string(), z.array(z.string()).min(1)).optional(),
    avrPollIntervalMs: positive.optional(),
    aprWindowHours: positive.optional(),
    aprPageSize: positive.optional(),
    startDates: startDates.optional(),
  }),
  spruce: z.object({ batchRows: positive.optional(), commitRows: positive.optional(), settleMs: count.optional() }),
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
