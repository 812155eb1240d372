import * as z from 'zod';
import { values } from '@x/core';

/** The statuses DexCare documents for an All Visits Report. */
export const AVR_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;

/**
 * The status of an All Visits Report. A status DexCare adds later passes through as a string,
 * and `waitForAvrReport` treats it as still pending.
 */
export type AvrStatus = (typeof AVR_STATUSES)[number] | (string & {});

/** A started All Visits Report: `{ id }`, the GUID the status and data requests take. */
export const AvrReport = z
  .looseObject({
    id: z
      .guid({ error: 'expected a report GUID' })
      .describe('The id of the report (a GUID), which `getAvrReportStatus`, `waitForAvrReport` and the result downloads take.'),
  })
  .describe('The answer of `startAvrReport`: the report started, by its id. The report itself comes later.');
export type AvrReport = z.infer<typeof AvrReport>;

/** The answer of `getAvrReportStatus`: `{ status }`. */
export const AvrReportStatus = z
  .looseObject({
    status: values
      .openEnum(AVR_STATUSES)
      .describe(
        'QUEUED: queued to run; RUNNING: running; SUCCEEDED: ready for download; FAILED: failed to run, though DexCare may ' +
          'retry it on its own, so FAILED can turn back into QUEUED moments later; CANCELLED: cancelled by a user, not expected ' +
          'unless something exceptional happened on the DexCare side. A status DexCare adds later passes, and waiting treats it as pending.',
      ),
  })
  .describe('The answer of `getAvrReportStatus`: where the report is.');
export type AvrReportStatus = z.infer<typeof AvrReportStatus>;
