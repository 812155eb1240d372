import { z } from 'zod';
import { describe, expectTypeOf, test } from 'vitest';
import type {
  AvrReportStatus} from '../src/index.js';
import {
  type DexCareReportingClient,
  type RowIterable,
  values,
  type AvrReportParams,
  type AvrReport,
  type KnownFields,
  type AvrStatus,
  type OffsetPage,
  type PagedIterable,
  type ProviderHistoriesParams,
  ProviderHistory,
  extraFields,
  type WithResponse,
} from '../src/index.js';

declare const dex: DexCareReportingClient;
const id = '3b690e39-4659-40f9-9909-58b27c0a4383';
const Visit = z.looseObject({ visit_id: values.string(), created_at: values.timestamp(), minutes: values.integer().nullable() });

describe('startAvrReport', () => {
  test('takes a type and both dates or neither', () => {
    expectTypeOf<{ type: 'virtual' }>().toExtend<AvrReportParams>();
    expectTypeOf<{ type: 'provider_booking'; startDate: string; endDate: Date }>().toExtend<AvrReportParams>();
    expectTypeOf<{ type: 'retail'; startDate: string }>().not.toExtend<AvrReportParams>();
    expectTypeOf<{ type: 'retail'; endDate: Date }>().not.toExtend<AvrReportParams>();
    expectTypeOf<{ type: 'inpatient' }>().not.toExtend<AvrReportParams>();
    // @ts-expect-error one date alone does not compile
    void dex.startAvrReport({ type: 'virtual', startDate: '2024-05-01' });
    expectTypeOf(dex.startAvrReport({ type: 'virtual' })).resolves.toHaveProperty('id').toEqualTypeOf<string>();
  });
});

describe('statuses', () => {
  test('the known statuses are typed and an unknown one still fits', () => {
    expectTypeOf<AvrReportStatus['status']>().toEqualTypeOf<AvrStatus>();
    expectTypeOf<'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED'>().toExtend<AvrStatus>();
    expectTypeOf<'ARCHIVED'>().toExtend<AvrStatus>();
    expectTypeOf(dex.waitForAvrReport(id)).resolves.toEqualTypeOf<WithResponse<AvrReportStatus>>();
    void dex.waitForAvrReport(id, { onStatus: (status) => expectTypeOf(status).toEqualTypeOf<AvrReportStatus>() });
  });
});

describe('getAvrResultRows and runAvrReport', () => {
  test('without a schema, rows are records of strings', () => {
    expectTypeOf(dex.getAvrResultRows(id)).toEqualTypeOf<RowIterable<Record<string, string>>>();
    expectTypeOf(dex.runAvrReport({ type: 'virtual' })).toEqualTypeOf<RowIterable<Record<string, string>>>();
  });

  test('with a schema, rows have its output type, known columns only', () => {
    type Row = { visit_id: string; created_at: Date; minutes: number | null };
    expectTypeOf(dex.getAvrResultRows(id, { schema: Visit })).toEqualTypeOf<RowIterable<Row>>();
    expectTypeOf(dex.runAvrReport({ type: 'virtual' }, { schema: Visit, onStarted: () => {} })).toEqualTypeOf<RowIterable<Row>>();
    expectTypeOf<Row['created_at']>().toEqualTypeOf<Date>();
    expectTypeOf<Row['minutes']>().toEqualTypeOf<number | null>();
  });

  test('a misspelt column of a schema row does not compile; extraFields reads the others', async () => {
    for await (const row of dex.getAvrResultRows(id, { schema: Visit })) {
      // @ts-expect-error misspelt: the schema names `visit_id`
      void row.visitid;
      expectTypeOf(extraFields(row, Visit).patient_email).toEqualTypeOf<unknown>();
    }
  });

  test("a schema from another copy of zod types rows by its shape (zod's Standard Schema types)", () => {
    // What a user's own zod 4 schema looks like to the SDK's types: no class of the SDK's copy.
    interface OtherZodObject {
      shape: { visit_id: unknown; seen_at: unknown };
      safeParse(value: unknown): { success: boolean };
      '~standard': { types?: { input: unknown; output: { visit_id: string; seen_at: Date; [k: string]: unknown } } };
    }
    const OtherVisit = {} as OtherZodObject;
    expectTypeOf(dex.getAvrResultRows(id, { schema: OtherVisit })).toEqualTypeOf<RowIterable<{ visit_id: string; seen_at: Date }>>();
  });

  test('raw: true gives strings even with a schema', () => {
    expectTypeOf(dex.getAvrResultRows(id, { schema: Visit, raw: true })).toEqualTypeOf<RowIterable<Record<string, string>>>();
  });
});

describe('providerHistories', () => {
  test('needs both dates, and types the twelve filters', () => {
    expectTypeOf(dex.providerHistories({ startDate: '2023-11-06', endDate: '2023-11-08' })).toEqualTypeOf<
      PagedIterable<ProviderHistory, OffsetPage<ProviderHistory>>
    >();
    expectTypeOf<{ startDate: string }>().not.toExtend<ProviderHistoriesParams>();
    expectTypeOf<{ endDate: string }>().not.toExtend<ProviderHistoriesParams>();
    expectTypeOf<ProviderHistoriesParams>().toHaveProperty('providerCredentials').toEqualTypeOf<string | undefined>();
    expectTypeOf<keyof ProviderHistoriesParams>().toEqualTypeOf<
      | 'startDate'
      | 'endDate'
      | 'pageSize'
      | 'concurrency'
      | 'offset'
      | 'signal'
      | 'timeoutMs'
      | 'maxRetries'
      | 'headers'
      | 'action'
      | 'visitId'
      | 'providerId'
      | 'providerEmailAddress'
      | 'providerName'
      | 'providerFirstName'
      | 'providerLastName'
      | 'providerCredentials'
      | 'actorId'
      | 'actorEmail'
      | 'actorFirstName'
      | 'actorLastName'
    >();
    // @ts-expect-error a misspelt filter does not compile
    dex.providerHistories({ startDate: '2023-11-06', endDate: '2023-11-08', providerEmail: 'x' });
    // @ts-expect-error filters are text
    dex.providerHistories({ startDate: '2023-11-06', endDate: '2023-11-08', visitId: 42 });
  });

  test('each generated interface is its model output, known fields only (else run `pnpm run docs`)', () => {
    expectTypeOf<KnownFields<z.output<typeof ProviderHistory>>>().toEqualTypeOf<ProviderHistory>();
    expectTypeOf<KnownFields<z.output<typeof AvrReport>>>().toEqualTypeOf<AvrReport>();
    expectTypeOf<KnownFields<z.output<typeof AvrReportStatus>>>().toEqualTypeOf<AvrReportStatus>();
  });

  test('records have id and the named fields typed, and other fields only through extraFields', () => {
    expectTypeOf<ProviderHistory['id']>().toEqualTypeOf<string>();
    expectTypeOf<ProviderHistory['providerName']>().toEqualTypeOf<string | null | undefined>();
    const record = {} as ProviderHistory;
    // @ts-expect-error a misspelt field does not compile (the document's own `providerCredential`)
    void record.providerCredential;
    expectTypeOf(extraFields(record, ProviderHistory).somethingNew).toEqualTypeOf<unknown>();
  });
});
