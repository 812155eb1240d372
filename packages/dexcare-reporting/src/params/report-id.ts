import * as z from 'zod';
import { InvalidParamsError } from '@x/core';

const ReportGuid = z.guid();

/**
 * Refuses a report id that is not a GUID before any request: DexCare would answer 400, and a
 * value with `/` or `?` in it would address another resource.
 */
export function checkReportId(id: unknown): string {
  if (typeof id !== 'string' || !ReportGuid.safeParse(id).success) {
    throw new InvalidParamsError('id must be the report GUID that startAvrReport returned', { param: 'id' });
  }
  return id;
}
