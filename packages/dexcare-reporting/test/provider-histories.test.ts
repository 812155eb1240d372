import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import {
  ApiError,
  AuthenticationError,
  DataValidationError,
  InvalidParamsError,
  type OffsetPage,
  type ProviderHistoriesParams,
  ProviderHistory,
  extraFields,
} from '../src/index.js';
import { DEXCARE_ERROR_BODIES, FAKE_BASE_URL, fakeProviderHistories } from '../src/testing.js';
import { caught, everythingPrinted, fakeDexCare, useMockServer } from './helpers/index.js';

const server = useMockServer();
const SEARCH_URL = `${FAKE_BASE_URL}/v1/reporting/providerhistories`;
const ALL_OF_IT = { startDate: '2023-11-01T00:00:00Z', endDate: '2023-12-31T00:00:00Z' };

async function pagesOf(iterable: AsyncIterable<unknown> & { pages(): AsyncIterable<OffsetPage<ProviderHistory>> }) {
  const pages: OffsetPage<ProviderHistory>[] = [];
  for await (const page of iterable.pages()) pages.push(page);
  return pages;
}

describe('providerHistories', () => {
  test('posts the dates as ISO strings with limit, offset and the filters', async () => {
    const { dex, mock } = fakeDexCare(server);
    await dex.providerHistories({ startDate: '2023-11-06', endDate: new Date('2023-11-08T23:59:00Z'), action: 'assigned', providerCredentials: 'MD' }).toArray();
    expect(mock.requests[0]).toEqual({
      method: 'POST',
      path: '/v1/reporting/providerhistories',
      body: { startDate: '2023-11-06T00:00:00.000Z', endDate: '2023-11-08T23:59:00.000Z', limit: 50, offset: 0, action: 'assigned', providerCredentials: 'MD' },
    });
  });

  test('every record comes once, in order, with at most `concurrency` searches in flight', async () => {
    const { dex, mock } = fakeDexCare(server, { apr: { records: 230, latencyMs: 5 } });
    const records = await dex.providerHistories({ ...ALL_OF_IT, pageSize: 20, concurrency: 3 }).toArray();
    expect(records.map((record) => record.id)).toEqual(mock.providerHistories.map((record) => record.id));
    expect(mock.aprLoad.maxInFlight).toBeLessThanOrEqual(3);
    expect(mock.aprLoad.maxInFlight).toBeGreaterThan(1);
    const offsets = mock.requests.map((request) => (request.body as { offset: number }).offset);
    expect([...offsets].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i * 20));
  });

  test('pages carry data, offset and the total count', async () => {
    const { dex } = fakeDexCare(server, { apr: { records: 120 } });
    const pages = await pagesOf(dex.providerHistories(ALL_OF_IT));
    expect(pages.map(({ offset, count, data }) => [offset, count, data.length])).toEqual([
      [0, 120, 50],
      [50, 120, 50],
      [100, 120, 20],
    ]);
  });

  test('follows a server that caps the limit below pageSize, and still gets every record once', async () => {
    const { dex, mock } = fakeDexCare(server, { apr: { records: 95, maxLimit: 30 } });
    const records = await dex.providerHistories({ ...ALL_OF_IT, pageSize: 100 }).toArray();
    expect(records.map((record) => record.id)).toEqual(mock.providerHistories.map((record) => record.id));
    expect(mock.requests.map((request) => (request.body as { limit: number }).limit)).toEqual([100, 30, 30, 30]);
  });

  test('resumes from an offset', async () => {
    const { dex, mock } = fakeDexCare(server, { apr: { records: 60 } });
    const records = await dex.providerHistories({ ...ALL_OF_IT, offset: 50 }).toArray();
    expect(records.map((record) => record.id)).toEqual(mock.providerHistories.slice(50).map((record) => record.id));
  });

  test('filters match case-insensitively, providerCredentials by containment, combined with AND', async () => {
    const { dex, mock } = fakeDexCare(server);
    const md = await dex.providerHistories({ ...ALL_OF_IT, providerCredentials: 'MD' }).toArray();
    expect(new Set(md.map((record) => record.providerCredentials))).toEqual(new Set(['MD', 'MD DO', 'md']));
    const generic = await dex.providerHistories({ ...ALL_OF_IT, providerLastName: 'GENERIC', action: 'Assigned' }).toArray();
    expect(generic.length).toBeGreaterThan(0);
    expect(generic.every((record) => record.providerLastName === 'Generic' && record.action === 'assigned')).toBe(true);
    const expected = mock.providerHistories.filter((record) => record.providerLastName === 'Generic' && record.action === 'assigned');
    expect(generic.map((record) => record.id)).toEqual(expected.map((record) => record.id));
  });

  test('records keep the fields the SDK does not model', async () => {
    const { dex } = fakeDexCare(server, { apr: { records: 2 } });
    const [first] = await dex.providerHistories(ALL_OF_IT).toArray();
    expect(first).toEqual(fakeProviderHistories(1)[0]);
    expect(typeof extraFields(first!, ProviderHistory).createdAt).toBe('string');
  });

  test('a failed search is retried (it only reads), and no record is lost or repeated', async () => {
    const { dex, mock } = fakeDexCare(server, { apr: { records: 150 } });
    let failures = 0;
    server.use(
      http.post(SEARCH_URL, async ({ request }) => {
        const { offset } = (await request.clone().json()) as { offset: number };
        if (offset === 50 && failures < 2) {
          failures += 1;
          return failures === 1 ? HttpResponse.error() : HttpResponse.json(DEXCARE_ERROR_BODIES.unknownError, { status: 503 });
        }
        return undefined;
      }),
    );
    const records = await dex.providerHistories(ALL_OF_IT).toArray();
    expect(failures).toBe(2);
    expect(records.map((record) => record.id)).toEqual(mock.providerHistories.map((record) => record.id));
  });

  test.each([
    ['no startDate', { endDate: '2023-11-08' }, 'startDate'],
    ['no endDate', { startDate: '2023-11-06' }, 'endDate'],
    ['a start after the end', { startDate: '2023-11-09', endDate: '2023-11-08' }, 'startDate'],
    ['an unreadable date', { startDate: 'last week', endDate: '2023-11-08' }, 'startDate'],
    ['a misspelt filter', { ...ALL_OF_IT, providerEmail: 'doctor@dexcarehealth.com' }, 'providerEmail'],
    ['an empty filter', { ...ALL_OF_IT, providerCredentials: ' ' }, 'providerCredentials'],
    ['a filter that is not a string', { ...ALL_OF_IT, visitId: 42 }, 'visitId'],
    ['pageSize 0', { ...ALL_OF_IT, pageSize: 0 }, 'pageSize'],
    ['a fractional concurrency', { ...ALL_OF_IT, concurrency: 1.5 }, 'concurrency'],
    ['a negative offset', { ...ALL_OF_IT, offset: -50 }, 'offset'],
  ])('refuses %s at the call, before any request', (_, params, param) => {
    const { dex, mock } = fakeDexCare(server);
    let error: unknown;
    try {
      dex.providerHistories(params as unknown as ProviderHistoriesParams);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(InvalidParamsError);
    expect((error as InvalidParamsError).param).toBe(param);
    expect(everythingPrinted(error)).not.toContain('doctor@dexcarehealth.com');
    expect(mock.requests).toHaveLength(0);
  });

  test('a 400 keeps DexCare’s message; a 403 is an AuthenticationError', async () => {
    const { dex } = fakeDexCare(server);
    server.use(http.post(SEARCH_URL, () => HttpResponse.json({ error: "'startDate' is required" }, { status: 400 }), { once: true }));
    const error = await caught(dex.providerHistories(ALL_OF_IT).toArray());
    expect(error).toBeInstanceOf(ApiError);
    expect((error).message).toContain("'startDate' is required");
    server.use(http.post(SEARCH_URL, () => HttpResponse.json(DEXCARE_ERROR_BODIES.badServiceToken, { status: 403 })));
    expect(await caught(dex.providerHistories(ALL_OF_IT).toArray())).toBeInstanceOf(AuthenticationError);
  });

  test.each([
    ['no count', { data: [] }, 'count', undefined],
    ['a count that is not a number', { count: 'many', data: [] }, 'count', undefined],
    ['data that is not a list', { count: 1, data: { id: 'x' } }, 'data', undefined],
    ['a record without an id', { count: 2, data: [{ id: 'r1' }, { providerName: 'Jenny Generic' }] }, 'id', 1],
    ['a named field of the wrong type', { count: 1, data: [{ id: 'r1', providerEmailAddress: 42 }] }, 'providerEmailAddress', 0],
  ])('a response with %s is a DataValidationError naming page and field, never the value', async (_, body, field, index) => {
    const { dex } = fakeDexCare(server);
    server.use(http.post(SEARCH_URL, () => HttpResponse.json(body)));
    const error = await caught(dex.providerHistories(ALL_OF_IT).toArray());
    expect(error).toBeInstanceOf(DataValidationError);
    expect(error).toMatchObject({ source: 'providerhistories', page: 1, field, index });
    expect((error).message).not.toContain('Jenny');
  });

  test('a numeric-string count is read as a number', async () => {
    const { dex } = fakeDexCare(server);
    server.use(http.post(SEARCH_URL, () => HttpResponse.json({ count: '1', data: [{ id: 'r1' }] })));
    expect(await dex.providerHistories(ALL_OF_IT).toArray()).toEqual([{ id: 'r1' }]);
  });
});
