import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, type MeasurementExportOptions } from '../../../examples/luscii-export.js';
import { ApiError } from '../src/index.js';
import { caught, useFake, useMockServer } from './helpers/index.js';

const server = useMockServer();
const MAY = { startDate: '2024-05-01', endDate: '2024-05-31' };
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'luscii-example-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function jobOptions(apiKey: string, progress: string[] = []): MeasurementExportOptions {
  return { apiKey, month: '2024-05', outputPath: join(dir, 'may.ndjson'), maxRetries: 0, log: (line) => progress.push(line) };
}

async function fileRows(path: string): Promise<Record<string, unknown>[]> {
  return (await readFile(path, 'utf8'))
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const exists = (path: string) => stat(path).then(
  () => true,
  () => false,
);

describe('examples/luscii-export.ts', () => {
  it('writes a month of measurements, one line a row, with a progress line per page', async () => {
    const api = useFake(server);
    const progress: string[] = [];
    const options = jobOptions(api.apiKey, progress);
    const result = await main(options);
    const expected = api.rowsFor('measurements', MAY);
    expect(result).toEqual({ rows: expected.length, pages: Math.ceil(expected.length / 50), resumedAfter: 0 });
    const rows = await fileRows(options.outputPath);
    expect(rows.map((row) => row.Measurement_Date)).toEqual(expected.map((row) => row.Measurement_Date));
    expect(progress).toHaveLength(result.pages);
    expect(progress.at(-1)).toMatch(/done$/);
    expect(await exists(`${options.outputPath}.cursor.json`)).toBe(false);
  });

  it('resumes an interrupted run from the saved cursor, every row exactly once', async () => {
    const api = useFake(server, { faults: [{ fault: 'serverError', reportType: 'measurements', page: 3 }] });
    const options = jobOptions(api.apiKey);
    expect(await caught(main(options))).toBeInstanceOf(ApiError);
    expect(await exists(`${options.outputPath}.cursor.json`)).toBe(true);
    expect(await fileRows(options.outputPath)).toHaveLength(100);

    const result = await main(options);
    const expected = api.rowsFor('measurements', MAY);
    expect(result.resumedAfter).toBe(100);
    expect((await fileRows(options.outputPath)).map((row) => JSON.stringify([row.Patient_UUID, row.Measurement_Date]))).toEqual(
      expected.map((row) => JSON.stringify([row.Patient_UUID, row.Measurement_Date])),
    );
    expect(await exists(`${options.outputPath}.cursor.json`)).toBe(false);
  });

  it('drops what a crashed run wrote after its last saved cursor', async () => {
    const api = useFake(server, { faults: [{ fault: 'serverError', reportType: 'measurements', page: 3 }] });
    const options = jobOptions(api.apiKey);
    await caught(main(options));
    // As if the process died after writing part of page 3, before saving its cursor.
    await appendFile(options.outputPath, '{"Patient_UUID":"half a row');
    await main(options);
    expect(await fileRows(options.outputPath)).toHaveLength(api.rowsFor('measurements', MAY).length);
  });

  it('refuses a saved cursor of another month', async () => {
    const api = useFake(server);
    const options = jobOptions(api.apiKey);
    await writeFile(`${options.outputPath}.cursor.json`, JSON.stringify({ startDate: '2024-04-01', endDate: '2024-04-30', nextCursor: 'eyJ', pages: 1, rows: 50, bytes: 10 }));
    await expect(main(options)).rejects.toThrow('belongs to an export of 2024-04-01..2024-04-30');
    expect(api.requests).toEqual([]);
  });
});
