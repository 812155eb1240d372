/**
 * A real HTTP server on 127.0.0.1, so a benchmark pays for real sockets, keep-alive and body
 * parsing, as users do. It answers through a `Responder` (web `Request` in, `Response` out):
 * the packages' own msw fakes via {@link mswResponder}, or pages recorded from them. Written
 * here rather than taken from internal/testkit, whose package exports only TypeScript source
 * and is not a dependency of bench.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { getResponse, type RequestHandler } from 'msw';

export type Responder = (request: Request) => Response | Promise<Response>;

export interface LoopbackServerOptions {
  /**
   * Added to every response before it is sent: the network and the vendor's own work.
   * @default 0
   */
  latencyMs?: number;
}

/** A request the server received, with when it arrived (`Date.now()`). */
export interface ReceivedRequest {
  method: string;
  path: string;
  receivedAt: number;
}

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`: the base URL to give a client. */
  baseUrl: string;
  /** Every request, in arrival order. */
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * Starts the server. `responderFor` is called once the port, and so the base URL that fakes
 * match on and write into their links, is known.
 *
 * @example
 * ```ts
 * const server = await startLoopbackServer((baseUrl) => mswResponder(dexCareHandlers({ baseUrl }).handlers), { latencyMs: 40 });
 * ```
 */
export async function startLoopbackServer(
  responderFor: (baseUrl: string) => Responder | Promise<Responder>,
  options: LoopbackServerOptions = {},
): Promise<LoopbackServer> {
  const latencyMs = options.latencyMs ?? 0;
  const received: ReceivedRequest[] = [];
  let respond: Responder = () => new Response('starting', { status: 503 });
  let baseUrl = '';

  async function serve(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    received.push({ method: incoming.method ?? 'GET', path: new URL(incoming.url ?? '/', baseUrl).pathname, receivedAt: Date.now() });
    const response = await respond(await toWebRequest(incoming, baseUrl));
    const body = new Uint8Array(await response.arrayBuffer());
    if (latencyMs > 0) await sleep(latencyMs);
    outgoing.writeHead(response.status, { ...Object.fromEntries(response.headers), 'content-length': String(body.length) });
    outgoing.end(body);
  }

  const server = createServer((incoming, outgoing) => {
    serve(incoming, outgoing).catch(() => outgoing.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  respond = await responderFor(baseUrl);
  return {
    baseUrl,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers with msw handlers, as `setupServer` would; 501 when none matches. */
export function mswResponder(handlers: RequestHandler[]): Responder {
  return async (request) => (await getResponse(handlers, request)) ?? new Response('no handler', { status: 501 });
}

async function toWebRequest(incoming: IncomingMessage, baseUrl: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  const method = incoming.method ?? 'GET';
  const hasBody = chunks.length > 0 && method !== 'GET' && method !== 'HEAD';
  return new Request(new URL(incoming.url ?? '/', baseUrl), { method, headers, ...(hasBody ? { body: Buffer.concat(chunks) } : {}) });
}
