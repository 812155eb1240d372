import { describe, expect, it } from 'vitest';
import {
  LUSCII_ROW_MODELS,
  LusciiAlertRow,
  LusciiHcpRow,
  LusciiMeasurementRow,
  LusciiPatientMutationRow,
  LusciiPatientProgramHistoryRow,
  LusciiPatientRow,
  LusciiPatientSettingHistoryRow,
  LusciiPatientWorkflowHistoryRow,
  LusciiPlannedActionRow,
  LusciiStarRatingRow,
  LusciiUserStatusChangeReasonRow,
  LUSCII_REPORT_TYPES,
} from '../src/index.js';

/** The document's example rows, as it prints them (its trailing commas aside). */
const EXAMPLES = {
  patients: {
    Patient_UUID: '92aed2c3-3986-4477-af1a-15174f464644',
    First_Name: 'John',
    Middle_Name: null,
    Last_Name: 'Doe',
    Sex: 'male',
    Patient_Number: '123456789',
    BSN: '123456789',
    Email: 'john.doe@example.com',
    Phone: '+31 6 12345678',
    Date_Of_Birth: '1970-01-01',
    Status: 'active',
    Group_Name: 'A Group',
    Program_Name: 'A Program',
    Protocol: 'A Protocol',
    Created_Date: '2024-05-02 14:46:11',
    Activated_Date: '2024-05-02 14:50:11',
    Stopped_Date: null,
    Stopped_Reason: null,
    Grey_Alerts: '0',
    Orange_Alerts: '0',
    Red_Alerts: '0',
    Measurements_Alerts: '0',
    Combination_Alerts: '0',
    Remark_Alerts: '0',
    Overdues_Alerts: '0',
    Average_Alerts: '0',
    Total_Alerts: 0,
  },
  measurements: {
    Patient_UUID: '9ba6c627-25b7-45bc-936b-36b1a45da8a3',
    First_Name: 'John',
    Middle_Name: null,
    Last_Name: 'Doe',
    Patient_Number: '123456789',
    Group: 'A Group',
    Program: 'A Program',
    Protocol: 'A Protocol',
    Measurement_Date: '2024-05-02 14:56:08',
    Measurement_Name: 'Heart rate',
    Measurement_Value: '72',
    Alert_Flag: null,
    Alert_Type: null,
    Alert_Created_Date: null,
    Alert_Processed_Type: null,
    Alert_Processed_Action: null,
    Alert_Processed_At: null,
    Alert_Processed_By_UUID: null,
  },
  alerts: {
    Patient_UUID: 'ca82dd4e-df0e-41a3-a904-0e524d78397d',
    Group: 'A Group',
    Program: 'A Program',
    Protocol: 'A Protocol',
    Alert_Flag: 'red',
    Alert_Type: 'Measurement',
    Measurement_Name: 'Heart rate',
    Alert_Created_Date: '2024-05-02 14:59:32',
    Alert_Processed_Type: null,
    Alert_Processed_Action: null,
    Alert_Processed_At: null,
    Alert_Processed_By_UUID: null,
    Alert_Processed_By_Role: null,
    Alert_Processed_Additional_Info: null,
  },
  hcps: {
    UUID: '164d8d3a-a745-4c35-8c93-bec8c356e798',
    First_Name: 'John',
    Middle_Name: null,
    Last_Name: 'Doe',
    Email: 'john.doe@example.com',
    User_Name: 'john.doe@example.com',
    Language: 'nl',
    Role: 'hc_primary',
    Status: 'active',
    Last_Login_At: '2024-05-02 15:01:43',
    Last_Logout_At: null,
    Groups: 'A Group',
    Processed_Alerts: 0,
  },
  patientsMutations: {
    Patient_UUID: '8f35792b-080f-4189-a64f-14ef06086f99',
    First_Name: 'John',
    Middle_Name: null,
    Last_Name: 'Doe',
    Patient_Number: null,
    Type: 'program',
    Name: 'A program name',
    Mutation_Date: '2024-05-02 15:05:11',
    Mutation_ID: 1,
  },
  starRatings: { Group: 'A Group', Date: '2024-05-02 15:08:30', Patient_UUID: '36f35743-a7ff-420b-bb61-537d21a817e1', Score: '246', Remarks: null },
  plannedActions: {
    UUID: '9890ed24-405d-4688-abcd-b7f829d75939',
    Program_Action_UUID: '5ad2dcf7-6a3f-43bf-a940-ff706f546f6e',
    Patient_UUID: '7659dfb3-c089-4d12-95b7-46ff8ce1e7dd',
    Planned_Via: 'rec',
    Self_Planned: 1,
    Not_Before: '2023-05-23 10:20:30',
    Expires_At: '2023-05-23 10:20:30',
    Valid_Period_Timezone: 'Europe/Amsterdam',
    Completed_At: '2023-05-23 10:20:30',
    Completed_At_Timezone: 'Europe/Amsterdam',
    Created_Date: '2023-05-23 10:20:30',
  },
  patientsWorkflowHistory: {
    Patient_UUID: '7659dfb3-c089-4d12-95b7-46ff8ce1e7dd',
    Workflow_UUID: '5ad2dcf7-6a3f-43bf-a940-ff706f546f6e',
    Trigger_Day: '2023-05-23',
    Trigger_Count: 1,
    Created_Date: '2023-05-23 10:20:30',
  },
  patientsProgramsHistory: {
    Patient_UUID: '7659dfb3-c089-4d12-95b7-46ff8ce1e7dd',
    Program_UUID: '5ad2dcf7-6a3f-43bf-a940-ff706f546f6e',
    Created_By: '9890ed24-405d-4688-abcd-b7f829d75939',
    Created_Date: '2023-05-23 10:20:30',
  },
  patientsSettingsHistory: {
    Patient_UUID: '7659dfb3-c089-4d12-95b7-46ff8ce1e7dd',
    Key: 'timezone',
    Value: 'Europe/Amsterdam',
    Created_By: '9890ed24-405d-4688-abcd-b7f829d75939',
    Created_Date: '2023-05-23 10:20:30',
  },
  usersStatusChangeReasons: {
    User_UUID: '9890ed24-405d-4688-abcd-b7f829d75939',
    From_Status: 'created',
    To_Status: 'active',
    Reason: 'User is now verified.',
    Created_By: '7659dfb3-c089-4d12-95b7-46ff8ce1e7dd',
    Created_Date: '2023-05-23 10:20:30',
    Processed_Date: '2023-05-23 10:20:30',
  },
} as const;

