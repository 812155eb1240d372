/**
 * A misrouted proxy or a hijacked name that redirects the export to another host, over real
 * loopback sockets (two servers, two ports: two origins): the export ends in an ApiError naming
 * status and origin, and the other host never sees the key or the request.
 */
import { http, HttpResponse } from 'msw';
import { afterEach, expect, it } from 'vitest';
import { everyView, startFaultServer, type FaultServer } from '@x/testkit';
import { ApiError } from '../src/index.js';
import { rowsUntilFailure, SECRET_KEY } from './helpers/index.js';
import { fakeOverSocket, MAY } from './helpers/socket.js';

const servers: FaultServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

it.each([301, 302, 307, 308])('a %i to another origin on page 2 is an ApiError; the other host gets nothing', async (status) => {
  const elsewhere = await startFaultServer((baseUrl) => [http.all(`${baseUrl}/*`, () => HttpResponse.json({ data: ['rows from elsewhere'], meta: { nextCursor: null } }))]);
  servers.push(elsewhere);
  const fake = await fakeOverSocket({
    extra: (baseUrl) => [
      http.post(`${baseUrl}/v1/export/measurements`, ({ request }) =>
        new URL(request.url).searchParams.has('cursor')
          ? new HttpResponse(null, { status, headers: { location: `${elsewhere.baseUrl}/v1/export/measurements?token=abc` } })
          : undefined,
      ),
    ],
  });
  servers.push(fake.server);
  const { read: delivered, error } = await rowsUntilFailure(fake.client.export('measurements', { ...MAY, raw: true }));
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ status });
  expect((error as Error).message).toContain(`redirected to another origin (${elsewhere.baseUrl}); not followed`);
  expect(everyView(error)).not.toContain('token=abc');
  expect(everyView(error)).not.toContain(SECRET_KEY);
  expect(delivered).toHaveLength(50);
  expect(elsewhere.requests).toHaveLength(0);
});
