import { z } from 'zod';
import { values } from '@x/core';

/** The statuses DexCare documents for an All Visits Report. */
export const AVR_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;

/**
 * The status of an All Visits Report. A status DexCare adds later passes through as a string,
 * and `waitForAvrReport` treats it as still pending.
 */
export type AvrStatus = (typeof AVR_STATUSES)[number] | (string & {});

/** A started All Visits Report: `{ id }`, the GUID the status and data requests take. */
export const AvrReport = z.looseObject({
  id: z.guid({ error: 'expected a report GUID' }),
});
export type AvrReport = z.infer<typeof AvrReport>;

/** The answer of `getAvrReportStatus`: `{ status }`. */
export const AvrReportStatus = z.looseObject({
  status: values.openEnum(AVR_STATUSES),
});
export type AvrReportStatus = z.infer<typeof AvrReportStatus>;
