/**
 * The error hierarchy shared by every client. Every class sets `name` explicitly (so checks
 * survive minification) and answers `instanceof` across duplicated copies of this package (an
 * ESM and a CJS copy, or two versions in one `node_modules`) through a brand, the way ky's
 * `isHTTPError` matches on name.
 *
 * No message ever quotes a cell, a field value or a key: values that a caller may need are on
 * non-enumerable properties, so `console.log(error)` and `JSON.stringify(error)` do not print them.
 */

import { errorDetails, pathOf, requestedWait, stringField, vendorMessage } from './response-details.js';
import { requestIdOf } from './response-meta.js';

const BRAND = Symbol.for('@x/core.SdkError');

/**
 * Any class of the SDK's errors, as {@link isSdkError} takes it.
 * @inline
 */
type ErrorClass = abstract new (...args: never[]) => SdkError;

function hideValue<T extends object>(target: T, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: false, writable: false, configurable: true });
}

/** Options every SDK error accepts. */
export interface SdkErrorOptions {
  /** The underlying error, kept for debugging. Never a ky `HTTPError` (it holds request headers). */
  cause?: unknown;
}

/**
 * Base class of every error the SDK throws on purpose.
 *
 * @example
 * ```ts
 * try { await client.export('patients').toArray(); }
 * catch (error) { if (error instanceof SdkError) log(error.name, error.message); else throw error; }
 * ```
 */
export class SdkError extends Error {
  declare readonly [BRAND]: readonly string[];

  constructor(message: string, options: SdkErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SdkError';
    const names: string[] = [];
    for (let klass: unknown = new.target; typeof klass === 'function' && klass !== Error; klass = Object.getPrototypeOf(klass)) {
      const errorName = (klass as { errorName?: unknown }).errorName;
      if (typeof errorName === 'string') names.push(errorName);
    }
    hideValue(this, BRAND as unknown as string, names);
  }

  /** The stable name `instanceof` matches on when classes come from different copies of the package. */
  static readonly errorName: string = 'SdkError';

  /**
   * Makes `instanceof` also match an error from another copy of the package (two versions in one
   * app), by its brand: the names of its class and the classes it extends.
   */
  static override [Symbol.hasInstance](instance: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, instance)) return true;
    const names = (instance as { [BRAND]?: unknown } | null | undefined)?.[BRAND];
    return Array.isArray(names) && names.includes(this.errorName);
  }
}

/** One problem the vendor reported in an error body (Luscii's `errors[]`). */
export interface ApiErrorDetail {
  code?: string;
  message?: string;
  attribute?: string;
}

/** What an {@link ApiError} knows about the exchange that failed. */
export interface ApiErrorInit extends SdkErrorOptions {
  status: number;
  /** The parsed JSON body, or the text when it was not JSON, or `undefined` when there was none. */
  body?: unknown;
  method: string;
  /** The request URL with credentials and secret-looking query parameters removed. */
  url: string;
  /** Response headers worth keeping: request id, rate limits, `retry-after`. */
  headers?: Record<string, string>;
  /** A message to use when the body does not carry one. */
  message?: string;
}

/**
 * The server answered with an error status (or a success whose body is not what the API promises).
 * Subclasses narrow it by status: {@link AuthenticationError}, {@link NotFoundError}, {@link RateLimitError}.
 */
export class ApiError extends SdkError {
  static override readonly errorName: string = 'ApiError';
  /** The HTTP status code. */
  readonly status: number;
  /** The parsed body: JSON when it parsed, else the text. */
  readonly body: unknown;
  readonly method: string;
  /** The URL without credentials or secret query parameters. */
  readonly url: string;
  /** Headers kept from the response (lower-case names). */
  readonly headers: Readonly<Record<string, string>>;
  /** The vendor's request id, when it sends one. */
  readonly requestId: string | undefined;
  /** The vendor's error code, when the body has one. */
  readonly code: string | undefined;
  /** Every problem the body lists (Luscii's `errors[]`), possibly empty. */
  readonly errors: readonly ApiErrorDetail[];

