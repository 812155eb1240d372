/**
 * Server-side loops over a real socket: a cursor sent twice (at once, after a detour, or the one
 * an export resumed from) and an endless run of empty pages with ever new cursors. Each ends in
 * an `SdkError` after whole pages, each row at most once; an occasional empty page is followed
 * and loses nothing.
 */
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, test } from 'vitest';
import type { FaultServer } from '@x/testkit';
import { SdkError } from '../src/index.js';
import { rowsUntilFailure } from './helpers/index.js';
import { fakeOverSocket, MAY } from './helpers/socket.js';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The distinct cursors the server was asked for, in order (a retry under load asks twice). */
const cursorsAsked = (server: FaultServer) => [...new Set(server.requests.map((request) => new URL(request.url).searchParams.get('cursor') ?? 'start'))];

/** The ids of rows, to show that none came twice. */
const ids = (rows: unknown[]) => rows.map((row) => (row as { id: string }).id);

/**
 * A hand-written export whose cursors go `A → B → C → ...` as `next` says: rows `<cursor>-1` to
 * `<cursor>-3` on each page, the first page under the name `start`.
 */
function scriptedPages(next: Record<string, string | null>) {
  return (baseUrl: string) => [
    http.post(`${baseUrl}/v1/export/hcps`, ({ request }) => {
      const cursor = new URL(request.url).searchParams.get('cursor') ?? 'start';
      const nextCursor = next[cursor] ?? null;
      return HttpResponse.json({
        data: [1, 2, 3].map((i) => ({ id: `${cursor}-${i}` })),
        meta: { perPage: 3, nextCursor, prevCursor: null, nextPageUrl: null, prevPageUrl: null },
        errors: [],
      });
    }),
  ];
}

describe('repeated cursors', () => {
  test('a page whose next cursor is its own: an SdkError after the pages before it, whole', async () => {
    const fake = await fakeOverSocket({ fake: { faults: [{ fault: 'repeatCursor', reportType: 'measurements', page: 2, times: Infinity }] } });
    server = fake.server;
    const { read: delivered, error } = await rowsUntilFailure(fake.client.export('measurements', { ...MAY, raw: true }));
    expect(error).toBeInstanceOf(SdkError);
    expect((error as Error).message).toMatch(/already sent/);
    // Page 1 whole; page 2 came back pointing at itself and is not delivered.
    expect(delivered).toEqual(fake.api.rowsFor('measurements', MAY).slice(0, 50));
    // The loop is noticed at the first repeat: no request after it.
    expect(new Set(fake.api.requests.map((request) => request.page))).toEqual(new Set([1, 2]));
  });

  test('a cycle through two cursors (A → B → A): an SdkError, no row twice', async () => {
    const fake = await fakeOverSocket({ extra: scriptedPages({ start: 'A', A: 'B', B: 'A' }) });
    server = fake.server;
    const { read: delivered, error } = await rowsUntilFailure(fake.client.export('hcps', { raw: true }));
    expect(error).toBeInstanceOf(SdkError);
    expect((error as Error).message).toMatch(/already sent/);
    expect(ids(delivered)).toEqual(['start-1', 'start-2', 'start-3', 'A-1', 'A-2', 'A-3']);
    expect(cursorsAsked(fake.server)).toEqual(['start', 'A', 'B']);
  });

  test('a resumed export sent back to the cursor it resumed from: an SdkError, no row twice', async () => {
    const fake = await fakeOverSocket({ extra: scriptedPages({ start: 'A', A: 'B', B: 'C', C: 'B' }) });
    server = fake.server;
    const { read: delivered, error } = await rowsUntilFailure(fake.client.export('hcps', { raw: true, cursor: 'B' }));
    expect(error).toBeInstanceOf(SdkError);
    expect(ids(delivered)).toEqual(['B-1', 'B-2', 'B-3']);
    expect(cursorsAsked(fake.server)).toEqual(['B', 'C']);
  });

  test('distinct cursors to the end: every row exactly once', async () => {
    const fake = await fakeOverSocket({ extra: scriptedPages({ start: 'A', A: 'B', B: 'C', C: null }) });
    server = fake.server;
    const rows = await fake.client.export('hcps', { raw: true }).toArray();
    expect(ids(rows)).toEqual(['start', 'A', 'B', 'C'].flatMap((page) => [1, 2, 3].map((i) => `${page}-${i}`)));
  });
});

describe('empty pages', () => {
  test('an empty page with a new cursor, now and then, is followed: every row exactly once', async () => {
    const fake = await fakeOverSocket({ fake: { faults: [{ fault: 'emptyPage', reportType: 'measurements', page: 2, times: 3 }] } });
    server = fake.server;
    const rows = await fake.client.export('measurements', { ...MAY, raw: true }).toArray();
    expect(rows).toEqual(fake.api.rowsFor('measurements', MAY));
    expect(fake.api.requests.filter((request) => request.fault === 'emptyPage')).toHaveLength(3);
  });

  // Regression: cursors that differ but never move on were followed for ever (163 requests in
  // two seconds, until the caller aborted), since no cursor repeats.
  test('empty pages for ever, each with a new cursor: an SdkError, not an endless export', async () => {
    const fake = await fakeOverSocket({ fake: { faults: [{ fault: 'emptyPage', reportType: 'measurements', page: 2, times: Infinity }] } });
    server = fake.server;
    const { read: delivered, error } = await rowsUntilFailure(fake.client.export('measurements', { ...MAY, raw: true, signal: AbortSignal.timeout(10_000) }));
    expect(error).toBeInstanceOf(SdkError);
    expect((error as Error).name).toBe('SdkError');
    expect((error as Error).message).toMatch(/empty pages in a row/);
    expect(delivered).toEqual(fake.api.rowsFor('measurements', MAY).slice(0, 50));
    // The first page, then MAX_EMPTY_PAGES_IN_A_ROW (100) empty ones, and not one more.
    expect(cursorsAsked(fake.server)).toHaveLength(101);
  });
});
