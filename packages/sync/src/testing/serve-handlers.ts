import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { getResponse, type RequestHandler } from 'msw';

/** A loopback HTTP server answering with msw handlers. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`: give it to a client as its base URL. */
  readonly url: string;
  /** Stops the server and drops its open connections. */
  close(): Promise<void>;
}

/**
 * Serves msw handlers over real HTTP on 127.0.0.1, so a CLI or a child process talks to the
 * packages' built-in mocks as it would to the vendor (no `fetch` interception). A request for
 * `<url>/path` is answered as `<handlersBaseUrl>/path`; an unhandled request is a 501.
 *
 * @example
 * ```ts
 * const api = lusciiHandlers();
 * const server = await serveHandlers(api.handlers, api.baseUrl);
 * const client = new LusciiClient({ apiKey: api.apiKey, baseUrl: server.url });
 * ```
 */
export async function serveHandlers(handlers: readonly RequestHandler[], handlersBaseUrl: string, options: { port?: number } = {}): Promise<LoopbackServer> {
  const base = handlersBaseUrl.replace(/\/+$/, '');
  const server = createServer((request, response) => {
    answer(handlers, base, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}

async function answer(handlers: readonly RequestHandler[], base: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const method = request.method ?? 'GET';
  const body = chunks.length > 0 && method !== 'GET' && method !== 'HEAD' ? Buffer.concat(chunks) : undefined;
  const fetchRequest = new Request(`${base}${request.url ?? '/'}`, { method, headers, ...(body ? { body } : {}) });
  const mocked = await getResponse([...handlers], fetchRequest);
  if (!mocked) {
    response.writeHead(501, { 'content-type': 'text/plain' }).end('no mock handler for this request');
    return;
  }
  if (mocked.type === 'error') {
    request.socket.destroy();
    return;
  }
  const outHeaders: Record<string, string> = {};
  mocked.headers.forEach((value, name) => {
    outHeaders[name] = value;
  });
  response.writeHead(mocked.status, outHeaders);
  if (!mocked.body) {
    response.end();
    return;
  }
  const body$ = Readable.fromWeb(mocked.body as NodeReadableStream<Uint8Array>);
  body$.on('error', () => request.socket.destroy());
  body$.pipe(response);
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