  constructor(init: ApiErrorInit) {
    const details = errorDetails(init.body);
    const reason = vendorMessage(init.body, details) ?? init.message ?? 'request failed';
    super(`${init.status} ${reason} (${init.method} ${pathOf(init.url)})`, init);
    this.name = 'ApiError';
    this.status = init.status;
    this.body = init.body;
    this.method = init.method;
    this.url = init.url;
    this.headers = init.headers ?? {};
    this.requestId = requestIdOf(this.headers);
    this.errors = details;
    this.code = details.find((detail) => detail.code !== undefined)?.code ?? stringField(init.body, 'code');
  }

  /**
   * Builds the subclass that fits the status, the way openai-node's `APIError.generate` does.
   *
   * @example
   * ```ts
   * throw ApiError.fromStatus({ status: 404, body: { error: 'QueryExecution Not Found' }, method: 'GET', url });
   * ```
   */
  static fromStatus(init: ApiErrorInit): ApiError {
    if (init.status === 401 || init.status === 403) return new AuthenticationError(init);
    if (init.status === 404) return new NotFoundError(init);
    if (init.status === 429) return new RateLimitError(init);
    return new ApiError(init);
  }
}

/** 401 or 403: the key is missing, wrong, revoked or lacks the permission. */
export class AuthenticationError extends ApiError {
  static override readonly errorName: string = 'AuthenticationError';
  constructor(init: ApiErrorInit) {
    super(init);
    this.name = 'AuthenticationError';
  }
}

/** 404: the resource (a report id, an endpoint) does not exist. */
export class NotFoundError extends ApiError {
  static override readonly errorName: string = 'NotFoundError';
  constructor(init: ApiErrorInit) {
    super(init);
    this.name = 'NotFoundError';
  }
}

/** 429 after every retry, or with a `Retry-After` longer than the SDK is willing to wait. */
export class RateLimitError extends ApiError {
  static override readonly errorName: string = 'RateLimitError';
  /** How long the server asked to wait, in milliseconds, when it said. */
  readonly retryAfterMs: number | undefined;
  constructor(init: ApiErrorInit) {
    super(init);
    this.name = 'RateLimitError';
    this.retryAfterMs = requestedWait((name) => this.headers[name]);
  }
}

/** The connection failed or dropped (DNS, refused, reset, a body cut off part-way). */
export class ConnectionError extends SdkError {
  static override readonly errorName: string = 'ConnectionError';
  constructor(message: string, options: SdkErrorOptions = {}) {
    super(message, options);
    this.name = 'ConnectionError';
  }
}

/** A request got no response, or a body stalled, within the timeout. A kind of {@link ConnectionError}. */
export class TimeoutError extends ConnectionError {
  static override readonly errorName: string = 'TimeoutError';
  /** The timeout that ran out, in milliseconds. */
  readonly timeoutMs: number;
  constructor(message: string, options: SdkErrorOptions & { timeoutMs: number }) {
    super(message, options);
    this.name = 'TimeoutError';
    this.timeoutMs = options.timeoutMs;
  }
}

/** Parameters refused before any request was sent. */
export class InvalidParamsError extends SdkError {
  static override readonly errorName: string = 'InvalidParamsError';
  /** The parameter at fault, when there is one. */
  readonly param: string | undefined;
  constructor(message: string, options: SdkErrorOptions & { param?: string } = {}) {
    super(message, options);
    this.name = 'InvalidParamsError';
    this.param = options.param;
  }
}

/** One problem with one value, as zod reports it, without the value. */
export interface ValidationIssue {
  /** Where in the row: `['destinations']`, `['data', 'archive']`. */
  path: readonly PropertyKey[];
  code: string;
  message: string;
}

