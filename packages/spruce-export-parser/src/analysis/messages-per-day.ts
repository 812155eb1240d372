import type { SpruceMessageRow } from '../models/messages.js';
import { eachRow, type AnalysisOptions, type RowSource } from './rows-source.js';

/** Messages on one calendar day. */
export interface DailyMessageCount {
  /** `YYYY-MM-DD` in the chosen time zone. */
  day: string;
  total: number;
  /** Counts by `message_type` (`USER`, `EVENT`, ...). */
  byType: Record<string, number>;
}

/** Options of {@link messagesPerDay}. */
export interface MessagesPerDayOptions extends AnalysisOptions {
  /**
   * The IANA time zone whose calendar days count: a clinic's local day, `'America/Chicago'`.
   * @default 'UTC'
   */
  timeZone?: string | undefined;
}

/**
 * Counts messages per calendar day of `created_timestamp`, oldest day first. Counts every row
 * given: filter first to leave out, say, deleted or internal messages.
 *
 * @example
 * ```ts
 * for (const { day, total } of await messagesPerDay(exp.rows('messages'), { timeZone: 'America/New_York' })) console.log(day, total);
 * ```
 */
export async function messagesPerDay(messages: RowSource<Pick<SpruceMessageRow, 'created_timestamp' | 'message_type'>>, options: MessagesPerDayOptions = {}): Promise<DailyMessageCount[]> {
  const dayOf = calendarDay(options.timeZone ?? 'UTC');
  const days = new Map<string, DailyMessageCount>();
  for await (const message of eachRow(messages, options.signal)) {
    const day = dayOf(message.created_timestamp);
    let count = days.get(day);
    if (!count) days.set(day, (count = { day, total: 0, byType: {} }));
    count.total += 1;
    count.byType[message.message_type] = (count.byType[message.message_type] ?? 0) + 1;
  }
  return [...days.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

function calendarDay(timeZone: string): (date: Date) => string {
  if (timeZone === 'UTC') return (date) => date.toISOString().slice(0, 10);
  // en-CA formats a date as YYYY-MM-DD; an unknown time zone throws a RangeError here, up front.
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (date) => format.format(date);
}
