import type { LusciiWireRows } from '../models/index.js';
import { minutesAfter, type SeededRandom } from './random.js';

/**
 * The people of the fake organisation: patients and healthcare professionals, with names that
 * are obviously not real (`Testy Fakeington`) and contact details on reserved domains and
 * numbers, so no fixture can be mistaken for patient data.
 */

export const FAKE_GROUPS = ['Fake Cardiology Group', 'Fake Pulmonology Group'] as const;
export const FAKE_PROGRAMS = ['Demo Heart Failure Program', 'Demo COPD Program'] as const;
const PROTOCOLS = ['Demo Protocol A', 'Demo Protocol B'] as const;
const FIRST_NAMES = ['Testy', 'Demo', 'Sample', 'Mocky', 'Fakey', 'Dummy', 'Example', 'Placeholder'] as const;
const MIDDLE_NAMES = ['van', 'de', 'van der'] as const;
const LAST_NAMES = ['Fakeington', 'Testerson', 'Mockwell', 'Sampleton', 'Demoberg', 'Dummyfield'] as const;

/** A patient, as the other reports refer to one. */
export interface FakePatient {
  uuid: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  patientNumber: string | null;
  group: string;
  program: string;
  protocol: string;
}

export function fakePatient(random: SeededRandom, number: number): FakePatient {
  const program = random.int(0, FAKE_PROGRAMS.length - 1);
  return {
    uuid: random.uuid(),
    firstName: random.pick(FIRST_NAMES),
    middleName: random.chance(0.25) ? random.pick(MIDDLE_NAMES) : null,
    lastName: random.pick(LAST_NAMES),
    // Leading zeros, as clinic numbers have them: a reason to keep these as text.
    patientNumber: random.chance(0.9) ? String(number).padStart(9, '0') : null,
    group: FAKE_GROUPS[program]!,
    program: FAKE_PROGRAMS[program]!,
    protocol: random.pick(PROTOCOLS),
  };
}

/** The `patients` row of a fake patient, created at `created`. */
export function patientRow(random: SeededRandom, patient: FakePatient, number: number, created: string): LusciiWireRows['patients'] {
  const stopped = random.chance(0.15);
  const byColour = [random.int(0, 3), random.int(0, 3), random.int(0, 2)] as const;
  const total = byColour[0] + byColour[1] + byColour[2];
  const measurements = random.int(0, total);
  return {
    Patient_UUID: patient.uuid,
    First_Name: patient.firstName,
    Middle_Name: patient.middleName,
    Last_Name: patient.lastName,
    Sex: random.chance(0.1) ? null : random.pick(['male', 'female']),
    Patient_Number: patient.patientNumber,
    BSN: random.chance(0.8) ? String(900_000_000 + number) : null,
    Email: random.chance(0.85) ? `test.patient.${number}@example.invalid` : null,
    Phone: random.chance(0.85) ? `+31 6 0000 ${String(number % 10_000).padStart(4, '0')}` : null,
    Date_Of_Birth: random.chance(0.95) ? random.dateTime('1930-01-01', '2004-12-31').slice(0, 10) : null,
    Status: stopped ? 'stopped' : 'active',
    Group_Name: patient.group,
    Program_Name: patient.program,
    Protocol: patient.protocol,
    Created_Date: created,
    Activated_Date: random.chance(0.9) ? minutesAfter(created, random.int(1, 600)) : null,
    Stopped_Date: stopped ? minutesAfter(created, random.int(60 * 24, 60 * 24 * 30)) : null,
    Stopped_Reason: stopped ? 'Demo reason: program completed' : null,
    Grey_Alerts: String(byColour[0]),
    Orange_Alerts: String(byColour[1]),
    Red_Alerts: String(byColour[2]),
    Measurements_Alerts: String(measurements),
    Combination_Alerts: String(total - measurements),
    Remark_Alerts: '0',
    Overdues_Alerts: '0',
    Average_Alerts: '0',
    // Numeric on the wire, unlike the other counts, as in the document.
    Total_Alerts: total,
  };
}

/** A healthcare professional, as the other reports refer to one. */
export interface FakeHcp {
  uuid: string;
  firstName: string;
  lastName: string;
  role: string;
}

export function fakeHcp(random: SeededRandom): FakeHcp {
  return {
    uuid: random.uuid(),
    firstName: random.pick(FIRST_NAMES),
    lastName: random.pick(LAST_NAMES),
    role: random.pick(['hc_primary', 'hc_secondary']),
  };
}

/** The `hcps` row of a fake professional, last seen at `lastLogin`. */
export function hcpRow(random: SeededRandom, hcp: FakeHcp, number: number, lastLogin: string): LusciiWireRows['hcps'] {
  const email = `test.hcp.${number}@example.invalid`;
  return {
    UUID: hcp.uuid,
    First_Name: hcp.firstName,
    Middle_Name: null,
    Last_Name: hcp.lastName,
    Email: email,
    User_Name: email,
    Language: random.pick(['nl', 'en']),
    Role: hcp.role,
    Status: 'active',
    Last_Login_At: lastLogin,
    Last_Logout_At: random.chance(0.5) ? minutesAfter(lastLogin, random.int(5, 240)) : null,
    Groups: random.pick(FAKE_GROUPS),
    Processed_Alerts: random.int(0, 120),
  };
}