/** The first issue's field and message, as a DataValidationError would name them. */
function failure(model: { safeParse(value: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, row: unknown) {
  const result = model.safeParse(row);
  expect(result.success).toBe(false);
  const issue = result.error!.issues[0]!;
  return { field: issue.path.join('.'), message: issue.message };
}

describe('the document’s examples', () => {
  it.each(LUSCII_REPORT_TYPES)('%s parses', (reportType) => {
    expect(LUSCII_ROW_MODELS[reportType].safeParse(EXAMPLES[reportType]).success).toBe(true);
  });

  it('turns counts into numbers, whether sent as numeric strings or numbers', () => {
    const patient = LusciiPatientRow.parse(EXAMPLES.patients);
    expect(patient.Grey_Alerts).toBe(0);
    expect(patient.Average_Alerts).toBe(0);
    expect(patient.Total_Alerts).toBe(0);
    expect(LusciiPatientRow.parse({ ...EXAMPLES.patients, Red_Alerts: '12', Total_Alerts: 12 })).toMatchObject({ Red_Alerts: 12, Total_Alerts: 12 });
    expect(LusciiStarRatingRow.parse(EXAMPLES.starRatings).Score).toBe(246);
    expect(LusciiHcpRow.parse({ ...EXAMPLES.hcps, Processed_Alerts: '7' }).Processed_Alerts).toBe(7);
    expect(LusciiPatientMutationRow.parse(EXAMPLES.patientsMutations).Mutation_ID).toBe(1);
    expect(LusciiPatientWorkflowHistoryRow.parse({ ...EXAMPLES.patientsWorkflowHistory, Trigger_Count: '3' }).Trigger_Count).toBe(3);
  });

  it('keeps identifiers made of digits as text', () => {
    const patient = LusciiPatientRow.parse({ ...EXAMPLES.patients, Patient_Number: '000123456', BSN: '012345678' });
    expect(patient.Patient_Number).toBe('000123456');
    expect(patient.BSN).toBe('012345678');
    expect(patient.Phone).toBe('+31 6 12345678');
    expect(LusciiPatientRow.safeParse({ ...EXAMPLES.patients, BSN: 123456789 }).success).toBe(false);
  });

  it('keeps null as null', () => {
    const measurement = LusciiMeasurementRow.parse(EXAMPLES.measurements);
    expect(measurement.Middle_Name).toBeNull();
    expect(measurement.Alert_Flag).toBeNull();
    expect(measurement.Alert_Processed_At).toBeNull();
    expect(LusciiPatientMutationRow.parse(EXAMPLES.patientsMutations).Patient_Number).toBeNull();
    expect(LusciiStarRatingRow.parse(EXAMPLES.starRatings).Remarks).toBeNull();
    expect(LusciiPatientRow.parse({ ...EXAMPLES.patients, Date_Of_Birth: null, Sex: null }).Date_Of_Birth).toBeNull();
  });

  it('keeps dates and date-times without an offset as validated text', () => {
    const patient = LusciiPatientRow.parse(EXAMPLES.patients);
    expect(patient.Created_Date).toBe('2024-05-02 14:46:11');
    expect(patient.Date_Of_Birth).toBe('1970-01-01');
    expect(LusciiPatientWorkflowHistoryRow.parse(EXAMPLES.patientsWorkflowHistory).Trigger_Day).toBe('2023-05-23');
    expect(failure(LusciiPatientRow, { ...EXAMPLES.patients, Created_Date: '2024-05-02T14:46:11Z' })).toEqual({
      field: 'Created_Date',
      message: 'expected a date-time YYYY-MM-DD HH:MM:SS',
    });
    expect(failure(LusciiPatientRow, { ...EXAMPLES.patients, Date_Of_Birth: '1970-02-30' }).field).toBe('Date_Of_Birth');
    expect(failure(LusciiPatientWorkflowHistoryRow, { ...EXAMPLES.patientsWorkflowHistory, Trigger_Day: '23-05-2023' }).field).toBe('Trigger_Day');
  });

  it('keeps a measurement value as text: a blood pressure is not a number', () => {
    const bloodPressure = LusciiMeasurementRow.parse({ ...EXAMPLES.measurements, Measurement_Name: 'Blood pressure', Measurement_Value: '120/80' });
    expect(bloodPressure.Measurement_Value).toBe('120/80');
    expect(LusciiMeasurementRow.parse(EXAMPLES.measurements).Measurement_Value).toBe('72');
  });

  it('reads Self_Planned 1/0 as a boolean and refuses anything else', () => {
    expect(LusciiPlannedActionRow.parse(EXAMPLES.plannedActions).Self_Planned).toBe(true);
    expect(LusciiPlannedActionRow.parse({ ...EXAMPLES.plannedActions, Self_Planned: 0 }).Self_Planned).toBe(false);
    expect(LusciiPlannedActionRow.parse({ ...EXAMPLES.plannedActions, Self_Planned: '1' }).Self_Planned).toBe(true);
    expect(LusciiPlannedActionRow.parse({ ...EXAMPLES.plannedActions, Self_Planned: false }).Self_Planned).toBe(false);
    expect(failure(LusciiPlannedActionRow, { ...EXAMPLES.plannedActions, Self_Planned: 2 })).toEqual({ field: 'Self_Planned', message: 'expected 0 or 1' });
    expect(failure(LusciiPlannedActionRow, { ...EXAMPLES.plannedActions, Self_Planned: null }).field).toBe('Self_Planned');
  });

  it('passes enumeration values Luscii adds later', () => {
    expect(LusciiAlertRow.parse({ ...EXAMPLES.alerts, Alert_Flag: 'purple' }).Alert_Flag).toBe('purple');
    expect(LusciiPatientRow.parse({ ...EXAMPLES.patients, Sex: 'other' }).Sex).toBe('other');
  });

  it('passes fields Luscii adds later through untouched', () => {
    const row = LusciiUserStatusChangeReasonRow.parse({ ...EXAMPLES.usersStatusChangeReasons, Added_Later: { nested: ['7'] }, Another: '12' });
    expect(row.Added_Later).toEqual({ nested: ['7'] });
    expect(row.Another).toBe('12');
  });

  it('refuses a count that is not a number, naming the field and not the value', () => {
    expect(failure(LusciiPatientRow, { ...EXAMPLES.patients, Grey_Alerts: 'Jane Doe' })).toEqual({
      field: 'Grey_Alerts',
      message: 'expected a count (digits only, from 0 to 2^53 - 1)',
    });
    expect(failure(LusciiPatientRow, { ...EXAMPLES.patients, Total_Alerts: 1.5 }).field).toBe('Total_Alerts');
    expect(failure(LusciiStarRatingRow, { ...EXAMPLES.starRatings, Score: '' }).field).toBe('Score');
  });

  it('refuses a negative count (Red_Alerts "-1", Total_Alerts -3): meaningless, not a number to sum', () => {
    expect(failure(LusciiPatientRow, { ...EXAMPLES.patients, Red_Alerts: '-1' }).field).toBe('Red_Alerts');
    expect(failure(LusciiPatientRow, { ...EXAMPLES.patients, Total_Alerts: -3 }).field).toBe('Total_Alerts');
    expect(failure(LusciiHcpRow, { ...EXAMPLES.hcps, Processed_Alerts: '-7' }).field).toBe('Processed_Alerts');
    expect(failure(LusciiPatientWorkflowHistoryRow, { ...EXAMPLES.patientsWorkflowHistory, Trigger_Count: -1 }).field).toBe('Trigger_Count');
    expect(LusciiPatientRow.parse({ ...EXAMPLES.patients, Red_Alerts: '0' }).Red_Alerts).toBe(0);
  });

  it('refuses a count in scientific notation or beyond 2^53 rather than round it', () => {
    expect(failure(LusciiPatientRow, { ...EXAMPLES.patients, Grey_Alerts: '1e3' }).field).toBe('Grey_Alerts');
    expect(failure(LusciiPatientRow, { ...EXAMPLES.patients, Grey_Alerts: '9007199254740993' }).field).toBe('Grey_Alerts');
  });

  it('refuses null where the document is clear that a value is always there', () => {
    expect(failure(LusciiPatientRow, { ...EXAMPLES.patients, Patient_UUID: null }).field).toBe('Patient_UUID');
    expect(failure(LusciiMeasurementRow, { ...EXAMPLES.measurements, Measurement_Date: null }).field).toBe('Measurement_Date');
    expect(failure(LusciiAlertRow, { ...EXAMPLES.alerts, Alert_Flag: null }).field).toBe('Alert_Flag');
    expect(failure(LusciiPatientSettingHistoryRow, { ...EXAMPLES.patientsSettingsHistory, Key: null }).field).toBe('Key');
  });

  it('refuses a row that lacks a field of its model', () => {
    const { Program_UUID: _dropped, ...row } = EXAMPLES.patientsProgramsHistory;
    expect(failure(LusciiPatientProgramHistoryRow, row).field).toBe('Program_UUID');
  });
});
