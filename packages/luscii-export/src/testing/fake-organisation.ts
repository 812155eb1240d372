import { InvalidParamsError } from '@x/core';
import { calendarDate, checkRange } from '@x/core/internal';
import type { LusciiWireRows } from '../models/index.js';
import { isLusciiReportType, LUSCII_CREATION_DATE_FIELDS, type LusciiReportType } from '../report-types.js';
import {
  alertRow,
  measurementRow,
  patientMutationRow,
  plannedActionRow,
  programHistoryRow,
  settingHistoryRow,
  starRatingRow,
  userStatusChangeRow,
  workflowHistoryRow,
  type ActivityContext,
} from './fake-activity.js';
import { fakeHcp, fakePatient, hcpRow, patientRow } from './fake-people.js';
import { SeededRandom } from './random.js';

/** Options of {@link fakeLusciiOrganisation}. */
export interface FakeLusciiOrganisationOptions {
  /**
   * The seed of the fake data: the same options always give the same rows.
   * @default 1
   */
  seed?: number | undefined;
  /**
   * Rows per report type; the rest keep their defaults ({@link DEFAULT_FAKE_ROW_COUNTS}).
   * @example `{ measurements: 1_000, patients: 120 }`
   */
  rows?: Partial<Record<LusciiReportType, number>> | undefined;
  /**
   * The days (inclusive, `YYYY-MM-DD`) the rows' creation dates are spread over.
   * @default { from: '2024-05-01', to: '2024-06-30' }
   */
  period?: { from: string; to: string } | undefined;
}

/** Rows per report type when not told otherwise: a few hundred measurements, fewer of the rest. */
export const DEFAULT_FAKE_ROW_COUNTS: Readonly<Record<LusciiReportType, number>> = {
  patients: 40,
  measurements: 300,
  alerts: 60,
  hcps: 8,
  patientsMutations: 30,
  starRatings: 20,
  plannedActions: 80,
  patientsWorkflowHistory: 30,
  patientsProgramsHistory: 40,
  patientsSettingsHistory: 25,
  usersStatusChangeReasons: 12,
};

/** Each report type's rows in the wire form, in the order the API serves them. */
export type FakeLusciiRows = { [R in LusciiReportType]: LusciiWireRows[R][] };

/** A fake organisation: every report type's rows, as the Export API would send them. */
export interface FakeLusciiOrganisation {
  seed: number;
  period: { from: string; to: string };
  rows: FakeLusciiRows;
}

/** The fields the fake filters `startDate`/`endDate` on: {@link LUSCII_CREATION_DATE_FIELDS}. */
export const FAKE_CREATION_FIELDS = LUSCII_CREATION_DATE_FIELDS;

const DEFAULT_PERIOD = { from: '2024-05-01', to: '2024-06-30' };

/**
 * Builds a deterministic fake organisation: patients, professionals and their activity, with
 * obviously fake names, counts as numeric strings, `null`s where Luscii sends them, and
 * creation dates spread over `period`. Rows of dated reports are in creation order.
 *
 * @example
 * ```ts
 * const org = fakeLusciiOrganisation({ seed: 7, rows: { measurements: 120 } });
 * org.rows.measurements.length; // 120
 * ```
 */
export function fakeLusciiOrganisation(options: FakeLusciiOrganisationOptions = {}): FakeLusciiOrganisation {
  const seed = options.seed ?? 1;
  const period = checkPeriod(options.period ?? DEFAULT_PERIOD);
  const counts = rowCounts(options.rows);
  const patients = pool(counts.patients, 5, (random, number) => fakePatient(random, number), new SeededRandom(seed, 'patients'));
  const hcps = pool(counts.hcps, 3, (random) => fakeHcp(random), new SeededRandom(seed, 'hcps'));
  const build = <R extends LusciiReportType>(reportType: R, row: (context: ActivityContext, number: number) => LusciiWireRows[R]) => {
    const random = new SeededRandom(seed, reportType);
    return creationTimes(random, counts[reportType], period).map((created, i) =>
      row({ random, patient: random.pick(patients), hcp: random.pick(hcps), created }, i + 1),
    );
  };
  const patientRandom = new SeededRandom(seed, 'patients-rows');
  const hcpRandom = new SeededRandom(seed, 'hcps-rows');
  return {
    seed,
    period,
    rows: {
      patients: creationTimes(patientRandom, counts.patients, period).map((created, i) => patientRow(patientRandom, patients[i]!, i + 1, created)),
      measurements: build('measurements', measurementRow),
      alerts: build('alerts', alertRow),
      hcps: hcps.slice(0, counts.hcps).map((hcp, i) => hcpRow(hcpRandom, hcp, i + 1, hcpRandom.dateTime(period.from, period.to))),
      patientsMutations: build('patientsMutations', patientMutationRow),
      starRatings: build('starRatings', starRatingRow),
      plannedActions: build('plannedActions', plannedActionRow),
      patientsWorkflowHistory: build('patientsWorkflowHistory', workflowHistoryRow),
      patientsProgramsHistory: build('patientsProgramsHistory', programHistoryRow),
      patientsSettingsHistory: build('patientsSettingsHistory', settingHistoryRow),
      usersStatusChangeReasons: build('usersStatusChangeReasons', (context) => userStatusChangeRow(context, context.random.pick(hcps))),
    },
  };
}

function pool<T>(count: number, minimum: number, make: (random: SeededRandom, number: number) => T, random: SeededRandom): T[] {
  return Array.from({ length: Math.max(count, minimum) }, (_, i) => make(random, i + 1));
}

function creationTimes(random: SeededRandom, count: number, period: { from: string; to: string }): string[] {
  return Array.from({ length: count }, () => random.dateTime(period.from, period.to)).sort();
}

function rowCounts(rows: FakeLusciiOrganisationOptions['rows']): Record<LusciiReportType, number> {
  const counts = { ...DEFAULT_FAKE_ROW_COUNTS };
  for (const [reportType, count] of Object.entries(rows ?? {})) {
    if (!isLusciiReportType(reportType)) throw new InvalidParamsError(`rows: unknown report type "${reportType}"`, { param: 'rows' });
    if (!Number.isInteger(count) || count < 0) throw new InvalidParamsError(`rows.${reportType} must be a whole number, 0 or more`, { param: 'rows' });
    counts[reportType] = count;
  }
  return counts;
}

function checkPeriod(period: { from: string; to: string }): { from: string; to: string } {
  const from = calendarDate(period.from, 'period.from');
  const to = calendarDate(period.to, 'period.to');
  checkRange(from, to, ['period.from', 'period.to']);
  return { from, to };
}
