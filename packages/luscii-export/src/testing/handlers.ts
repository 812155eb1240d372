import { http, HttpResponse, type HttpHandler, type JsonBodyType } from 'msw';
import { values } from '@x/core';
import { LUSCII_BASE_URL } from '../options.js';
import type { LusciiWireRows } from '../models/index.js';
import { isLusciiReportType, LUSCII_DATE_RULES, type LusciiReportType } from '../report-types.js';
import { decodeCursor, encodeCursor, type FakeCursor } from './cursor.js';
import { FAKE_CREATION_FIELDS, fakeLusciiOrganisation, type FakeLusciiOrganisation, type FakeLusciiOrganisationOptions } from './fake-organisation.js';
import { FaultPlan, MALFORMED_FIELD, type LusciiFault } from './faults.js';

/** Options of {@link lusciiHandlers}: the fake organisation's data, and how the fake API behaves. */
export interface LusciiHandlersOptions extends FakeLusciiOrganisationOptions {
  /** @default 'https://api.luscii.com' */
  baseUrl?: string | undefined;
  /**
   * The only key the fake accepts; any other `Authorization` is a 401.
   * @default FAKE_LUSCII_API_KEY
   */
  apiKey?: string | undefined;
  /** @default 50 */
  perPage?: number | undefined;
  /** Faults to inject; none by default. */
  faults?: readonly LusciiFault[] | undefined;
}

/** One request the fake received, for assertions. */
export interface LusciiFakeRequest {
  method: string;
  reportType: string;
  startDate: string | null;
  endDate: string | null;
  cursor: string | null;
  /** The page asked for (1-based from the export's first row), once the request passed the checks. */
  page: number | undefined;
  status: number;
  /** The fault that spoiled this request, if one did. */
  fault: LusciiFault['fault'] | undefined;
  /** Rows in the response. */
  rows: number;
}

/** The fake Export API: msw handlers, the data they serve, and what they were asked. */
export interface LusciiFakeApi {
  /** Pass to `setupServer(...api.handlers)` or `server.use(...api.handlers)`. */
  handlers: HttpHandler[];
  organisation: FakeLusciiOrganisation;
  baseUrl: string;
  apiKey: string;
  perPage: number;
  /** Every request received, in order. */
  requests: LusciiFakeRequest[];
  /**
   * The rows an export serves (wire form, in order) for these dates: what a client should yield.
   * Dates are inclusive and apply to each report's creation date.
   */
  rowsFor<R extends LusciiReportType>(reportType: R, dates?: { startDate?: string; endDate?: string }): LusciiWireRows[R][];
}

/** The key the fake accepts unless told otherwise. Not a real key. */
export const FAKE_LUSCII_API_KEY = 'fake-luscii-key-for-tests';

interface ApiErrorEntry {
  code: string;
  message: string;
  attribute: string | null;
}

/**
 * msw handlers serving a fake Luscii organisation at `POST {baseUrl}/v1/export/:reportType`:
 * 50 rows a page, opaque base64 JSON cursors, the date rules of the endpoint table (a 422 with
 * an `errors[]` body), rows filtered by date, a 401 for any other key, and opt-in faults.
 *
 * @example
 * ```ts
 * const api = lusciiHandlers({ rows: { measurements: 120 }, faults: [{ fault: 'rateLimit', page: 2 }] });
 * const server = setupServer(...api.handlers);
 * server.listen({ onUnhandledRequest: 'error' });
 * const client = new LusciiClient({ apiKey: api.apiKey });
 * ```
 */
