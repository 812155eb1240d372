import { ApiError, type ApiErrorInit } from '@x/core';

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
