/**
 * The report types of the Luscii Export API and the rule each one follows for `startDate` and
 * `endDate`, as the endpoint table states them. The date-rule types are derived from this one
 * table, so the compiler and the run-time check cannot disagree.
 */

/** Whether a report type needs, refuses or accepts a date range. */
export type LusciiDateRule = 'required' | 'forbidden' | 'optional';

/**
 * The date rule of every report type. The document's own example sends dates for
 * `starRatings`; the endpoint table forbids them, and the table is followed.
 *
 * @example
 * ```ts
 * LUSCII_DATE_RULES.measurements; // 'required'
 * ```
 */
export const LUSCII_DATE_RULES = {
  patients: 'forbidden',
  measurements: 'required',
  alerts: 'required',
  hcps: 'forbidden',
  patientsMutations: 'forbidden',
  starRatings: 'forbidden',
  plannedActions: 'optional',
  patientsWorkflowHistory: 'optional',
  patientsProgramsHistory: 'optional',
  patientsSettingsHistory: 'optional',
  usersStatusChangeReasons: 'optional',
} as const satisfies Record<string, LusciiDateRule>;

/** A report type of `POST /v1/export/{reportType}`. */
export type LusciiReportType = keyof typeof LUSCII_DATE_RULES;

/**
 * The field that holds each dated report's creation date, which `startDate`/`endDate` filter on
 * (Luscii says only "creation date"). A window re-read replaces exactly the rows it covers by it.
 *
 * @example
 * ```ts
 * LUSCII_CREATION_DATE_FIELDS.measurements; // 'Measurement_Date'
 * ```
 */
export const LUSCII_CREATION_DATE_FIELDS = {
  measurements: 'Measurement_Date',
  alerts: 'Alert_Created_Date',
  plannedActions: 'Created_Date',
  patientsWorkflowHistory: 'Created_Date',
  patientsProgramsHistory: 'Created_Date',
  patientsSettingsHistory: 'Created_Date',
  usersStatusChangeReasons: 'Created_Date',
} as const satisfies Partial<Record<LusciiReportType, string>>;

/**
 * Every report type, in the order of the Luscii document.
 *
 * @example
 * ```ts
 * for (const type of LUSCII_REPORT_TYPES) console.log(type, LUSCII_DATE_RULES[type]);
 * ```
 */
export const LUSCII_REPORT_TYPES = Object.keys(LUSCII_DATE_RULES) as readonly LusciiReportType[];

/**
 * The report types whose date rule is `Rule`.
 *
 * @example
 * ```ts
 * const type: LusciiReportTypesWith<'optional'> = 'plannedActions';
 * ```
 */
export type LusciiReportTypesWith<Rule extends LusciiDateRule> = {
  [R in LusciiReportType]: (typeof LUSCII_DATE_RULES)[R] extends Rule ? R : never;
}[LusciiReportType];

/** Report types that need `startDate` and `endDate`: `measurements`, `alerts`. */
export type LusciiDatedReportType = LusciiReportTypesWith<'required'>;
/** Report types that refuse dates: `patients`, `hcps`, `patientsMutations`, `starRatings`. */
export type LusciiUndatedReportType = LusciiReportTypesWith<'forbidden'>;
/** Report types that take an optional date range: the five history and action reports. */
export type LusciiOptionallyDatedReportType = LusciiReportTypesWith<'optional'>;

/**
 * Whether `value` names a report type (own keys only, so `'toString'` is not one).
 *
 * @example
 * ```ts
 * const type = process.argv[2];
 * if (isLusciiReportType(type)) console.log(LUSCII_DATE_RULES[type]);
 * ```
 */
export function isLusciiReportType(value: unknown): value is LusciiReportType {
  return typeof value === 'string' && Object.hasOwn(LUSCII_DATE_RULES, value);
}
