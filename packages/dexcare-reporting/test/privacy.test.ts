/**
 * Across every way a call can fail, nothing a user logs shows the key or a patient value:
 * message, stack, cause chain, JSON, and `util.inspect` as `console.log(error)` prints it.
 */
import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { z } from 'zod';
import { describe, expect, test } from 'vitest';
import { DexCareReportingClient, SdkError, values } from '../src/index.js';
import { FAKE_BASE_URL } from '../src/testing.js';
import { caught, collect, everythingPrinted, fakeDexCare, SECRET_KEY, succeededReport, useMockServer } from './helpers/index.js';

const server = useMockServer();
const PATIENT_COLUMNS = ['patient_first_name', 'patient_last_name', 'patient_email', 'reason_for_visit'] as const;
const RANGE = { startDate: '2023-11-06', endDate: '2023-11-09' };

type Scenario = [string, () => Promise<{ error: unknown; patientValues: string[] }>];

async function failingRows(options: Parameters<typeof succeededReport>[1], rowOptions: Parameters<DexCareReportingClient['getAvrResultRows']>[1] = {}) {
  const { dex, mock, id } = await succeededReport(server, options, { maxRetries: 0, timeoutMs: 200 });
  const error = await caught(collect(dex.getAvrResultRows(id, rowOptions)));
  return { error, patientValues: mock.visits.flatMap((visit) => PATIENT_COLUMNS.map((column) => visit[column])) };
}

const scenarios: Scenario[] = [
  ['a wrong key (403)', async () => {
    const { mock } = fakeDexCare(server);
    const dex = new DexCareReportingClient({ baseUrl: mock.baseUrl, serviceKey: `${SECRET_KEY}x` });
    return { error: await caught(dex.startAvrReport({ type: 'virtual' })), patientValues: [] };
  }],
  ['a 500 after the retries', async () => {
    const { dex } = fakeDexCare(server, {}, { maxRetries: 1 });
    server.use(http.post(`${FAKE_BASE_URL}/api/8/reporting/allvisitsreport`, () => HttpResponse.json({ error: 'Unknown error' }, { status: 500 })));
    return { error: await caught(dex.startAvrReport({ type: 'virtual' })), patientValues: [] };
  }],
  ['a dropped connection', async () => {
    const { dex } = fakeDexCare(server, {}, { maxRetries: 0 });
    server.use(http.post(`${FAKE_BASE_URL}/v1/reporting/providerhistories`, () => HttpResponse.error()));
    return { error: await caught(dex.providerHistories(RANGE).toArray()), patientValues: [] };
  }],
  ['data asked for too early', async () => {
    const { dex } = fakeDexCare(server);
    const { id } = await dex.startAvrReport({ type: 'virtual' });
    return { error: await caught(dex.getAvrResultCsv(id)), patientValues: [] };
  }],
  ['a download cut off', () => failingRows({ avr: { interruptDownload: { afterRows: 5 } } })],
  ['a download closed short', () => failingRows({ avr: { interruptDownload: { afterRows: 5, how: 'close' } } })],
  ['a download stalled', () => failingRows({ avr: { interruptDownload: { afterRows: 5, how: 'stall' } } })],
  ['a download cut inside a quoted cell', () => failingRows({ avr: { interruptDownload: { afterBytes: 700, how: 'close' } } })],
  ['a cell that breaks the schema', () => failingRows({}, { schema: z.looseObject({ patient_email: values.number() }) })],
  ['a record over maxRecordSize', () => failingRows({}, { maxRecordSize: 40 })],
  ['a missing column', () => failingRows({}, { schema: z.looseObject({ patient_dob: values.date() }) })],
  ['a provider history record that breaks the model', async () => {
    const { dex } = fakeDexCare(server);
    const record = { providerName: 'Jenny Generic', providerEmailAddress: 'jenny.generic@example.invalid' };
    server.use(http.post(`${FAKE_BASE_URL}/v1/reporting/providerhistories`, () => HttpResponse.json({ count: 1, data: [record] })));
    return { error: await caught(dex.providerHistories(RANGE).toArray()), patientValues: Object.values(record) };
  }],
  ['a misspelt filter', async () => {
    const { dex } = fakeDexCare(server);
    const value = 'jenny.generic@example.invalid';
    let error: unknown;
    try {
      dex.providerHistories({ ...RANGE, providerEmail: value } as never);
    } catch (thrown) {
      error = thrown;
    }
    return { error, patientValues: [value] };
  }],
];

describe('no key and no patient value in any error', () => {
  test.each(scenarios)('%s', async (_, run) => {
    const { error, patientValues } = await run();
    expect(error).toBeInstanceOf(SdkError);
    const printed = `${everythingPrinted(error)}\n${inspect(error, { depth: 10 })}`;
    expect(printed).not.toContain(SECRET_KEY);
    for (const value of new Set(patientValues)) {
      for (const part of value.split(/[\r\n]+/)) expect(printed).not.toContain(part);
    }
  });
});
