import { fakeGuid } from './fake-ids.js';

/**
 * The columns of the fake All Visits Report. Invented for tests: the real columns are in
 * DexCare's data dictionary, which this SDK does not have.
 */
export const FAKE_VISIT_COLUMNS = [
  'visit_id',
  'visit_type',
  'created_at',
  'patient_first_name',
  'patient_last_name',
  'patient_email',
  'reason_for_visit',
  'provider_name',
  'duration_minutes',
] as const;

/** One row of the fake report, every cell a string as in the CSV. */
export type FakeVisit = Record<(typeof FAKE_VISIT_COLUMNS)[number], string>;

/** Options of {@link fakeVisitsCsv}. */
export interface FakeVisitsOptions {
  /**
   * Distinct visits in the report.
   * @default 25
   */
  rows?: number | undefined;
  /**
   * Extra rows that repeat earlier visits word for word, appended at the end, as overlapping
   * report runs produce; for testing deduplication.
   * @default 0
   */
  duplicates?: number | undefined;
  /**
   * The `visit_type` column.
   * @default 'virtual'
   */
  type?: string | undefined;
  /**
   * Start the file with a UTF-8 byte-order mark, as Excel-minded exports do.
   * @default false
   */
  bom?: boolean | undefined;
}

/** A fake report: its rows, and the CSV that holds them. */
export interface FakeVisitsCsv {
  columns: readonly string[];
  /** Every data row in file order, duplicates included. */
  rows: FakeVisit[];
  /** The file: CRLF line endings, cells quoted where they hold a comma, a quote or a line break. */
  csv: string;
  /** Byte offset just past the header and each row: `recordEnds[n]` is where row `n` ends (0 = header). */
  recordEnds: number[];
}

const FIRST_NAMES = ['Fakey', 'Testina', 'Mocky', 'Dummo', 'Sampla'];
const LAST_NAMES = ['McFakerson', "O'Testworth", 'Placeholder-Smith', 'Notreal', 'Zz-Fixture'];
// Cells that exercise CSV quoting: commas, quotes, line breaks, and all at once.
const REASONS = ['Cough, fever', 'Says "it hurts"', 'Line one\nline two', 'Rash, "itchy",\r\nsince Monday', 'Routine check'];
const PROVIDERS = ['Dr. Jenny Generic, MD', 'Dr. Placebo Person, DO', 'Nurse Testcase, NP'];
const FIRST_VISIT = Date.UTC(2024, 4, 1, 8, 0, 0);

/**
 * Builds a deterministic fake All Visits Report: obviously fake names and `example.invalid`
 * emails, reasons with commas, quotes and line breaks, an empty `duration_minutes` now and then.
 *
 * @example
 * ```ts
 * const { csv, rows } = fakeVisitsCsv({ rows: 3, duplicates: 1 });
 * ```
 */
export function fakeVisitsCsv(options: FakeVisitsOptions = {}): FakeVisitsCsv {
  const count = options.rows ?? 25;
  const distinct = Array.from({ length: count }, (_, i) => fakeVisit(i, options.type ?? 'virtual'));
  const repeats = Array.from({ length: options.duplicates ?? 0 }, (_, j) => ({ ...distinct[j % Math.max(count, 1)]! }));
  const rows = count === 0 ? distinct : [...distinct, ...repeats];
  const lines = [csvLine(FAKE_VISIT_COLUMNS), ...rows.map((row) => csvLine(FAKE_VISIT_COLUMNS.map((column) => row[column])))];
  const encoder = new TextEncoder();
  const recordEnds: number[] = [];
  let offset = options.bom ? 3 : 0;
  for (const line of lines) {
    offset += encoder.encode(line).byteLength;
    recordEnds.push(offset);
  }
  return { columns: FAKE_VISIT_COLUMNS, rows, csv: (options.bom ? '\uFEFF' : '') + lines.join(''), recordEnds };
}

function fakeVisit(i: number, type: string): FakeVisit {
  return {
    visit_id: fakeGuid(1, i + 1),
    visit_type: type,
    created_at: new Date(FIRST_VISIT + i * 17 * 60_000).toISOString(),
    patient_first_name: FIRST_NAMES[i % FIRST_NAMES.length]!,
    patient_last_name: LAST_NAMES[(i * 3) % LAST_NAMES.length]!,
    patient_email: `fake.patient.${i + 1}@example.invalid`,
    reason_for_visit: REASONS[i % REASONS.length]!,
    provider_name: PROVIDERS[i % PROVIDERS.length]!,
    duration_minutes: i % 9 === 8 ? '' : String(10 + ((i * 7) % 40)),
  };
}

function csvLine(cells: readonly string[]): string {
  return `${cells.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(',')}\r\n`;
}
