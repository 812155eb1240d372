/**
 * A body that drips one byte at a time, each gap under `timeoutMs`, never stalls by the idle
 * rule: JSON requests end at their deadline instead. Streamed downloads keep the idle rule. An
 * error body is read within the attempt's limits too, and an abort while it is read wins.
 * No wall time is asserted: timeouts are small, and the error type is what is checked.
 */
import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { ApiError, ConnectionError, TimeoutError } from '@x/core';
import { BASE_URL, caught, collect, testTransport, useMockServer } from './helpers/index.js';

const server = useMockServer();

/** A body of `length` bytes sent one byte per `gapMs`, as a slow proxy or a hostile server does. */
function drip(length: number, gapMs: number, byte = ' '): ReadableStream<Uint8Array> {
  let sent = 0;
  const chunk = new TextEncoder().encode(byte);
  return new ReadableStream({
    async pull(controller) {
      await new Promise((resolve) => setTimeout(resolve, gapMs));
      if (sent >= length) controller.close();
      else {
        controller.enqueue(chunk);
        sent += 1;
      }
    },
  });
}

/** A body sent as `parts`, `gapMs` apart: a page a server writes in two goes. */
function inParts(parts: string[], gapMs: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    async pull(controller) {
      if (sent === parts.length) return controller.close();
      if (sent > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
      controller.enqueue(new TextEncoder().encode(parts[sent++]));
    },
  });
}

describe('a JSON body that drips one byte at a time under the idle gap', () => {
  test('ends in a TimeoutError at the request deadline', async () => {
    server.use(http.get(`${BASE_URL}/status`, () => new HttpResponse(drip(1_000_000, 2), { headers: { 'content-type': 'application/json' } })));
    const transport = testTransport({ timeoutMs: 200, deadlineMs: 100, maxRetries: 0 });
    const error = await caught(transport.json({ method: 'GET', path: 'status' }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 100 });
    expect((error).message).toBe('GET /status: the response took longer than 100 ms');
  });

  test('is retried like any timeout, each attempt with its own deadline', async () => {
    let attempts = 0;
    server.use(
      http.post(`${BASE_URL}/page`, () => {
        attempts += 1;
        return attempts === 1
          ? new HttpResponse(drip(1_000_000, 2), { headers: { 'content-type': 'application/json' } })
          : HttpResponse.json({ data: [1, 2, 3] });
      }),
    );
    const transport = testTransport({ timeoutMs: 200, deadlineMs: 100, maxRetries: 1 });
    expect((await transport.json({ method: 'POST', path: 'page' })).body).toEqual({ data: [1, 2, 3] });
    expect(attempts).toBe(2);
  });

  test('defaults to four times timeoutMs', () => {
    expect(testTransport({ timeoutMs: 1_000 }).deadlineMs).toBe(4_000);
    expect(testTransport({ timeoutMs: 1_000, deadlineMs: 1_500 }).deadlineMs).toBe(1_500);
  });

  test('a timeoutMs of 10 days: the default deadline stops at 2^31 − 1 ms (four times would fire at once), so a page sent in two parts is read', async () => {
    const tenDays = 10 * 24 * 60 * 60 * 1_000;
    server.use(http.get(`${BASE_URL}/page`, () => new HttpResponse(inParts(['{"data": ', '[1, 2]}'], 30), { headers: { 'content-type': 'application/json' } })));
    const transport = testTransport({ timeoutMs: tenDays, maxRetries: 0 });
    expect(transport.deadlineMs).toBe(2 ** 31 - 1);
    expect((await transport.json({ method: 'GET', path: 'page' })).body).toEqual({ data: [1, 2] });
    // The same for one call's timeoutMs over a client's default.
    expect((await testTransport({ maxRetries: 0 }).json({ method: 'GET', path: 'page', timeoutMs: tenDays })).body).toEqual({ data: [1, 2] });
  });
});

describe('a 500 whose error body drips one byte at a time', () => {
  const dripping500 = () => new HttpResponse(drip(1_000_000, 2, 'x'), { status: 500, headers: { 'content-type': 'text/plain' } });

  test('is an ApiError with the status and what of the body came before the deadline', async () => {
    server.use(http.get(`${BASE_URL}/status`, dripping500));
    const transport = testTransport({ timeoutMs: 200, deadlineMs: 100, maxRetries: 0 });
    const error = await caught(transport.json({ method: 'GET', path: 'status' }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 500 });
    expect((error as ApiError).body).toMatch(/^x+$/);
  });

  test('rejects with the signal’s reason when the caller aborts while it is read', async () => {
    server.use(http.get(`${BASE_URL}/status`, dripping500));
    const controller = new AbortController();
    const reason = new Error('user stopped');
    setTimeout(() => controller.abort(reason), 50);
    const transport = testTransport({ timeoutMs: 60_000, maxRetries: 0 });
    expect(await caught(transport.json({ method: 'GET', path: 'status', signal: controller.signal }))).toBe(reason);
  });
});

describe('a streamed download', () => {
  test('is not cut at the deadline while bytes keep coming within the idle gap', async () => {
    server.use(http.get(`${BASE_URL}/file.csv`, () => new HttpResponse(drip(60, 2, 'x'), { headers: { 'content-type': 'text/csv' } })));
    const transport = testTransport({ timeoutMs: 200, deadlineMs: 20, maxRetries: 0 });
    const { body } = await transport.stream({ method: 'GET', path: 'file.csv' });
    const chunks = await collect(body);
    expect(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0)).toBe(60);
  });

  test('a stall past the idle gap is still a TimeoutError (a kind of ConnectionError)', async () => {
    server.use(http.get(`${BASE_URL}/file.csv`, () => new HttpResponse(drip(10, 300, 'x'), { headers: { 'content-type': 'text/csv' } })));
    const transport = testTransport({ timeoutMs: 50, maxRetries: 0 });
    const { body } = await transport.stream({ method: 'GET', path: 'file.csv' });
    const error = await caught(collect(body));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(ConnectionError);
  });
});