export function lusciiHandlers(options: LusciiHandlersOptions = {}): LusciiFakeApi {
  const organisation = fakeLusciiOrganisation(options);
  const baseUrl = (options.baseUrl ?? LUSCII_BASE_URL).replace(/\/+$/, '');
  const apiKey = options.apiKey ?? FAKE_LUSCII_API_KEY;
  const perPage = options.perPage ?? 50;
  const plan = new FaultPlan(options.faults ?? []);
  const requests: LusciiFakeRequest[] = [];

  const rowsFor = <R extends LusciiReportType>(reportType: R, dates: { startDate?: string; endDate?: string } = {}) =>
    numbered(organisation.rows[reportType], reportType, dates).map(({ row }) => row);

  const handler = http.post(`${baseUrl}/v1/export/:reportType`, ({ request, params }) => {
    const url = new URL(request.url);
    const query = (name: string) => url.searchParams.get(name) || null;
    const entry: LusciiFakeRequest = {
      method: request.method,
      reportType: String(params.reportType),
      startDate: query('startDate'),
      endDate: query('endDate'),
      cursor: query('cursor'),
      page: undefined,
      status: 200,
      fault: undefined,
      rows: 0,
    };
    requests.push(entry);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      return HttpResponse.json(body as JsonBodyType, { status, headers });
    };

    if (request.headers.get('authorization') !== `Bearer ${apiKey}`) {
      return reply(401, errorBody(perPage, [{ code: 'unauthenticated', message: 'Unauthenticated.', attribute: null }]));
    }
    const { reportType } = entry;
    if (!isLusciiReportType(reportType)) {
      return reply(404, errorBody(perPage, [{ code: 'not_found', message: 'Unknown report type.', attribute: 'reportType' }]));
    }
    const problems = dateProblems(reportType, entry.startDate, entry.endDate);
    const cursor = entry.cursor === null ? undefined : decodeCursor(entry.cursor);
    if (entry.cursor !== null && !cursor) problems.push({ code: 'invalid', message: 'The cursor is invalid.', attribute: 'cursor' });
    if (problems.length > 0) return reply(422, errorBody(perPage, problems));

    const served: readonly Record<string, unknown>[] = organisation.rows[reportType];
    const rows = numbered(served, reportType, {
      ...(entry.startDate ? { startDate: entry.startDate } : {}),
      ...(entry.endDate ? { endDate: entry.endDate } : {}),
    });
    const page = pageAt(rows, cursor, perPage);
    entry.page = page.number;
    const fault = plan.take(reportType, page.number);
    entry.fault = fault?.fault;
    const envelope = (data: unknown[], meta: Record<string, unknown> = metaOf(page, perPage, url)) => {
      entry.rows = data.length;
      return { meta, data };
    };

    switch (fault?.fault) {
      case 'rateLimit':
        return reply(429, errorBody(perPage, [{ code: 'too_many_requests', message: 'Too Many Attempts.', attribute: null }]), {
          'retry-after': String(fault.retryAfterSeconds ?? 1),
        });
      case 'serverError':
        return reply(fault.status ?? 503, errorBody(perPage, [{ code: 'server_error', message: 'Server Error', attribute: null }]));
      case 'networkError':
        entry.status = 0;
        return HttpResponse.error();
      case 'unauthorized':
        return reply(401, errorBody(perPage, [{ code: 'unauthenticated', message: 'Unauthenticated.', attribute: null }]));
      case 'html':
        entry.status = 200;
        return HttpResponse.html('<!doctype html><html><body><h1>Down for maintenance</h1></body></html>', { status: 200 });
      case 'errorsInBody':
        return reply(200, {
          ...envelope(page.rows),
          errors: [{ code: 'export_incomplete', message: 'The export could not be completed.', attribute: null }],
        });
      case 'malformedEnvelope':
        return reply(200, envelope(page.rows, { perPage }));
      case 'malformedRow': {
        const data = page.rows.map((row) => ({ ...row }));
        const target = data[fault.index ?? 0];
        if (target) target[fault.field ?? MALFORMED_FIELD[reportType]] = 'value' in fault ? fault.value : '<<malformed>>';
        return reply(200, envelope(data));
      }
      case 'repeatCursor': {
        const meta = metaOf(page, perPage, url);
        return reply(200, envelope(page.rows, { ...meta, nextCursor: entry.cursor ?? meta.nextCursor }));
      }
      case 'emptyPage': {
        const here: FakeCursor = { id: page.before, _pointsToNextItems: true, _nonce: requests.length };
        return reply(200, envelope([], { ...metaOf(page, perPage, url), nextCursor: encodeCursor(here) }));
      }
      default:
        return reply(200, envelope(page.rows));
    }
  });

  return { handlers: [handler], organisation, baseUrl, apiKey, perPage, requests, rowsFor };
}