/** Where a bad value sits. */
export interface DataLocation {
  /** The table or report: `'messages'`, `'measurements'`. */
  source: string;
  /** The column or field at fault, when one is. */
  field?: string | undefined;
  /** 1-based data record number in a CSV (the header is not counted). */
  record?: number | undefined;
  /** 1-based page number of a paged export. */
  page?: number | undefined;
  /** 0-based row index within the page. */
  index?: number | undefined;
}

/**
 * A row, cell or page that does not match its model. The message names source, position and
 * field but never the value: cells hold patient data. The raw value and row are on `value` and
 * `row`, which are not enumerable, so logging the error does not print them.
 */
export class DataValidationError extends SdkError {
  static override readonly errorName: string = 'DataValidationError';
  readonly source: string;
  readonly field: string | undefined;
  readonly record: number | undefined;
  readonly page: number | undefined;
  readonly index: number | undefined;
  readonly issues: readonly ValidationIssue[];
  /** The offending raw value (not enumerable). */
  declare readonly value: unknown;
  /** The whole raw row (not enumerable). */
  declare readonly row: unknown;

  constructor(
    location: DataLocation,
    detail: { issues?: readonly ValidationIssue[]; reason?: string; value?: unknown; row?: unknown } & SdkErrorOptions = {},
  ) {
    const issues = detail.issues ?? [];
    const reason = detail.reason ?? issues[0]?.message ?? 'invalid value';
    super(`Invalid ${describeLocation(location)}: ${reason}`, detail);
    this.name = 'DataValidationError';
    this.source = location.source;
    this.field = location.field;
    this.record = location.record;
    this.page = location.page;
    this.index = location.index;
    this.issues = issues;
    hideValue(this, 'value', detail.value);
    hideValue(this, 'row', detail.row);
  }
}

/** The export file is not what it should be: not a zip, truncated, corrupt, missing a file or column, over a limit. */
export class ExportFormatError extends SdkError {
  static override readonly errorName: string = 'ExportFormatError';
  /** The table, entry or report concerned, when there is one. */
  readonly source: string | undefined;
  constructor(message: string, options: SdkErrorOptions & { source?: string } = {}) {
    super(message, options);
    this.name = 'ExportFormatError';
    this.source = options.source;
  }
}

/** A poll ran out of time before the job finished. */
export class PollTimeoutError extends SdkError {
  static override readonly errorName: string = 'PollTimeoutError';
  /** The last status seen, if any poll succeeded. */
  readonly lastStatus: string | undefined;
  readonly timeoutMs: number;
  constructor(message: string, options: SdkErrorOptions & { lastStatus: string | undefined; timeoutMs: number }) {
    super(message, options);
    this.name = 'PollTimeoutError';
    this.lastStatus = options.lastStatus;
    this.timeoutMs = options.timeoutMs;
  }
}

/** A job ended in a failure state (failed past its grace period, or cancelled). */
export class ReportFailedError extends SdkError {
  static override readonly errorName: string = 'ReportFailedError';
  /** The status the job ended in: `'FAILED'`, `'CANCELLED'`. */
  readonly status: string;
  /** The job or report id, when there is one. */
  readonly reportId: string | undefined;
  constructor(message: string, options: SdkErrorOptions & { status: string; reportId?: string }) {
    super(message, options);
    this.name = 'ReportFailedError';
    this.status = options.status;
    this.reportId = options.reportId;
  }
}

/** `true` for any error of the given class, even one from another copy of this package. */
export function isSdkError<T extends ErrorClass = typeof SdkError>(error: unknown, klass?: T): error is InstanceType<T> {
  return error instanceof (klass ?? SdkError);
}

function describeLocation({ source, field, record, page, index }: DataLocation): string {
  const parts = [source];
  if (page !== undefined) parts.push(`page ${page}`);
  if (index !== undefined) parts.push(`row ${index}`);
  if (record !== undefined) parts.push(`record ${record}`);
  let text = parts.join(' ');
  if (field !== undefined) text += `, field "${field}"`;
  return text;
}
