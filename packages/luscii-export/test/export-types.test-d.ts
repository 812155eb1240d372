import type * as z from 'zod';
import { describe, expectTypeOf, it } from 'vitest';
import type { KnownFields } from '@x/core';
import {
  LusciiClient,
  LusciiAlertRow,
  extraFields,
  type LUSCII_ROW_MODELS,
  type LusciiMeasurementRow,
  type LusciiPage,
  type LusciiPatientRow,
  type LusciiPlannedActionRow,
  type LusciiRawRow,
  type LusciiReportRows,
  type LusciiReportType,
  type PagedIterable,
  type ResponseMeta,
} from '../src/index.js';

const client = new LusciiClient({ apiKey: 'key' });
const range = { startDate: '2024-05-01', endDate: '2024-05-31' };

describe('date rules in the types', () => {
  it('requires both dates for measurements and alerts', () => {
    // @ts-expect-error measurements needs startDate and endDate
    client.export('measurements');
    // @ts-expect-error alerts needs startDate and endDate
    client.export('alerts', {});
    // @ts-expect-error endDate is missing
    client.export('measurements', { startDate: '2024-05-01' });
    // @ts-expect-error a cursor does not replace the dates
    client.export('alerts', { cursor: 'eyJ' });
    client.export('measurements', range);
    client.export('alerts', { startDate: new Date(), endDate: new Date(), cursor: 'eyJ', signal: AbortSignal.timeout(1_000) });
  });

  it('refuses dates for patients, hcps, patientsMutations and starRatings', () => {
    // @ts-expect-error patients takes no dates
    client.export('patients', { startDate: '2024-05-01' });
    // @ts-expect-error hcps takes no dates
    client.export('hcps', { endDate: '2024-05-31' });
    // @ts-expect-error patientsMutations takes no dates
    client.export('patientsMutations', range);
    // @ts-expect-error starRatings takes no dates, whatever the document's example sends
    client.export('starRatings', range);
    client.export('patients');
    client.export('hcps', { cursor: 'eyJ' });
  });

  it('takes either date, both or neither for the other five', () => {
    client.export('plannedActions');
    client.export('patientsWorkflowHistory', { startDate: '2024-05-01' });
    client.export('patientsProgramsHistory', { endDate: new Date() });
    client.export('patientsSettingsHistory', range);
    client.export('usersStatusChangeReasons', { startDate: undefined });
  });

  it('refuses unknown report types and unknown parameters', () => {
    // @ts-expect-error not a report type
    client.export('visits');
    // @ts-expect-error a misspelt parameter
    client.export('plannedActions', { start_date: '2024-05-01' });
    // @ts-expect-error a date is a string or a Date
    client.export('alerts', { startDate: 20240501, endDate: '2024-05-31' });
  });
});

describe('row types', () => {
  it('yields the report type’s row without an annotation', () => {
    expectTypeOf(client.export('alerts', range)).toEqualTypeOf<PagedIterable<LusciiAlertRow, LusciiPage<LusciiAlertRow>>>();
    expectTypeOf(client.export('measurements', range)).toEqualTypeOf<PagedIterable<LusciiMeasurementRow, LusciiPage<LusciiMeasurementRow>>>();
    expectTypeOf(client.export('patients').toArray()).resolves.toEqualTypeOf<LusciiPatientRow[]>();
    expectTypeOf(client.export('plannedActions').pages()).toEqualTypeOf<AsyncGenerator<LusciiPage<LusciiPlannedActionRow>, void, undefined>>();
  });

  it('types the converted values', async () => {
    expectTypeOf<LusciiPatientRow['Grey_Alerts']>().toEqualTypeOf<number>();
    expectTypeOf<LusciiPatientRow['Total_Alerts']>().toEqualTypeOf<number>();
    expectTypeOf<LusciiPatientRow['Patient_Number']>().toEqualTypeOf<string | null>();
    expectTypeOf<LusciiPatientRow['BSN']>().toEqualTypeOf<string | null>();
    expectTypeOf<LusciiPatientRow['Date_Of_Birth']>().toEqualTypeOf<string | null>();
    expectTypeOf<LusciiPatientRow['Created_Date']>().toEqualTypeOf<string>();
    expectTypeOf<LusciiMeasurementRow['Measurement_Value']>().toEqualTypeOf<string>();
    expectTypeOf<LusciiPlannedActionRow['Self_Planned']>().toEqualTypeOf<boolean>();
    // Known values are offered, and a value Luscii adds later is still a string.
    expectTypeOf<'red'>().toExtend<LusciiAlertRow['Alert_Flag']>();
    expectTypeOf<string>().toExtend<LusciiAlertRow['Alert_Flag']>();
    // Fields Luscii adds later pass through, reachable through extraFields only.
    const alert = await client.export('alerts', range).toArray();
    expectTypeOf(extraFields(alert[0]!, LusciiAlertRow).Added_Later).toEqualTypeOf<unknown>();
  });

  it('maps every report type to its row', () => {
    expectTypeOf<keyof LusciiReportRows>().toEqualTypeOf<LusciiReportType>();
    expectTypeOf<LusciiReportRows['alerts']>().toEqualTypeOf<LusciiAlertRow>();
  });

  it('yields untyped rows with raw: true', () => {
    expectTypeOf(client.export('measurements', { ...range, raw: true })).toEqualTypeOf<
      PagedIterable<LusciiRawRow<'measurements'>, LusciiPage<LusciiRawRow<'measurements'>>>
    >();
    expectTypeOf(client.export('patients', { raw: true })).toEqualTypeOf<PagedIterable<LusciiRawRow<'patients'>, LusciiPage<LusciiRawRow<'patients'>>>>();
    expectTypeOf<LusciiRawRow<'patients'>['Grey_Alerts']>().toEqualTypeOf<unknown>();
    // @ts-expect-error raw rows are not checked, so there is nothing to report
    client.export('patients', { raw: true, onInvalidRow: () => undefined });
    // @ts-expect-error raw mode keeps the date rules
    client.export('alerts', { raw: true });
  });

  it('does not compile a misspelt field, typed or raw', async () => {
    for await (const m of client.export('measurements', range)) {
      // @ts-expect-error misspelt: the field is Measurement_Value
      void m.Measurement_Valeu;
      // @ts-expect-error misspelt: the field is Patient_UUID
      void m.patient_uuid;
    }
    for await (const m of client.export('measurements', { ...range, raw: true })) {
      // @ts-expect-error misspelt in raw mode too
      void m.Measurement_Valeu;
      void m.Measurement_Value;
    }
  });

  it('each generated row interface is its model output, known fields only (else run `pnpm run docs`)', () => {
    type FromModels = { [R in LusciiReportType]: KnownFields<z.output<(typeof LUSCII_ROW_MODELS)[R]>> };
    expectTypeOf<FromModels>().toEqualTypeOf<LusciiReportRows>();
  });

  it('names each row type, so a hover shows LusciiMeasurementRow', () => {
    expectTypeOf<LusciiReportRows['measurements']>().toEqualTypeOf<LusciiMeasurementRow>();
  });

  it('keeps the page fields', () => {
    expectTypeOf<LusciiPage<LusciiAlertRow>>().toEqualTypeOf<{
      data: LusciiAlertRow[];
      nextCursor: string | null;
      prevCursor: string | null;
      perPage: number | undefined;
      readonly response: ResponseMeta;
    }>();
  });
});
