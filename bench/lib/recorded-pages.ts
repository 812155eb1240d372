/**
 * Paged exports recorded from the packages' own fakes (`@x/luscii-export/testing`,
 * `@x/dexcare-reporting/testing`) and replayed by position. The bodies are the fakes' exact
 * wire format (envelopes, Laravel-style cursors, `count`), but serving one is a map lookup:
 * the msw fakes spend over 10 ms of CPU a request on this machine (routing, filtering every row by date), which in
 * the client's process would count against the client, and with four requests in flight
 * serialized on its event loop, hiding most of what concurrency gains against a remote server.
 */
import { dexCareHandlers } from '@x/dexcare-reporting/testing';
import { lusciiHandlers } from '@x/luscii-export/testing';
import { mswResponder, type Responder } from './loopback-server.js';

/** A replayed export: how to answer, and the key to send. */
export interface RecordedExport {
  responder: Responder;
  key: string;
}

/** The dates recorded: the Luscii fake spreads its rows over May and June 2024. */
export const LUSCII_EXPORT_DATES = { startDate: '2024-05-01', endDate: '2024-06-30' };

/** The dates recorded: the fake's provider histories start on 2023-11-06, one every 37 minutes. */
export const APR_SEARCH_DATES = { startDate: '2023-11-01T00:00:00.000Z', endDate: '2024-12-31T00:00:00.000Z' };

/** The Luscii `measurements` export in `pages` pages, replayed by cursor. */
export async function recordLusciiExport(baseUrl: string, pages: number, perPage: number): Promise<RecordedExport> {
  const api = lusciiHandlers({ baseUrl, rows: { measurements: pages * perPage }, perPage });
  const fake = mswResponder(api.handlers);
  const byCursor = new Map<string, string>();
  let cursor = '';
  do {
    const url = new URL(`${baseUrl}/v1/export/measurements`);
    for (const [name, value] of Object.entries(LUSCII_EXPORT_DATES)) url.searchParams.set(name, value);
    if (cursor !== '') url.searchParams.set('cursor', cursor);
    const body = await recorded(fake, new Request(url, { method: 'POST', headers: { authorization: `Bearer ${api.apiKey}` } }));
    byCursor.set(cursor, body);
    cursor = (JSON.parse(body) as { meta: { nextCursor: string | null } }).meta.nextCursor ?? '';
  } while (cursor !== '');
  checkPages(byCursor.size, pages);
  return {
    key: api.apiKey,
    responder: (request) => replay(byCursor.get(new URL(request.url).searchParams.get('cursor') ?? '')),
  };
}

/**
 * The DexCare All Providers Report search in `pages` pages of `perPage`, replayed by offset, and
 * its first page of one row (how `@x/sync` asks the count again after reading a window).
 */
export async function recordAprSearch(baseUrl: string, pages: number, perPage: number): Promise<RecordedExport> {
  const mock = dexCareHandlers({ baseUrl, apr: { records: pages * perPage } });
  const fake = mswResponder(mock.handlers);
  const search = (limit: number, offset: number) =>
    recorded(
      fake,
      new Request(`${baseUrl}/v1/reporting/providerhistories`, {
        method: 'POST',
        headers: { authorization: `dc-token ${mock.aprKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...APR_SEARCH_DATES, limit, offset }),
      }),
    );
  const byOffset = new Map<number, string>();
  for (let offset = 0; offset < pages * perPage; offset += perPage) byOffset.set(offset, await search(perPage, offset));
  checkPages(byOffset.size, pages);
  const countProbe = await search(1, 0);
  return {
    key: mock.aprKey,
    responder: async (request) => {
      const { offset = 0, limit } = (await request.json()) as { offset?: number; limit?: number };
      return replay(limit === perPage ? byOffset.get(offset) : limit === 1 && offset === 0 ? countProbe : undefined);
    },
  };
}

async function recorded(fake: Responder, request: Request): Promise<string> {
  const response = await fake(request);
  const body = await response.text();
  if (!response.ok) throw new Error(`the fake answered ${response.status} while recording: ${body.slice(0, 200)}`);
  return body;
}

function checkPages(recorded: number, expected: number): void {
  if (recorded !== expected) throw new Error(`recorded ${recorded} pages where ${expected} were meant`);
}

/** A recorded page, or a 422 for a position that was not recorded (the benchmark asked for something else). */
function replay(body: string | undefined): Response {
  if (body === undefined) return new Response('{"error":"not a recorded page"}', { status: 422 });
  return new Response(body, { headers: { 'content-type': 'application/json' } });
}
