import { HttpResponse } from 'msw';
import { DEXCARE_ERROR_BODIES } from './error-bodies.js';

/** A request the fake answered, without its headers (they hold the key). */
export interface DexCareFakeRequest {
  method: string;
  /** The URL path: `/api/8/reporting/allvisitsreport`. */
  path: string;
  /** The parsed JSON body of a POST, `undefined` for a GET. */
  body: unknown;
}

/** @deprecated Renamed {@link DexCareFakeRequest}, like `LusciiFakeRequest`: a fake's request is `<Vendor>FakeRequest`. This name goes in the next major. */
export type FakeRequest = DexCareFakeRequest;

/** What every fake endpoint shares: where it logs, and which key it accepts. */
export interface FakeEndpoint {
  baseUrl: string;
  key: string;
  requests: DexCareFakeRequest[];
}

/**
 * Logs the request, then answers the documented 403 if its key is wrong, or hands over to
 * `answer` with the parsed JSON body.
 */
export async function serve(
  endpoint: FakeEndpoint,
  request: Request,
  answer: (body: unknown) => Response | Promise<Response>,
): Promise<Response> {
  const body: unknown = request.method === 'POST' ? await request.json().catch(() => undefined) : undefined;
  endpoint.requests.push({ method: request.method, path: new URL(request.url).pathname, body });
  if (request.headers.get('authorization') !== `dc-token ${endpoint.key}`) {
    return HttpResponse.json(DEXCARE_ERROR_BODIES.badServiceToken, { status: 403 });
  }
  return answer(body);
}

/** A JSON error answer. */
export function errorAnswer(body: object, status: number): Response {
  return HttpResponse.json(body, { status });
}

/** The base URL without a trailing slash, for msw's URL patterns. */
export function trimBase(url: string): string {
  return url.replace(/\/+$/, '');
}
