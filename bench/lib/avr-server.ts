/**
 * The one DexCare endpoint `getAvrResultRows` calls, on a real socket at 127.0.0.1: the report's
 * CSV streamed from a file, with the `Content-Length` the SDK holds the body to. The packages'
 * msw fakes build a `Response` in memory, which would put the server's copy of 60 MB into the
 * measurement; this server only pipes the file.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';

/** A report id in the GUID form the client checks before sending. */
export const AVR_REPORT_ID = '00000000-000a-4000-8000-000000000001';
/** The key the server accepts, as `Authorization: dc-token <key>`. */
export const AVR_SERVICE_KEY = 'bench-service-key';
const DATA_PATH = `/api/8/reporting/allvisitsreport/${AVR_REPORT_ID}/data`;

export interface AvrServer {
  /** `http://127.0.0.1:<port>`, the client's `baseUrl`. */
  baseUrl: string;
  /** The full URL of the report's data, for the bare `fetch`. */
  dataUrl: string;
  close(): Promise<void>;
}

/** Serves `csvPath` as the result of report {@link AVR_REPORT_ID}; anything else is an error status. */
export async function startAvrServer(csvPath: string): Promise<AvrServer> {
  const { size } = await stat(csvPath);
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== DATA_PATH) return sendJson(response, 404, { error: 'QueryExecution Not Found' });
    if (request.headers.authorization !== `dc-token ${AVR_SERVICE_KEY}`) return sendJson(response, 403, { error: 'Bad service token' });
    response.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-length': size });
    // A client that stops early resets the socket; the server has nothing to report then.
    pipeline(createReadStream(csvPath), response).catch(() => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    dataUrl: `${baseUrl}${DATA_PATH}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function sendJson(response: ServerResponse, status: number, body: object): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
