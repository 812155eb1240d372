import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { ApiError, DataValidationError, InvalidParamsError, NotFoundError } from '../src/index.js';
import { FAKE_BASE_URL, statusBadRequest } from '../src/testing.js';
import { caught, fakeDexCare, useMockServer } from './helpers/index.js';

const server = useMockServer();
const UNKNOWN_ID = '3b690e39-4659-40f9-9909-58b27c0a4383';
const STATUS_URL = `${FAKE_BASE_URL}/api/8/reporting/allvisitsreport/:id`;

describe('getAvrReportStatus', () => {
  test('returns each status of the report in turn', async () => {
    const { dex } = fakeDexCare(server);
    const { id } = await dex.startAvrReport({ type: 'virtual' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await dex.getAvrReportStatus(id)).status);
    expect(statuses).toEqual(['QUEUED', 'RUNNING', 'SUCCEEDED', 'SUCCEEDED']);
  });

  test('passes a status DexCare adds later through', async () => {
    const { dex } = fakeDexCare(server, { avr: { lifecycle: ['ARCHIVED'] } });
    const { id } = await dex.startAvrReport({ type: 'virtual' });
    expect(await dex.getAvrReportStatus(id)).toEqual({ status: 'ARCHIVED' });
  });

  test.each(['', 'abc', `${UNKNOWN_ID}/data`, `../${UNKNOWN_ID}`, `${UNKNOWN_ID}?x=1`])('refuses the id %j before sending', async (id) => {
    const { dex, mock } = fakeDexCare(server);
    const error = await caught(dex.getAvrReportStatus(id));
    expect(error).toBeInstanceOf(InvalidParamsError);
    expect((error as InvalidParamsError).param).toBe('id');
    expect(mock.requests).toHaveLength(0);
  });

  test('an unknown report is a NotFoundError with DexCare’s message', async () => {
    const { dex } = fakeDexCare(server);
    const error = await caught(dex.getAvrReportStatus(UNKNOWN_ID));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error).message).toContain('QueryExecution Not Found');
  });

  test('a 400 reads DexCare’s `msg` field', async () => {
    const { dex } = fakeDexCare(server);
    server.use(http.get(STATUS_URL, ({ params }) => HttpResponse.json(statusBadRequest(String(params.id)), { status: 400 })));
    const error = await caught(dex.getAvrReportStatus(UNKNOWN_ID));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error).message).toContain('getAvrQueryStatus bad request');
  });

  test('an answer without a status is a DataValidationError', async () => {
    const { dex } = fakeDexCare(server);
    server.use(http.get(STATUS_URL, () => HttpResponse.json({ state: 'SUCCEEDED' })));
    const error = await caught(dex.getAvrReportStatus(UNKNOWN_ID));
    expect(error).toBeInstanceOf(DataValidationError);
    expect((error as DataValidationError).field).toBe('status');
  });
});