interface NumberedRow<T = Record<string, unknown>> {
  /** 1-based position in the whole report, which cursors refer to. */
  id: number;
  row: T;
}

/** The report's rows with their positions, filtered by creation date where the report has dates. */
function numbered<T extends Record<string, unknown>>(
  rows: readonly T[],
  reportType: LusciiReportType,
  dates: { startDate?: string; endDate?: string },
): NumberedRow<T>[] {
  const field = (FAKE_CREATION_FIELDS as Partial<Record<LusciiReportType, string>>)[reportType];
  return rows
    .map((row, i) => ({ id: i + 1, row }))
    .filter(({ row }) => {
      if (field === undefined) return true;
      const day = String(row[field]).slice(0, 10);
      return (dates.startDate === undefined || day >= dates.startDate) && (dates.endDate === undefined || day <= dates.endDate);
    });
}

interface PageSlice {
  number: number;
  rows: Record<string, unknown>[];
  /** Position of the row before the page (0 at the start), and of the page's first and last rows. */
  before: number;
  first: number | undefined;
  last: number | undefined;
  hasNext: boolean;
}

function pageAt(rows: NumberedRow[], cursor: FakeCursor | undefined, perPage: number): PageSlice {
  let start: number;
  if (!cursor) start = 0;
  else if (cursor._pointsToNextItems) start = indexAfter(rows, cursor.id);
  else start = Math.max(0, indexAfter(rows, cursor.id - 1) - perPage);
  const slice = rows.slice(start, start + perPage);
  return {
    number: Math.floor(start / perPage) + 1,
    rows: slice.map(({ row }) => row),
    before: start === 0 ? 0 : rows[start - 1]!.id,
    first: slice[0]?.id,
    last: slice.at(-1)?.id,
    hasNext: start + slice.length < rows.length,
  };
}

function indexAfter(rows: NumberedRow[], id: number): number {
  const index = rows.findIndex((row) => row.id > id);
  return index === -1 ? rows.length : index;
}

function metaOf(page: PageSlice, perPage: number, url: URL): Record<string, unknown> {
  const next = page.hasNext && page.last !== undefined ? encodeCursor({ id: page.last, _pointsToNextItems: true }) : null;
  const prev = page.before > 0 && page.first !== undefined ? encodeCursor({ id: page.first, _pointsToNextItems: false }) : null;
  const pageUrl = (cursor: string | null) => {
    if (cursor === null) return null;
    const link = new URL(url);
    link.searchParams.set('cursor', cursor);
    return link.toString();
  };
  return { perPage, nextCursor: next, nextPageUrl: pageUrl(next), prevCursor: prev, prevPageUrl: pageUrl(prev) };
}

/** What Luscii's validation would refuse, in the documented `errors[]` shape. */
function dateProblems(reportType: LusciiReportType, startDate: string | null, endDate: string | null): ApiErrorEntry[] {
  const rule = LUSCII_DATE_RULES[reportType];
  const problems: ApiErrorEntry[] = [];
  for (const [attribute, value] of [['startDate', startDate], ['endDate', endDate]] as const) {
    if (value === null && rule === 'required') problems.push({ code: 'required', message: `The ${attribute} field is required.`, attribute });
    if (value !== null && rule === 'forbidden') problems.push({ code: 'prohibited', message: `The ${attribute} field is prohibited.`, attribute });
    if (value !== null && rule !== 'forbidden' && !values.isIsoDate(value)) {
      problems.push({ code: 'date_format', message: `The ${attribute} field must match the format Y-m-d.`, attribute });
    }
  }
  if (problems.length === 0 && startDate !== null && endDate !== null && startDate > endDate) {
    problems.push({ code: 'before_or_equal', message: 'The startDate field must be a date before or equal to endDate.', attribute: 'startDate' });
  }
  return problems;
}

/** An error response in the documented envelope: no rows, no cursors, the problems in `errors[]`. */
function errorBody(perPage: number, errors: ApiErrorEntry[]) {
  return { data: [], meta: { perPage, nextCursor: null, nextPageUrl: null, prevCursor: null, prevPageUrl: null }, errors };
}
