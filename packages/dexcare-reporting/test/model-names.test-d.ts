/**
 * The model names follow one rule across the three clients (`<Vendor><Thing>Row`, registry
 * `<VENDOR>_ROW_MODELS`, fake `<Vendor>FakeApi`), and the names they replaced still compile as
 * the same types.
 */
import { describe, expectTypeOf, test } from 'vitest';
import type { OffsetPage, PagedIterable ,
  DEXCARE_ROW_MODELS} from '../src/index.js';
import {
  AvrReport,
  AvrReportStatus,
  DexCareAvrReport,
  DexCareAvrReportStatus,
  DexCareProviderHistoriesResultSet,
  DexCareProviderHistoryRow,
  DexCareReportingClient,
  ProviderHistoriesResultSet,
  ProviderHistory,
  type DexCareReportRows,
} from '../src/index.js';
import type { DexCareFakeApi, DexCareFakeRequest, DexCareMock, FakeRequest } from '../src/testing.js';

describe('DEXCARE_ROW_MODELS and DexCareReportRows', () => {
  test('have the same keys', () => {
    expectTypeOf<keyof typeof DEXCARE_ROW_MODELS>().toEqualTypeOf<keyof DexCareReportRows>();
  });

  test('providerHistories yields the registry row type', () => {
    const dex = new DexCareReportingClient({ baseUrl: 'https://dexcare.test', serviceKey: 'k' });
    expectTypeOf(dex.providerHistories({ startDate: '2024-05-01', endDate: '2024-05-02' })).toEqualTypeOf<
      PagedIterable<DexCareReportRows['providerHistories'], OffsetPage<DexCareReportRows['providerHistories']>>
    >();
  });
});

describe('the deprecated names are the renamed ones, as types and as values', () => {
  test('types', () => {
    expectTypeOf<ProviderHistory>().toEqualTypeOf<DexCareProviderHistoryRow>();
    expectTypeOf<AvrReport>().toEqualTypeOf<DexCareAvrReport>();
    expectTypeOf<AvrReportStatus>().toEqualTypeOf<DexCareAvrReportStatus>();
    expectTypeOf<ProviderHistoriesResultSet>().toEqualTypeOf<DexCareProviderHistoriesResultSet>();
    expectTypeOf<DexCareMock>().toEqualTypeOf<DexCareFakeApi>();
    expectTypeOf<FakeRequest>().toEqualTypeOf<DexCareFakeRequest>();
  });

  test('values (the zod models)', () => {
    expectTypeOf(ProviderHistory).toEqualTypeOf(DexCareProviderHistoryRow);
    expectTypeOf(AvrReport).toEqualTypeOf(DexCareAvrReport);
    expectTypeOf(AvrReportStatus).toEqualTypeOf(DexCareAvrReportStatus);
    expectTypeOf(ProviderHistoriesResultSet).toEqualTypeOf(DexCareProviderHistoriesResultSet);
  });
});
