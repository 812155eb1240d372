import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, test } from 'vitest';
import { faultsAt, faultWhen, startFaultServer, type FaultServer } from '../src/index.js';

const BODY = 'x'.repeat(10_000);
let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(plan?: Parameters<typeof startFaultServer>[1]) {
  server = await startFaultServer((baseUrl) => [http.get(`${baseUrl}/data`, () => new HttpResponse(BODY))], plan);
  return server;
}

async function readAll(response: Response): Promise<string> {
  return new TextDecoder().decode(await response.arrayBuffer());
}

describe('startFaultServer', () => {
  test('serves the handlers over a real socket when no fault applies', async () => {
    const { baseUrl, requests } = await start();
    const response = await fetch(`${baseUrl}/data`);
    expect(await readAll(response)).toBe(BODY);
    expect(requests).toMatchObject([{ method: 'GET', fault: undefined, status: 200 }]);
  });

  test('answers with an injected status, then recovers', async () => {
    const { baseUrl } = await start(faultsAt({ 0: { kind: 'status', status: 429, headers: { 'retry-after': '0' } } }));
    const first = await fetch(`${baseUrl}/data`);
    expect([first.status, first.headers.get('retry-after')]).toEqual([429, '0']);
    expect((await fetch(`${baseUrl}/data`)).status).toBe(200);
  });

  test('an HTML page on a 200', async () => {
    const { baseUrl } = await start(() => ({ kind: 'html' }));
    const response = await fetch(`${baseUrl}/data`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html');
  });

  test.each(['reset', 'truncate'] as const)('%s cuts the body part-way, and reading it fails', async (kind) => {
    const { baseUrl } = await start(() => ({ kind, afterBytes: 1_000 }));
    const response = await fetch(`${baseUrl}/data`);
    expect(response.status).toBe(200);
    await expect(readAll(response)).rejects.toThrow();
  });

  test('hangup fails the request before any response', async () => {
    const { baseUrl } = await start(() => ({ kind: 'hangup' }));
    await expect(fetch(`${baseUrl}/data`)).rejects.toThrow();
  });

  test('stall sends part of the body and then nothing', async () => {
    const { baseUrl } = await start(() => ({ kind: 'stall', afterBytes: 100 }));
    const response = await fetch(`${baseUrl}/data`);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(first.value?.byteLength).toBe(100);
    const next = await Promise.race([reader.read(), new Promise((resolve) => setTimeout(() => resolve('stalled'), 200))]);
    expect(next).toBe('stalled');
    await reader.cancel();
  });

  test('latency delays the true response', async () => {
    const { baseUrl } = await start(() => ({ kind: 'latency', ms: 150 }));
    const started = performance.now();
    expect(await readAll(await fetch(`${baseUrl}/data`))).toBe(BODY);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  test('faultWhen spoils the first matching requests only', async () => {
    const { baseUrl } = await start(faultWhen((request) => request.url.endsWith('/data'), { kind: 'status', status: 503 }, 2));
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${baseUrl}/data`)).status);
    expect(statuses).toEqual([503, 503, 200]);
  });
});

