/**
 * What a successful call tells about its response, in one shape for every client: the status
 * and the vendor's request id, as errors carry them (`ApiError.status`, `ApiError.requestId`).
 */

/** The request-id headers vendors send, in the order they are looked for. */
export const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-correlation-id', 'x-amzn-requestid', 'x-amz-request-id'] as const;

/**
 * The response behind a page or a result, on its `response` property.
 *
 * @example
 * ```ts
 * const report = await dex.startAvrReport({ type: 'virtual' });
 * console.log(report.id, report.response.status, report.response.requestId);
 * ```
 */
export interface ResponseMeta {
  /** The HTTP status code. */
  readonly status: number;
  /** The vendor's request id (`x-request-id` and the like), when it sends one: quote it to their support. */
  readonly requestId: string | undefined;
}

/** A result with the {@link ResponseMeta} of the response it came from. */
export type WithResponse<T> = T & {
  /** Status and request id of the response. Not enumerable: spreads and `JSON.stringify` leave it out. */
  readonly response: ResponseMeta;
};

/** The vendor's request id among lower-cased response headers. */
export function requestIdOf(headers: Readonly<Record<string, string>>): string | undefined {
  for (const name of REQUEST_ID_HEADERS) if (headers[name] !== undefined) return headers[name];
  return undefined;
}

/** The metadata of a response. */
export function responseMeta(response: { status: number; headers: Headers }): ResponseMeta {
  let requestId: string | undefined;
  for (const name of REQUEST_ID_HEADERS) requestId ??= response.headers.get(name) ?? undefined;
  return { status: response.status, requestId };
}

/**
 * Attaches `response` to a result as a non-enumerable property (the way stripe-node's
 * `lastResponse` is), so equality checks and spreads of the result see only its data.
 *
 * @example
 * ```ts
 * return withResponse(parseOrThrow(DexCareAvrReport, body, location), responseMeta(reply));
 * ```
 */
export function withResponse<T extends object>(result: T, response: ResponseMeta): WithResponse<T> {
  Object.defineProperty(result, 'response', { value: response, enumerable: false, configurable: true });
  return result as WithResponse<T>;
}
