import { DexCareReportingClient } from '@x/dexcare-reporting';
import type { PlanContext, Source, Unit } from '../source.js';
import { addDays, dayOf, dayWindows, maxDay } from '../windows.js';
import { aprWindowUnit, type AprState } from './apr-units.js';
import { avrWindowUnit, type AvrState } from './avr-units.js';
import { APR_TABLE, DEXCARE_STREAMS } from './dexcare-streams.js';
import { checkSourceSettings } from '../source-settings.js';

/** Settings of the DexCare source. */
export interface DexCareSourceOptions {
  /** `DEXCARE_BASE_URL`. */
  baseUrl: string;
  /** `DEXCARE_SERVICE_KEY`. */
  serviceKey: string;
  /** `DEXCARE_APR_BASE_URL`. @default baseUrl */
  aprBaseUrl?: string | undefined;
  /** `DEXCARE_APR_KEY`. @default serviceKey */
  aprKey?: string | undefined;
  /** AVR types to sync. @default ['virtual', 'retail', 'provider_booking'] */
  avrTypes?: readonly string[] | undefined;
  /** Days per AVR window. @default 1 */
  avrWindowDays?: number | undefined;
  /** Days re-read each run. @default 3 */
  avrLookbackDays?: number | undefined;
  /** The upsert key per AVR table (`{ dexcare_avr_virtual: ['visit_id'] }`); default the visit id column, else the row hash. */
  avrKeys?: Readonly<Record<string, readonly string[]>> | undefined;
  /** First poll interval while an AVR report runs. @default the client's (1 s, backing off) */
  avrPollIntervalMs?: number | undefined;
  /** Hours per APR window. @default 24 */
  aprWindowHours?: number | undefined;
  /** APR page size. @default 200 */
  aprPageSize?: number | undefined;
  /** Per-stream first day, overriding `since`. */
  startDates?: Readonly<Record<string, string>> | undefined;
  /** A `fetch` for the client (a proxy agent, a test double). */
  fetch?: typeof globalThis.fetch | undefined;
}

const HOUR_MS = 3_600_000;

/**
 * DexCare: the All Visits Report per type in day windows (report ids saved before polling and
 * resumed after a crash), and the All Providers Report in time windows up to an hour ago.
 *
 * @example
 * ```ts
 * const source = dexCareSource({ baseUrl: process.env.DEXCARE_BASE_URL!, serviceKey: process.env.DEXCARE_SERVICE_KEY! });
 * ```
 */
export function dexCareSource(options: DexCareSourceOptions): Source {
  checkSourceSettings('dexcare', options);
  const client = new DexCareReportingClient({
    baseUrl: options.baseUrl,
    serviceKey: options.serviceKey,
    ...(options.aprBaseUrl ? { aprBaseUrl: options.aprBaseUrl } : {}),
    ...(options.aprKey ? { aprKey: options.aprKey } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const types = options.avrTypes;
  const streams = DEXCARE_STREAMS.filter((stream) => !stream.avrType || !types || types.includes(stream.avrType));
  return {
    name: 'dexcare',
    streams,
    async *units(context: PlanContext): AsyncIterable<Unit> {
      // A full refresh reads from `since` again: no window, cursor or report of before.
      const states = context.fullRefresh ? new Map<string, unknown>() : context.states;
      const today = dayOf(context.now);
      for (const stream of streams) {
        if (!context.streams.includes(stream.table)) continue;
        const since = options.startDates?.[stream.table] ?? context.since;
        if (stream.avrType) {
          const state = (states.get(stream.table) ?? {}) as AvrState;
          const windows: Array<{ from: string; to: string; reportId?: string }> = [];
          let next: string;
          if (state.pending) {
            windows.push(state.pending);
            next = addDays(state.pending.to, 1);
          } else next = state.high ? maxDay(since, addDays(state.high, 1 - (options.avrLookbackDays ?? 3))) : since;
          windows.push(...dayWindows(next, today, options.avrWindowDays ?? 1));
          let high = state.high;
          for (const window of windows) {
            const previous: AvrState = { ...state, ...(high ? { high } : {}) };
            delete previous.pending;
            high = high ? maxDay(high, window.to) : window.to;
            yield avrWindowUnit({
              client,
              table: stream.table,
              type: stream.avrType,
              from: window.from,
              to: window.to,
              reportId: window.reportId,
              state: previous,
              high,
              now: context.now,
              configuredKey: options.avrKeys?.[stream.table],
              pollIntervalMs: options.avrPollIntervalMs,
              batchRows: 1_000,
            });
          }
        } else {
          const state = (states.get(APR_TABLE) ?? {}) as AprState;
          const end = new Date(context.now.getTime() - HOUR_MS);
          const size = (options.aprWindowHours ?? 24) * HOUR_MS;
          for (let from = state.high ? new Date(state.high) : new Date(`${since}T00:00:00Z`); from < end; ) {
            const to = new Date(Math.min(from.getTime() + size, end.getTime()));
            yield aprWindowUnit(client, from, to, options.aprPageSize ?? 200);
            from = to;
          }
        }
      }
    },
  };
}
