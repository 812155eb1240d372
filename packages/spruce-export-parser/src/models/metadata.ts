import * as z from 'zod';
import { values } from '@x/core';

/** `metadata.csv`: the period the export covers, in one row. */
export const MetadataRow = z
  .looseObject({
    start_timestamp: values.timestamp().describe('Start of the period the export covers.'),
    end_timestamp: values.timestamp().describe('End of the period the export covers.'),
  })
  .describe('Metadata of the report: the period it covers. One row.');
export type MetadataRow = z.infer<typeof MetadataRow>;
