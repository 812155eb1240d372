import { ApiError, ConnectionError, InvalidParamsError, SdkError, TimeoutError, type ApiErrorInit } from '@x/core';
import { provesNotProcessed } from '@x/core/internal';

const NOT_SUCCEEDED = /did not succeed/i;

/**
 * The report's data was asked for before the report reached `SUCCEEDED` (DexCare answers 400
 * `QueryExecution did not succeed`). Wait for it with `waitForAvrReport`, then download. A kind
 * of {@link ApiError}, with the status and DexCare's body.
 *
 * @example
 * ```ts
 * try { await dex.getAvrResultCsv(id); }
 * catch (error) { if (error instanceof ReportNotReadyError) await dex.waitForAvrReport(id); else throw error; }
 * ```
 */
export class ReportNotReadyError extends ApiError {
  static override readonly errorName: string = 'ReportNotReadyError';
  constructor(init: ApiErrorInit) {
    super(init);
    this.name = 'ReportNotReadyError';
    this.message =
      `${init.status} the report has no data: its query has not succeeded (DexCare: QueryExecution did not succeed). ` +
      `Wait for SUCCEEDED with waitForAvrReport before downloading (${init.method} ${pathOf(init.url)})`;
  }
}

/** Turns DexCare's 400 for a report without data into a {@link ReportNotReadyError}; other errors pass. */
export function explainDownloadError(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.status !== 400 || !saysNotSucceeded(error.body)) return error;
  return new ReportNotReadyError({
    status: error.status,
    body: error.body,
    method: error.method,
    url: error.url,
    headers: { ...error.headers },
    cause: error,
  });
}

/** DexCare puts its message under `error`, `message` or `msg`, depending on the endpoint. */
function saysNotSucceeded(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  return ['error', 'message', 'msg'].some((key) => {
    const text = (body as Record<string, unknown>)[key];
    return typeof text === 'string' && NOT_SUCCEEDED.test(text);
  });
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

/**
 * `startAvrReport` sent its request and got no usable answer: a timeout, a connection dropped
 * after sending, a 5xx, or a success whose body could not be read. DexCare may have started the
 * report, so the SDK did not send the start again (that could start a second and a third). The
 * underlying error is the `cause`. Starting another report is safe for your data (a report only
 * reads) but costs a query at DexCare; a job that must not start two can wait a little and check
 * with DexCare before it starts again.
 *
 * @example
 * ```ts
 * try { ({ id } = await dex.startAvrReport({ type: 'virtual' })); }
 * catch (error) { if (error instanceof ReportStartUnconfirmedError) alertOperator(error.message); throw error; }
 * ```
 */
export class ReportStartUnconfirmedError extends SdkError {
  static override readonly errorName: string = 'ReportStartUnconfirmedError';
  constructor(cause: SdkError) {
    super(
      `${START_REQUEST}: a report may have been started and was not confirmed (${unconfirmedReason(cause)}). ` +
        'The start was not sent again, so no second report was started by the SDK',
      { cause },
    );
    this.name = 'ReportStartUnconfirmedError';
  }
}

const START_REQUEST = 'POST /api/8/reporting/allvisitsreport';

/**
 * What a failed `startAvrReport` means: the error as it is when it proves no report was made
 * (refused before sending, 429, 503 with `Retry-After`, a 4xx refusal) or is the caller's abort;
 * otherwise a {@link ReportStartUnconfirmedError}.
 */
export function explainStartError(error: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted || !(error instanceof SdkError) || error instanceof InvalidParamsError || provesNotProcessed(error)) return error;
  if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 408) return error;
  return new ReportStartUnconfirmedError(error);
}

function unconfirmedReason(cause: SdkError): string {
  if (cause instanceof ApiError) return cause.status >= 300 ? `DexCare answered ${cause.status}` : `DexCare's ${cause.status} answer could not be read`;
  if (cause instanceof TimeoutError) return `no answer within ${cause.timeoutMs} ms`;
  if (cause instanceof ConnectionError) return 'the connection was lost after the request was sent';
  return `the answer did not hold a report id (${cause.name})`;
}
