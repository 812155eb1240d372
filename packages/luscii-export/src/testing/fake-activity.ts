import type { LusciiWireRows } from '../models/index.js';
import type { FakeHcp, FakePatient } from './fake-people.js';
import { FAKE_GROUPS, FAKE_PROGRAMS } from './fake-people.js';
import { minutesAfter, type SeededRandom } from './random.js';

/** What a row of a report about activity refers to: who it is about, who acted, and when. */
export interface ActivityContext {
  random: SeededRandom;
  patient: FakePatient;
  hcp: FakeHcp;
  /** The row's creation date-time, which the date filters apply to. */
  created: string;
}

const FLAGS = ['grey', 'orange', 'red'] as const;
const ALERT_TYPES = ['Measurement', 'Combination', 'Remark', 'Overdue', 'Average'] as const;
const TIME_ZONE = 'Europe/Amsterdam';
const WORKFLOW_UUIDS = ['0b7f5c1e-4d1a-4c55-9a8e-1f0c2a3b4c5d', '6e2d9a40-7b3c-4f1e-8d2a-9c8b7a6f5e4d'] as const;
const PROGRAM_UUIDS = ['a1b2c3d4-0000-4000-8000-000000000001', 'a1b2c3d4-0000-4000-8000-000000000002'] as const;

/** A reading of a measurement, as text: blood pressure is `120/80`, so values are never forced to numbers. */
function reading(random: SeededRandom): [name: string, value: string] {
  switch (random.int(0, 3)) {
    case 0:
      return ['Heart rate', String(random.int(52, 118))];
    case 1:
      return ['Blood pressure', `${random.int(105, 165)}/${random.int(62, 98)}`];
    case 2:
      return ['Weight', (random.int(550, 1200) / 10).toFixed(1)];
    default:
      return ['Oxygen saturation', String(random.int(88, 100))];
  }
}

function namesOf(patient: FakePatient) {
  return { First_Name: patient.firstName, Middle_Name: patient.middleName, Last_Name: patient.lastName };
}

function careOf(patient: FakePatient) {
  return { Group: patient.group, Program: patient.program, Protocol: patient.protocol };
}

interface Processing {
  Alert_Processed_Type: string | null;
  Alert_Processed_Action: string | null;
  Alert_Processed_At: string | null;
  Alert_Processed_By_UUID: string | null;
}

function processing({ random, hcp }: ActivityContext, raisedAt: string): Processing {
  const done = random.chance(0.5);
  return {
    Alert_Processed_Type: done ? random.pick(['handled', 'dismissed']) : null,
    Alert_Processed_Action: done ? random.pick(['Demo action: called patient', 'Demo action: no action needed']) : null,
    Alert_Processed_At: done ? minutesAfter(raisedAt, random.int(5, 600)) : null,
    Alert_Processed_By_UUID: done ? hcp.uuid : null,
  };
}

export function measurementRow(context: ActivityContext): LusciiWireRows['measurements'] {
  const { random, patient, created } = context;
  const [name, value] = reading(random);
  const alerted = random.chance(0.2);
  const raisedAt = minutesAfter(created, 1);
  const noAlert = { Alert_Processed_Type: null, Alert_Processed_Action: null, Alert_Processed_At: null, Alert_Processed_By_UUID: null };
  return {
    Patient_UUID: patient.uuid,
    ...namesOf(patient),
    Patient_Number: patient.patientNumber,
    ...careOf(patient),
    Measurement_Date: created,
    Measurement_Name: name,
    Measurement_Value: value,
    Alert_Flag: alerted ? random.pick(FLAGS) : null,
    Alert_Type: alerted ? 'Measurement' : null,
    Alert_Created_Date: alerted ? raisedAt : null,
    ...(alerted ? processing(context, raisedAt) : noAlert),
  };
}

