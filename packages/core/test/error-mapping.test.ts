/**
 * What an error keeps of a failed response's body. Gateways in front of .NET and IIS answer in
 * UTF-16 and echo the request headers: the body must be read in its charset for the key in it
 * to be found and redacted, and a body that cannot be read as text is not kept.
 */
import { http, HttpResponse } from 'msw';
import { everyView } from '@x/testkit';
import { describe, expect, test } from 'vitest';
import type { ApiError } from '@x/core';
import { BASE_URL, SECRET, caught, testTransport, useMockServer } from './helpers/index.js';

const server = useMockServer();
const PAGE = `Bad gateway. Request headers:\r\nauthorization: Bearer ${SECRET}`;

/** The page as UTF-16 bytes with a byte-order mark, as Windows servers write it. */
function utf16(text: string, order: 'le' | 'be'): Buffer {
  const bytes = Buffer.from(`\uFEFF${text}`, 'utf16le');
  return order === 'le' ? bytes : bytes.swap16();
}

/** Every view of the error, with the NULs that UTF-16 read as UTF-8 puts between characters taken out. */
function withoutNuls(error: unknown): string {
  return everyView(error).replace(/\0|\\u0000|\\x00/g, '');
}

async function errorFor(body: Buffer, contentType: string): Promise<ApiError> {
  server.use(http.get(`${BASE_URL}/things`, () => new HttpResponse(body, { status: 502, headers: { 'content-type': contentType } })));
  return (await caught(testTransport({ maxRetries: 0 }).json({ method: 'GET', path: 'things' }))) as ApiError;
}

describe('a proxy that echoes request headers into a UTF-16 error page', () => {
  test.each(['le', 'be'] as const)('declared as charset=utf-16%s: read in that charset, the key redacted', async (order) => {
    const error = await errorFor(utf16(PAGE, order), `text/plain; charset=utf-16${order}`);
    expect(error.status).toBe(502);
    expect(error.body).toBe('Bad gateway. Request headers:\r\nauthorization: [redacted]');
    expect(withoutNuls(error)).not.toContain(SECRET);
  });

  test('with no charset declared: the body is not kept, the status still is', async () => {
    const error = await errorFor(utf16(PAGE, 'le'), 'text/plain');
    expect(error.status).toBe(502);
    expect(error.body).toBeUndefined();
    expect(withoutNuls(error)).not.toContain(SECRET);
  });
});

test('an error page in a declared single-byte charset keeps its accents', async () => {
  const error = await errorFor(Buffer.from('Requête refusée', 'latin1'), 'text/plain; charset=iso-8859-1');
  expect(error.body).toBe('Requête refusée');
});
