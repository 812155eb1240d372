import { describe, expect, it } from 'vitest';
import { LUSCII_REPORT_TYPES, type LusciiReportType } from '../src/index.js';
import { clientFor, useFake, useMockServer, wholePeriod } from './helpers/index.js';

const server = useMockServer();

/** The fields each report type turns into numbers; the flags it turns into booleans. Everything else arrives as it was sent. */
const NUMBERS: Record<LusciiReportType, string[]> = {
  patients: [
    'Grey_Alerts',
    'Orange_Alerts',
    'Red_Alerts',
    'Measurements_Alerts',
    'Combination_Alerts',
    'Remark_Alerts',
    'Overdues_Alerts',
    'Average_Alerts',
    'Total_Alerts',
  ],
  measurements: [],
  alerts: [],
  hcps: ['Processed_Alerts'],
  patientsMutations: ['Mutation_ID'],
  starRatings: ['Score'],
  plannedActions: [],
  patientsWorkflowHistory: ['Trigger_Count'],
  patientsProgramsHistory: [],
  patientsSettingsHistory: [],
  usersStatusChangeReasons: [],
};
const FLAGS: Partial<Record<LusciiReportType, string[]>> = { plannedActions: ['Self_Planned'] };

describe.each(LUSCII_REPORT_TYPES)('export(%s)', (reportType) => {
  it('drains every row over several pages, in order, with typed values', async () => {
    // 120 rows a type: three pages of 50, so paging is exercised for every report type.
    const api = useFake(server, { rows: { [reportType]: 120 } });
    const dates = wholePeriod(reportType, api);
    const expected = api.rowsFor(reportType, dates);
    const client = clientFor(api);

    const pages = [];
    for await (const page of client.export(reportType, dates).pages()) pages.push(page);
    const rows = pages.flatMap((page) => page.data as object[] as Record<string, unknown>[]);

    expect(expected).toHaveLength(120);
    expect(pages.map((page) => page.data.length)).toEqual([50, 50, 20]);
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, i) => {
      const wire = expected[i] as Record<string, unknown>;
      expect(Object.keys(row).sort()).toEqual(Object.keys(wire).sort());
      for (const [field, sent] of Object.entries(wire)) {
        if (NUMBERS[reportType].includes(field)) {
          expect(typeof row[field], field).toBe('number');
          expect(row[field], field).toBe(Number(sent));
        } else if (FLAGS[reportType]?.includes(field)) {
          expect(row[field], field).toBe(sent === 1);
        } else {
          expect(row[field], field).toBe(sent);
        }
      }
    });
  });
});
