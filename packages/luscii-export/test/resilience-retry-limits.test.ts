/**
 * How far retries go, over a real socket: a run of retryable failures as long as `maxRetries`
 * still delivers every row exactly once; one failure more is a typed error after exactly
 * `maxRetries + 1` attempts, with the pages before it whole and nothing of the failed page.
 * Statuses that will not change are not retried at all.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { faultWhen, statusesSentOnce, type Fault, type FaultPlan, type FaultServer } from '@x/testkit';
import { ApiError, AuthenticationError, NotFoundError, RateLimitError, SdkError, TimeoutError } from '../src/index.js';
import { rowsUntilFailure } from './helpers/index.js';
import { fakeOverSocket, MAY, pageOf } from './helpers/socket.js';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const MAX_RETRIES = 3;
const isPage3 = (request: { url: string }) => pageOf(request) === 3;

async function exportThrough(plan: FaultPlan, clientOptions: { maxRetries?: number; timeoutMs?: number } = {}) {
  const fake = await fakeOverSocket({ plan, client: { maxRetries: MAX_RETRIES, ...clientOptions } });
  server = fake.server;
  const expected = fake.api.rowsFor('measurements', MAY);
  const attemptsAtPage3 = () => fake.server.requests.filter((request) => isPage3(request)).length;
  return { ...fake, expected, attemptsAtPage3 };
}

describe('a run of retryable failures as long as maxRetries: every row exactly once', () => {
  test.each([408, 429, 500, 502, 503, 504])('%i, maxRetries times on page 3', async (status) => {
    const { client, expected, attemptsAtPage3 } = await exportThrough(faultWhen(isPage3, { kind: 'status', status, headers: { 'retry-after': '0' } }, MAX_RETRIES));
    expect(await client.export('measurements', { ...MAY, raw: true }).toArray()).toEqual(expected);
    expect(attemptsAtPage3()).toBe(MAX_RETRIES + 1);
  });

  test('a different fault on each attempt (429, reset, stall, 503) is still one page, once', async () => {
    const faults: Fault[] = [
      { kind: 'status', status: 429, headers: { 'retry-after': '0' } },
      { kind: 'reset', afterBytes: 1_000 },
      { kind: 'stall', afterBytes: 1_000 },
      { kind: 'status', status: 503 },
    ];
    let attempt = 0;
    const plan: FaultPlan = (request) => (isPage3(request) ? faults[attempt++] : undefined);
    const { client, expected, attemptsAtPage3 } = await exportThrough(plan, { maxRetries: faults.length });
    expect(await client.export('measurements', { ...MAY, raw: true }).toArray()).toEqual(expected);
    expect(attemptsAtPage3()).toBe(faults.length + 1);
  });

  test('an answer slower than timeoutMs, once: retried, every row exactly once', async () => {
    const { client, expected, attemptsAtPage3 } = await exportThrough(faultWhen(isPage3, { kind: 'latency', ms: 600 }), { timeoutMs: 200 });
    expect(await client.export('measurements', { ...MAY, raw: true }).toArray()).toEqual(expected);
    expect(attemptsAtPage3()).toBe(2);
  });
});

describe('one failure more than maxRetries: a typed error after maxRetries + 1 attempts, never a short success', () => {
  test.each([
    [408, ApiError],
    [429, RateLimitError],
    [500, ApiError],
    [502, ApiError],
    [503, ApiError],
    [504, ApiError],
  ] as const)('%i, maxRetries + 1 times on page 3', async (status, errorClass) => {
    const { client, expected, attemptsAtPage3 } = await exportThrough(
      faultWhen(isPage3, { kind: 'status', status, headers: { 'retry-after': '0' } }, MAX_RETRIES + 1),
    );
    const { read: delivered, error } = await rowsUntilFailure(client.export('measurements', { ...MAY, raw: true }));
    expect(error).toBeInstanceOf(errorClass);
    expect((error as ApiError).status).toBe(status);
    expect(delivered).toEqual(expected.slice(0, 100));
    expect(attemptsAtPage3()).toBe(MAX_RETRIES + 1);
  });

  test('answers always slower than timeoutMs: a TimeoutError carrying the timeout', async () => {
    const { client, expected, attemptsAtPage3 } = await exportThrough(faultWhen(isPage3, { kind: 'latency', ms: 1_000 }, Infinity), { timeoutMs: 150, maxRetries: 1 });
    const { read: delivered, error } = await rowsUntilFailure(client.export('measurements', { ...MAY, raw: true }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(150);
    expect(delivered).toEqual(expected.slice(0, 100));
    expect(attemptsAtPage3()).toBe(2);
  });
});

describe('statuses that will not change are sent once', () => {
  test.each([...statusesSentOnce({ ApiError, AuthenticationError, NotFoundError }), [422, ApiError]])('%i on page 3: a typed error after the pages before it', async (status, errorClass) => {
    const { client, expected, attemptsAtPage3 } = await exportThrough(faultWhen(isPage3, { kind: 'status', status, body: '{"errors":[]}' }, Infinity));
    const { read: delivered, error } = await rowsUntilFailure(client.export('measurements', { ...MAY, raw: true }));
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toBeInstanceOf(SdkError);
    expect((error as ApiError).status).toBe(status);
    expect(delivered).toEqual(expected.slice(0, 100));
    expect(attemptsAtPage3()).toBe(1);
  });
});
