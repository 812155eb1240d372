import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { ApiError, DataValidationError, InvalidParamsError, ReportStartUnconfirmedError, type AvrReportParams } from '../src/index.js';
import { DEXCARE_ERROR_BODIES, FAKE_BASE_URL } from '../src/testing.js';
import { caught, fakeDexCare, useMockServer } from './helpers/index.js';

const server = useMockServer();
const START_URL = `${FAKE_BASE_URL}/api/8/reporting/allvisitsreport`;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Answers the start endpoint with `answer` (`undefined` falls through to the fake), counting the posts. */
function answerStarts(answer: (count: number) => Response | undefined) {
  const posts = { count: 0 };
  server.use(http.post(START_URL, () => answer(++posts.count)));
  return posts;
}

describe('startAvrReport', () => {
  test('posts the type alone when no dates are given (DexCare then reports the past 10 days)', async () => {
    const { dex, mock } = fakeDexCare(server);
    const { id } = await dex.startAvrReport({ type: 'virtual' });
    expect(id).toMatch(GUID);
    expect(mock.requests).toEqual([{ method: 'POST', path: '/api/8/reporting/allvisitsreport', body: { type: 'virtual' } }]);
    expect(mock.reports.get(id)?.type).toBe('virtual');
  });

  test.each(['virtual', 'retail', 'provider_booking'] as const)('accepts the type %s', async (type) => {
    const { dex, mock } = fakeDexCare(server);
    const { id } = await dex.startAvrReport({ type });
    expect(mock.reports.get(id)?.type).toBe(type);
  });

  test('sends dates as ISO 8601 strings in UTC, from strings with offsets, plain dates or Dates', async () => {
    const { dex, mock } = fakeDexCare(server);
    await dex.startAvrReport({ type: 'retail', startDate: '2022-04-13T15:00:00+0000', endDate: new Date('2022-04-14T17:30:00+02:00') });
    await dex.startAvrReport({ type: 'retail', startDate: '2022-04-13', endDate: '2022-04-14' });
    expect(mock.requests.map((request) => request.body)).toEqual([
      { type: 'retail', startDate: '2022-04-13T15:00:00.000Z', endDate: '2022-04-14T15:30:00.000Z' },
      { type: 'retail', startDate: '2022-04-13T00:00:00.000Z', endDate: '2022-04-14T00:00:00.000Z' },
    ]);
  });

  test.each([
    ['a type outside the three', { type: 'inpatient' }, 'type'],
    ['no type', {}, 'type'],
    ['a start without an end', { type: 'virtual', startDate: '2024-05-01' }, 'endDate'],
    ['an end without a start', { type: 'virtual', endDate: '2024-05-01' }, 'startDate'],
    ['a start after the end', { type: 'virtual', startDate: '2024-05-02', endDate: '2024-05-01' }, 'startDate'],
    ['a date-time without an offset', { type: 'virtual', startDate: '2024-05-01T10:00:00', endDate: '2024-05-02' }, 'startDate'],
    ['an impossible date', { type: 'virtual', startDate: '2024-02-30', endDate: '2024-03-02' }, 'startDate'],
    ['an invalid Date', { type: 'virtual', startDate: new Date('nope'), endDate: new Date() }, 'startDate'],
    ['a misspelt parameter', { type: 'virtual', start_date: '2024-05-01' }, 'start_date'],
  ])('refuses %s before any request', async (_, params, param) => {
    const { dex, mock } = fakeDexCare(server);
    const error = await caught(dex.startAvrReport(params as AvrReportParams));
    expect(error).toBeInstanceOf(InvalidParamsError);
    expect((error as InvalidParamsError).param).toBe(param);
    expect(mock.requests).toHaveLength(0);
  });

  test('a 400 keeps DexCare’s message and is not retried', async () => {
    const { dex } = fakeDexCare(server);
    const posts = answerStarts(() => HttpResponse.json(DEXCARE_ERROR_BODIES.typeRequired, { status: 400 }));
    const error = await caught(dex.startAvrReport({ type: 'virtual' }));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).body).toEqual({ error: "'type' is required" });
    expect((error).message).toContain("'type' is required");
    expect(posts.count).toBe(1);
  });

  test('an answer without a GUID id: not confirmed, with the DataValidationError as its cause', async () => {
    const { dex } = fakeDexCare(server);
    server.use(http.post(START_URL, () => HttpResponse.json({ id: 'not-a-guid' })));
    const error = await caught(dex.startAvrReport({ type: 'virtual' }));
    expect(error).toBeInstanceOf(ReportStartUnconfirmedError);
    const cause = (error).cause;
    expect(cause).toBeInstanceOf(DataValidationError);
    expect((cause as DataValidationError).field).toBe('id');
    expect((error).message).not.toContain('not-a-guid');
    expect((cause as Error).message).not.toContain('not-a-guid');
  });

  test('maxRetries below 0 is refused before any request', async () => {
    const { dex, mock } = fakeDexCare(server);
    expect(await caught(dex.startAvrReport({ type: 'virtual' }, { maxRetries: -1 }))).toBeInstanceOf(InvalidParamsError);
    expect(mock.requests).toHaveLength(0);
  });

  test('an aborted signal rejects with its reason and sends nothing', async () => {
    const { dex, mock } = fakeDexCare(server);
    const reason = new Error('stop');
    expect(await caught(dex.startAvrReport({ type: 'virtual' }, { signal: AbortSignal.abort(reason) }))).toBe(reason);
    expect(mock.requests).toHaveLength(0);
  });
});
