/**
 * A quote that opens in the middle of an unquoted cell (`Zelphine "Q`), or after a space, is not
 * valid CSV. csv-parse reports it with the one error code it writes without the `CSV_` prefix,
 * and its message quotes the cell: it must still come out as the SDK's `ExportFormatError`,
 * naming table and record but not the value.
 */
import { describe, expect, test } from 'vitest';
import { ExportFormatError, SdkError } from '../src/index.js';
import { buildZip } from '../src/testing.js';
import { openSpruceExport } from '../src/index.js';
import { caught, collect, PATIENT_VALUES } from './helpers/index.js';

const METADATA = 'start_timestamp,end_timestamp\n2024-05-01T00:00:00Z,2024-06-01T00:00:00Z\n';

async function readMappings(csv: string) {
  const exp = await openSpruceExport(buildZip([{ name: 'metadata.csv', data: METADATA }, { name: 'patient_id_mappings.csv', data: csv }]));
  return collect(exp.rows('patient_id_mappings', { onInvalidRow: () => undefined }));
}

describe('a quote opening inside an unquoted cell', () => {
  test.each([
    ['mid-cell', `entity_id,type,external_id\nent_1,elation,140623\nent_2,elation,${PATIENT_VALUES.lastName} "Q\n`, 2],
    ['after a leading space', 'entity_id,type,external_id\n "ent_1",elation,140623\n', 1],
  ])('%s: an ExportFormatError naming table and record, never the cell', async (_, csv, record) => {
    const error = await caught(readMappings(csv));
    expect(error).toBeInstanceOf(ExportFormatError);
    expect(error).toBeInstanceOf(SdkError);
    expect(error.message).toBe(`patient_id_mappings: record ${record} is not valid CSV (INVALID_OPENING_QUOTE)`);
    expect(JSON.stringify({ ...error, message: error.message, cause: String(error.cause) })).not.toContain(PATIENT_VALUES.lastName);
  });
});
