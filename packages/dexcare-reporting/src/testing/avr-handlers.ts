import { http, HttpResponse, type HttpHandler } from 'msw';
import * as z from 'zod';
import { pulledBody, type DownloadInterruption, type FakeDownload } from './download-body.js';
import { DEXCARE_ERROR_BODIES, statusBadRequest } from './error-bodies.js';
import { fakeGuid } from './fake-ids.js';
import { errorAnswer, serve, trimBase, type FakeEndpoint } from './fake-server.js';

/** The status sequences of the named lifecycles; the last status of each stays. */
export const AVR_LIFECYCLES = {
  /** QUEUED → RUNNING → SUCCEEDED. */
  succeeds: ['QUEUED', 'RUNNING', 'SUCCEEDED'],
  /** DexCare's auto-retry: FAILED, then QUEUED again, then SUCCEEDED. */
  'transient-failure': ['QUEUED', 'RUNNING', 'FAILED', 'QUEUED', 'RUNNING', 'SUCCEEDED'],
  /** FAILED for good. */
  fails: ['QUEUED', 'RUNNING', 'FAILED'],
  /** Cancelled at DexCare. */
  cancelled: ['QUEUED', 'CANCELLED'],
} as const satisfies Record<string, readonly string[]>;

/** A named lifecycle, or your own sequence of statuses (unknown ones included). */
export type AvrLifecycle = keyof typeof AVR_LIFECYCLES | readonly [string, ...string[]];

/** Options of the fake All Visits Report. */
export interface FakeAvrOptions {
  /**
   * The statuses each report goes through; the last one stays.
   * @default 'succeeds'
   */
  lifecycle?: AvrLifecycle | undefined;
  /**
   * When a report moves to its next status: after each status request it answers, or every
   * `everyMs` since it started (fake timers move it too).
   * @default 'per-request'
   */
  advance?: 'per-request' | { everyMs: number } | undefined;
  /**
   * The first this many status requests of each report answer 500 `{ error: 'Unknown error' }`.
   * @default 0
   */
  serverErrors?: number | undefined;
  /**
   * The first this many starts create their report and then lose the answer (the connection
   * drops on the way back), as a retried start meets it.
   * @default 0
   */
  lostStartAnswers?: number | undefined;
  /**
   * Bytes per chunk of a download.
   * @default 16_384
   */
  chunkSize?: number | undefined;
  /** Cut every download short: see {@link DownloadInterruption}. */
  interruptDownload?: DownloadInterruption | undefined;
}

/** A report the fake started, for assertions. */
export interface FakeAvrReport {
  id: string;
  type: string;
  startDate: string | undefined;
  endDate: string | undefined;
  /** Every status answered, in order. */
  statuses: string[];
  /** Status requests answered with a 500. */
  serverErrors: number;
  /** Every download of its data, in order. */
  downloads: FakeDownload[];
}

/** The fake's report data: the CSV bytes, and where each record ends. */
export interface FakeAvrData {
  bytes: Uint8Array;
  /** Byte offset past the header (index 0) and each row, when known. */
  recordEnds: readonly number[] | undefined;
}

const TYPES = ['virtual', 'retail', 'provider_booking'];
const StartBody = z.object({ type: z.unknown(), startDate: z.string().optional(), endDate: z.string().optional() });

/** The three All Visits Report endpoints, on shared state. */
export function avrHandlers(
  endpoint: FakeEndpoint,
  options: FakeAvrOptions,
  data: FakeAvrData,
  reports: Map<string, FakeAvrReport>,
): HttpHandler[] {
  const lifecycle: readonly string[] = typeof options.lifecycle === 'object' ? options.lifecycle : AVR_LIFECYCLES[options.lifecycle ?? 'succeeds'];
  const startedAt = new Map<string, number>();
  let lostAnswers = 0;
  const base = `${trimBase(endpoint.baseUrl)}/api/8/reporting/allvisitsreport`;

  function statusNow(report: FakeAvrReport, checking: boolean): string {
    const last = lifecycle.length - 1;
    if (typeof options.advance === 'object') {
      return lifecycle[Math.min(Math.floor((Date.now() - startedAt.get(report.id)!) / options.advance.everyMs), last)]!;
    }
    const answered = report.statuses.length;
    return lifecycle[Math.min(checking ? answered : Math.max(answered - 1, 0), last)]!;
  }

  function reportFor(id: string, badRequest: object): Response | FakeAvrReport {
    if (!z.guid().safeParse(id).success) return errorAnswer(badRequest, 400);
    return reports.get(id) ?? errorAnswer(DEXCARE_ERROR_BODIES.notFound, 404);
  }

  return [
    http.post(base, ({ request }) =>
      serve(endpoint, request, (body) => {
        const parsed = StartBody.safeParse(body);
        if (!parsed.success || parsed.data.type === undefined) return errorAnswer(DEXCARE_ERROR_BODIES.typeRequired, 400);
        const { type, startDate, endDate } = parsed.data;
        if (typeof type !== 'string' || !TYPES.includes(type)) return errorAnswer(DEXCARE_ERROR_BODIES.typeNotAllowed, 400);
        if ((startDate === undefined) !== (endDate === undefined)) {
          return errorAnswer({ error: "'startDate' and 'endDate' must be given together" }, 400);
        }
        const id = fakeGuid(0xa, reports.size + 1);
        reports.set(id, { id, type, startDate, endDate, statuses: [], serverErrors: 0, downloads: [] });
        startedAt.set(id, Date.now());
        if (lostAnswers < (options.lostStartAnswers ?? 0)) {
          lostAnswers += 1;
          return HttpResponse.error();
        }
        return HttpResponse.json({ id });
      }),
    ),
    http.get(`${base}/:id`, ({ request, params }) =>
      serve(endpoint, request, () => {
        const id = String(params.id);
        const report = reportFor(id, statusBadRequest(id));
        if (report instanceof Response) return report;
        if (report.serverErrors < (options.serverErrors ?? 0)) {
          report.serverErrors += 1;
          return errorAnswer(DEXCARE_ERROR_BODIES.unknownError, 500);
        }
        const status = statusNow(report, true);
        report.statuses.push(status);
        return HttpResponse.json({ status });
      }),
    ),
    http.get(`${base}/:id/data`, ({ request, params }) =>
      serve(endpoint, request, () => {
        const report = reportFor(String(params.id), DEXCARE_ERROR_BODIES.invalidReportId);
        if (report instanceof Response) return report;
        if (statusNow(report, false) !== 'SUCCEEDED') return errorAnswer(DEXCARE_ERROR_BODIES.notSucceeded, 400);
        const download: FakeDownload = { bytesSent: 0, bytesTotal: data.bytes.byteLength };
        report.downloads.push(download);
        const body = pulledBody(data.bytes, { chunkSize: options.chunkSize ?? 16_384, cutAt: cutAt(options.interruptDownload, data), how: options.interruptDownload?.how ?? 'drop' }, download);
        return new HttpResponse(body, {
          headers: { 'content-type': 'text/csv; charset=utf-8', 'content-length': String(data.bytes.byteLength) },
        });
      }),
    ),
  ];
}

function cutAt(interruption: DownloadInterruption | undefined, data: FakeAvrData): number | undefined {
  if (interruption === undefined) return undefined;
  if (interruption.afterBytes !== undefined) return interruption.afterBytes;
  const rows = interruption.afterRows ?? 0;
  const ends = data.recordEnds;
  if (ends === undefined) throw new Error('interruptDownload.afterRows needs the generated CSV; give afterBytes with a custom csv');
  return ends[Math.min(rows, ends.length - 1)];
}
