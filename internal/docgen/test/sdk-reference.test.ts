import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { LUSCII_REPORT_TYPES } from '@x/luscii-export';
import { TABLE_NAMES } from '@x/spruce-export-parser';
import { DATA_REFERENCE_FILE, REFERENCE_MODELS, renderDataReference } from '../../../scripts/data-reference.js';
import { columnReference, modelDescription } from '../src/index.js';

describe('the data reference (docs/data-reference.md)', () => {
  test('covers every Luscii report type, the DexCare records and every Spruce table', () => {
    const names = REFERENCE_MODELS.map(({ packageName, name }) => `${packageName}:${name}`);
    expect(REFERENCE_MODELS.filter(({ packageName }) => packageName === '@x/luscii-export')).toHaveLength(LUSCII_REPORT_TYPES.length);
    expect(REFERENCE_MODELS.filter(({ packageName }) => packageName === '@x/spruce-export-parser')).toHaveLength(TABLE_NAMES.length);
    expect(names).toEqual(
      expect.arrayContaining(['@x/dexcare-reporting:DexCareAvrReport', '@x/dexcare-reporting:DexCareAvrReportStatus', '@x/dexcare-reporting:DexCareProviderHistoryRow']),
    );
  });

  test('every model and every field of every model has a description', () => {
    const undocumented = REFERENCE_MODELS.flatMap(({ packageName, name, model }) => [
      ...(modelDescription(model) === '' ? [`${packageName} ${name}`] : []),
      ...columnReference(model)
        .filter(({ description }) => description.trim() === '')
        .map(({ column }) => `${packageName} ${name}.${column}`),
    ]);
    // Describe each field with .describe('...') on its zod schema, from the vendor's document.
    expect(undocumented).toEqual([]);
  });

  test('is up to date with the models (run `pnpm run docs`)', async () => {
    const written = await readFile(new URL(`../../../${DATA_REFERENCE_FILE}`, import.meta.url), 'utf8');
    expect(written).toBe(renderDataReference());
  });
});
