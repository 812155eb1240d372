import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constants, createGzip } from 'node:zlib';
import { getResponse, type RequestHandler } from 'msw';

/**
 * What the server does to one request instead of (or on the way to) the true response.
 * - `status`: answer with this status instead (a 429 with `retry-after`, a 503).
 * - `html`: a 200 with an HTML page, as a misconfigured proxy sends.
 * - `latency`: wait, then send the true response.
 * - `hangup`: close the connection before any response.
 * - `reset`: send the headers and `afterBytes` of the true body, then reset the connection.
 * - `truncate`: the same, but close the connection cleanly (a FIN, not a reset).
 * - `stall`: send the headers and `afterBytes` of the body, then nothing, until the client gives up.
 * - `compressed-cut`: compression middleware in front of a server that fails after `afterBytes`
 *   of the body. A request that accepts gzip gets the body gzipped (chunked), and at the failure
 *   the middleware flushes and ends the response cleanly: a gzip stream without its end. Any
 *   other request gets `truncate`.
 */
export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'html' }
  | { kind: 'latency'; ms: number }
  | { kind: 'hangup' }
  | { kind: 'reset'; afterBytes: number }
  | { kind: 'truncate'; afterBytes: number }
  | { kind: 'stall'; afterBytes: number }
  | { kind: 'compressed-cut'; afterBytes: number };

/** Decides the fault for the request numbered `index` (0-based, in arrival order). */
export type FaultPlan = (request: Request, index: number) => Fault | undefined;

/** A request the server saw, and what it did with it. */
export interface ServedRequest {
  method: string;
  url: string;
  fault: Fault['kind'] | undefined;
  status: number | undefined;
}

export interface FaultServer {
  /** `http://127.0.0.1:<port>`: hand it to the client as its base URL. */
  baseUrl: string;
  /** Every request, in arrival order. */
  requests: ServedRequest[];
  /** Replaces the fault plan (for the next requests). */
  setFaults(plan: FaultPlan | undefined): void;
  close(): Promise<void>;
}

/**
 * A real HTTP server on loopback that answers with msw handlers (the packages' own `testing`
 * handlers, built for this server's base URL) and injects faults at the socket level, where a
 * mock at `fetch` cannot: resets, clean closes and stalls part-way through a body.
 *
 * @example
 * ```ts
 * const server = await startFaultServer((baseUrl) => lusciiHandlers({ baseUrl }), (_, i) => (i === 2 ? { kind: 'reset', afterBytes: 100 } : undefined));
 * ```
 */
export async function startFaultServer(handlersFor: (baseUrl: string) => RequestHandler[], plan?: FaultPlan): Promise<FaultServer> {
  let faults = plan;
  const requests: ServedRequest[] = [];
  let handlers: RequestHandler[] = [];
  let baseUrl = '';
  const server: Server = createServer((incoming, outgoing) => {
    void serve(incoming, outgoing).catch(() => outgoing.destroy());
  });

  async function serve(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const request = await toWebRequest(incoming, baseUrl);
    const index = requests.length;
    const fault = faults?.(request.clone(), index);
    const served: ServedRequest = { method: request.method, url: request.url, fault: fault?.kind, status: undefined };
    requests.push(served);
    if (fault?.kind === 'hangup') {
      incoming.socket.destroy();
      return;
    }
    if (fault?.kind === 'latency') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    const response = fault?.kind === 'status'
      ? new Response(fault.body ?? '', { status: fault.status, headers: fault.headers ?? {} })
      : fault?.kind === 'html'
        ? new Response('<!doctype html><html><body>Service temporarily unavailable</body></html>', { headers: { 'content-type': 'text/html' } })
        : ((await getResponse(handlers, request)) ?? new Response('no handler', { status: 501 }));
    served.status = response.status;
    const headers = Object.fromEntries(response.headers);
    const body = new Uint8Array(await response.arrayBuffer());
    if (fault?.kind === 'compressed-cut' && /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')) {
      endGzipped(outgoing, response.status, headers, body.subarray(0, fault.afterBytes));
      return;
    }
    const cut = fault !== undefined && 'afterBytes' in fault ? Math.min(fault.afterBytes, body.length) : undefined;
    // A cut body still promises its full length, so the client can tell it was cut.
    outgoing.writeHead(response.status, { ...headers, 'content-length': String(body.length) });
    if (cut === undefined) {
      outgoing.end(body);
      return;
    }
    outgoing.write(body.subarray(0, cut));
    if (fault?.kind === 'reset') setTimeout(() => incoming.socket.resetAndDestroy(), 20);
    else if (fault?.kind === 'truncate' || fault?.kind === 'compressed-cut') setTimeout(() => incoming.socket.end(), 20);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  handlers = handlersFor(baseUrl);
  return {
    baseUrl,
    requests,
    setFaults: (next) => {
      faults = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends `sent` gzipped and chunked, flushed but never finished, and ends the response cleanly. */
function endGzipped(outgoing: ServerResponse, status: number, headers: Record<string, string>, sent: Uint8Array): void {
  const { 'content-length': _, ...rest } = headers;
  outgoing.writeHead(status, { ...rest, 'content-encoding': 'gzip' });
  const gzip = createGzip();
  gzip.on('data', (chunk: Buffer) => outgoing.write(chunk));
  gzip.write(sent);
  gzip.flush(constants.Z_SYNC_FLUSH, () => outgoing.end());
}

async function toWebRequest(incoming: IncomingMessage, baseUrl: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  const method = incoming.method ?? 'GET';
  return new Request(new URL(incoming.url ?? '/', baseUrl), {
    method,
    headers,
    ...(body && method !== 'GET' && method !== 'HEAD' ? { body } : {}),
  });
}

/** Faults for the requests at the given indexes, nothing for the rest. */
export function faultsAt(byIndex: Record<number, Fault>): FaultPlan {
  return (_, index) => byIndex[index];
}

/**
 * Applies `fault` to the first `times` requests that `match` accepts (every one with
 * `Infinity`), nothing to the rest: a transient fault by default, a persistent one on demand.
 *
 * @example
 * ```ts
 * faultWhen((request) => new URL(request.url).pathname.endsWith('/data'), { kind: 'reset', afterBytes: 2_000 }, 2);
 * ```
 */
export function faultWhen(match: (request: Request) => boolean, fault: Fault, times = 1): FaultPlan {
  let fired = 0;
  return (request) => {
    if (fired >= times || !match(request)) return undefined;
    fired += 1;
    return fault;
  };
}