export function alertRow(context: ActivityContext): LusciiWireRows['alerts'] {
  const { random, patient, hcp, created } = context;
  const type = random.pick(ALERT_TYPES);
  const processed = processing(context, created);
  const done = processed.Alert_Processed_At !== null;
  return {
    Patient_UUID: patient.uuid,
    ...careOf(patient),
    Alert_Flag: random.pick(FLAGS),
    Alert_Type: type,
    Measurement_Name: type === 'Measurement' ? reading(random)[0] : null,
    Alert_Created_Date: created,
    ...processed,
    Alert_Processed_By_Role: done ? hcp.role : null,
    Alert_Processed_Additional_Info: done && random.chance(0.5) ? 'Demo note' : null,
  };
}

export function patientMutationRow({ random, patient, created }: ActivityContext, mutationId: number): LusciiWireRows['patientsMutations'] {
  const type = random.pick(['program', 'group']);
  return {
    Patient_UUID: patient.uuid,
    ...namesOf(patient),
    Patient_Number: patient.patientNumber,
    Type: type,
    Name: type === 'program' ? random.pick(FAKE_PROGRAMS) : random.pick(FAKE_GROUPS),
    Mutation_Date: created,
    Mutation_ID: mutationId,
  };
}

export function starRatingRow({ random, patient, created }: ActivityContext): LusciiWireRows['starRatings'] {
  return {
    Group: patient.group,
    Date: created,
    Patient_UUID: patient.uuid,
    Score: String(random.int(1, 5)),
    Remarks: random.chance(0.3) ? 'Demo remark' : null,
  };
}

export function plannedActionRow({ random, patient, created }: ActivityContext): LusciiWireRows['plannedActions'] {
  const notBefore = minutesAfter(created, random.int(60, 60 * 24));
  const completed = random.chance(0.6);
  return {
    UUID: random.uuid(),
    Program_Action_UUID: random.uuid(),
    Patient_UUID: patient.uuid,
    Planned_Via: random.pick(['rec', 'manual']),
    Self_Planned: random.chance(0.3) ? 1 : 0,
    Not_Before: notBefore,
    Expires_At: minutesAfter(notBefore, 60 * 24),
    Valid_Period_Timezone: TIME_ZONE,
    Completed_At: completed ? minutesAfter(notBefore, random.int(1, 60 * 20)) : null,
    Completed_At_Timezone: completed ? TIME_ZONE : null,
    Created_Date: created,
  };
}

export function workflowHistoryRow({ random, patient, created }: ActivityContext): LusciiWireRows['patientsWorkflowHistory'] {
  return {
    Patient_UUID: patient.uuid,
    Workflow_UUID: random.pick(WORKFLOW_UUIDS),
    Trigger_Day: created.slice(0, 10),
    Trigger_Count: random.int(1, 4),
    Created_Date: created,
  };
}

export function programHistoryRow({ random, patient, hcp, created }: ActivityContext): LusciiWireRows['patientsProgramsHistory'] {
  return {
    Patient_UUID: patient.uuid,
    Program_UUID: random.pick(PROGRAM_UUIDS),
    Created_By: random.chance(0.8) ? hcp.uuid : null,
    Created_Date: created,
  };
}

export function settingHistoryRow({ random, patient, hcp, created }: ActivityContext): LusciiWireRows['patientsSettingsHistory'] {
  const [key, value] = random.pick([
    ['timezone', TIME_ZONE],
    ['language', 'nl'],
    ['reminders', random.chance(0.5) ? 'on' : null],
  ] as const);
  return { Patient_UUID: patient.uuid, Key: key, Value: value, Created_By: random.chance(0.8) ? hcp.uuid : null, Created_Date: created };
}

export function userStatusChangeRow({ random, hcp, created }: ActivityContext, creator: FakeHcp): LusciiWireRows['usersStatusChangeReasons'] {
  const [from, to, reason] = random.pick([
    [null, 'created', null],
    ['created', 'active', 'Demo: user is now verified.'],
    ['active', 'blocked', 'Demo: left the organisation.'],
  ] as const);
  return {
    User_UUID: hcp.uuid,
    From_Status: from,
    To_Status: to,
    Reason: reason,
    Created_By: creator.uuid,
    Created_Date: created,
    Processed_Date: random.chance(0.8) ? minutesAfter(created, random.int(0, 30)) : null,
  };
}
