/**
 * The export envelope as servers really send it: `meta.perPage` is informational (missing, or
 * `"50"` as a string), `prevCursor` may be left out. Only `data` and `meta.nextCursor` are
 * required, in typed, lenient and raw mode alike.
 */
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { DataValidationError } from '../src/index.js';
import { caught, clientFor, useFake, useMockServer } from './helpers/index.js';

const server = useMockServer();

const MODES = [
  ['typed', {}],
  ['lenient', { onInvalidRow: () => undefined }],
  ['raw', { raw: true }],
] as const;

/** Every page of an export. */
async function pagesOf<T>(rows: { pages(): AsyncIterable<T> }): Promise<T[]> {
  const pages: T[] = [];
  for await (const page of rows.pages()) pages.push(page);
  return pages;
}

/** Serves the fake's first hcps page with `meta` rewritten by `edit`. */
function hcpsPageWith(edit: (meta: Record<string, unknown>) => Record<string, unknown>) {
  const api = useFake(server, { rows: { hcps: 3 } });
  server.use(
    http.post(`${api.baseUrl}/v1/export/hcps`, async ({ request }) => {
      const [handler] = api.handlers;
      const result = await handler!.run({ request: request.clone(), requestId: crypto.randomUUID() });
      const body = (await result!.response!.json()) as { data: unknown[]; meta: Record<string, unknown> };
      return HttpResponse.json({ ...body, meta: edit(body.meta) });
    }),
  );
  return api;
}

describe('meta.perPage is informational', () => {
  it.each(MODES)('a page without perPage is read (%s rows)', async (_mode, options) => {
    const api = hcpsPageWith(({ perPage: _, ...meta }) => meta);
    const pages = await pagesOf(clientFor(api).export('hcps', options as never));
    expect(pages).toHaveLength(1);
    expect(pages[0]!.data).toHaveLength(3);
    expect(pages[0]!.perPage).toBeUndefined();
  });

  it.each(MODES)('perPage sent as the string "50" is read as 50 (%s rows)', async (_mode, options) => {
    const api = hcpsPageWith((meta) => ({ ...meta, perPage: '50' }));
    const [page] = await pagesOf(clientFor(api).export('hcps', options as never));
    expect(page!.perPage).toBe(50);
    expect(page!.data).toHaveLength(3);
  });

  it('a perPage that is no number does not stop the export', async () => {
    const api = hcpsPageWith((meta) => ({ ...meta, perPage: 'fifty' }));
    const [page] = await pagesOf(clientFor(api).export('hcps'));
    expect(page!.perPage).toBeUndefined();
    expect(page!.data).toHaveLength(3);
  });

  it('a page without prevCursor or page URLs is read, prevCursor null', async () => {
    const api = hcpsPageWith(({ nextCursor }) => ({ nextCursor }));
    const [page] = await pagesOf(clientFor(api).export('hcps', { raw: true }));
    expect(page).toMatchObject({ nextCursor: null, prevCursor: null, perPage: undefined });
  });
});

describe('what paging needs stays required', () => {
  it.each(MODES)('a page without meta.nextCursor is a DataValidationError (%s rows)', async (_mode, options) => {
    const api = hcpsPageWith(({ nextCursor: _, ...meta }) => meta);
    const error = await caught(clientFor(api).export('hcps', options as never).toArray());
    expect(error).toBeInstanceOf(DataValidationError);
    expect(error).toMatchObject({ source: 'hcps', page: 1, field: 'meta.nextCursor' });
  });

  it.each(MODES)('a page without data is a DataValidationError (%s rows)', async (_mode, options) => {
    const api = hcpsPageWith((meta) => meta);
    server.use(http.post(`${api.baseUrl}/v1/export/hcps`, () => HttpResponse.json({ meta: { nextCursor: null } })));
    const error = await caught(clientFor(api).export('hcps', options as never).toArray());
    expect(error).toBeInstanceOf(DataValidationError);
    expect(error).toMatchObject({ source: 'hcps', page: 1, field: 'data' });
  });
});
