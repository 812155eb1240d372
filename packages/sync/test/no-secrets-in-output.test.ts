import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeSpruceExport } from '@x/spruce-export-parser/testing';
import { runCli, syncFixture, type SyncFixture } from './helpers/index.js';

/** Cell values a leak would show: names, emails, ids, message bodies (short ones are too common to search for). */
function patientValues(fixture: SyncFixture): string[] {
  const values = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && value.length >= 6) values.add(value);
  };
  for (const row of fixture.mocks.luscii.rowsFor('patients')) {
    for (const field of ['Patient_UUID', 'First_Name', 'Last_Name', 'Email', 'Phone', 'BSN', 'Patient_Number'] as const) add((row as Record<string, unknown>)[field]);
  }
  for (const visit of fixture.mocks.dexcare.visits) for (const field of ['visit_id', 'patient_first_name', 'patient_last_name', 'patient_email', 'reason_for_visit'] as const) add(visit[field]);
  const spruce = fakeSpruceExport({ messages: 300, seed: 1, start: new Date('2024-05-01T00:00:00Z'), days: 31 });
  for (const message of spruce.messages) add((message as Record<string, unknown>).message_body);
  for (const entity of spruce.entities) for (const field of ['first_name', 'last_name', 'display_name'] as const) add((entity as Record<string, unknown>)[field]);
  return [...values];
}

describe('no key and no cell value in any output', () => {
  let fixture: SyncFixture;
  let output = '';

  beforeAll(async () => {
    fixture = await syncFixture();
    for (const args of [
      ['run', '--config', fixture.config, '--json', '--verbose'],
      ['run', '--config', fixture.config, '--json', '--verbose', '--dry-run'],
      ['status'],
      ['status', '--json'],
    ]) {
      const result = await runCli(args, fixture.env);
      expect(result.code).toBe(0);
      output += result.stdout + result.stderr;
    }
    // A failing run too: errors must not quote what was sent.
    const failing = await runCli(['run', '--config', fixture.config, '--json', '--verbose'], { ...fixture.env, LUSCII_API_KEY: 'wrong-key-5b1d0e7a', DEXCARE_SERVICE_KEY: 'wrong-key-c2f4a8e6' });
    expect(failing.code).toBe(3);
    output += failing.stdout + failing.stderr;
  }, 60_000);
  afterAll(() => fixture.close());

  it('a whole sync at the most verbose level prints no key', () => {
    expect(output.length).toBeGreaterThan(10_000);
    for (const key of [fixture.mocks.luscii.apiKey, fixture.mocks.dexcare.serviceKey, 'wrong-key-5b1d0e7a', 'wrong-key-c2f4a8e6']) expect(output).not.toContain(key);
  });

  it('a whole sync at the most verbose level prints no patient value (names, emails, ids, message bodies)', () => {
    const values = patientValues(fixture);
    expect(values.length).toBeGreaterThan(100);
    const leaked = values.filter((value) => output.includes(value));
    expect(leaked).toEqual([]);
  });
});
