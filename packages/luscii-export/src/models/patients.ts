import * as z from 'zod';
import { values } from '@x/core';
import { nameFields } from './shared-fields.js';

const alertCount = (alerts: string) =>
  values.integer().describe(`Number of ${alerts} of the patient. Sent as a numeric string (\`"0"\`); a number here.`);

/**
 * A row of the `patients` export: one patient with their program and alert counts. The counts
 * arrive as numeric strings (`"0"`), except `Total_Alerts`, and all become numbers.
 */
export const LusciiPatientRow = z
  .looseObject({
    Patient_UUID: values.string().describe("The patient's UUID."),
    ...nameFields('patient'),
    Sex: values.openEnum(['male', 'female']).nullable().describe("The patient's sex: `'male'` in the document; other values pass through."),
    Patient_Number: values
      .string()
      .nullable()
      .describe("The clinic's own patient number: digits, but an identifier, so kept as text."),
    BSN: values.string().nullable().describe('The Dutch citizen service number, kept as text (leading zeros matter).'),
    Email: values.string().nullable().describe("The patient's email address."),
    Phone: values.string().nullable().describe("The patient's phone number, as sent: `'+31 6 12345678'` in the document."),
    Date_Of_Birth: values.date().nullable().describe("The patient's date of birth."),
    Status: values.string().describe("The patient's status: `'active'` in the document."),
    Group_Name: values.string().nullable().describe("The patient's group: `'A Group'` in the document."),
    Program_Name: values.string().nullable().describe("The patient's program: `'A Program'` in the document."),
    Protocol: values.string().nullable().describe("The patient's protocol: `'A Protocol'` in the document."),
    Created_Date: values.localDateTime().describe('When the patient was created.'),
    Activated_Date: values.localDateTime().nullable().describe('When the patient was activated.'),
    Stopped_Date: values.localDateTime().nullable().describe('When the patient was stopped.'),
    Stopped_Reason: values.string().nullable().describe('Why the patient was stopped.'),
    Grey_Alerts: alertCount('grey alerts'),
    Orange_Alerts: alertCount('orange alerts'),
    Red_Alerts: alertCount('red alerts'),
    Measurements_Alerts: alertCount('measurement alerts'),
    Combination_Alerts: alertCount('combination alerts'),
    Remark_Alerts: alertCount('remark alerts'),
    Overdues_Alerts: alertCount('overdue alerts'),
    Average_Alerts: alertCount('average alerts'),
    Total_Alerts: values.integer().describe('Total number of alerts of the patient. Sent as a number, unlike the other counts.'),
  })
  .describe('One patient with their program and alert counts. The counts arrive as numeric strings, except `Total_Alerts`; all become numbers.');
export type LusciiPatientRow = z.infer<typeof LusciiPatientRow>;
