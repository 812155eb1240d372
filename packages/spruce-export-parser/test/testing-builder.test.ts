import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { TABLE_NAMES, openSpruceExport } from '../src/index.js';
import { buildSpruceExportZip, fakeSpruceExport, goCsvField, goTimestamp, spruceCell, spruceExportZipChunks } from '../src/testing.js';
import { collect, message, roundTrip, zipEntries as entriesOf } from './helpers/index.js';

describe('Go-style CSV', () => {
  // What Go's encoding/csv Writer writes for each field (fieldNeedsQuotes, then "" escaping).
  test.each([
    ['', ''],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rlf', '"cr\rlf"'],
    [' leading space', '" leading space"'],
    ['\tleading tab', '"\tleading tab"'],
    ['\u00a0no-break space', '"\u00a0no-break space"'],
    ['trailing space ', 'trailing space '],
    ['\\.', '"\\."'],
    ['emoji 👋🏽', 'emoji 👋🏽'],
  ])('%j is written %j', (field, written) => {
    expect(goCsvField(field)).toBe(written);
  });

  test('cells: timestamps in RFC 3339 Nano, trailing zeros dropped; booleans; destinations; JSON; empty', () => {
    expect(goTimestamp(new Date('2024-05-02T14:46:10.000Z'))).toBe('2024-05-02T14:46:10Z');
    expect(goTimestamp(new Date('2024-05-02T14:46:10.120Z'))).toBe('2024-05-02T14:46:10.12Z');
    expect(goTimestamp(new Date('2024-05-02T14:46:00.100Z'))).toBe('2024-05-02T14:46:00.1Z');
    expect(spruceCell(false)).toBe('false');
    expect(spruceCell(42)).toBe('42');
    expect(spruceCell(null)).toBe('');
    expect(spruceCell(undefined)).toBe('');
    expect(spruceCell([{ type: 'SMS', value: '+1' }, { type: 'VOICE', value: 'sip:a@b' }])).toBe('SMS:+1|VOICE:sip:a@b');
    expect(spruceCell({ add_entity_ids: ['e1'], remove_entity_ids: null })).toBe('{"add_entity_ids":["e1"],"remove_entity_ids":null}');
    expect(spruceCell('as it is, "raw"')).toBe('as it is, "raw"');
  });

  test('any text survives the writer, the zip and the reader unchanged', async () => {
    const piece = fc.constantFrom('a', 'Z', ',', '"', '""', '\r', '\n', '\r\n', ' ', '\t', '|', ':', '\\.', 'é', '漢', '👋🏽', '👩‍⚕️', '\u00a0', '\ufeff');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(piece, { minLength: 1, maxLength: 12 }).map((parts) => parts.join('')), { minLength: 1, maxLength: 8 }), async (bodies) => {
        const rows = await roundTrip('messages', bodies.map((body, i) => message(i, { message_body: body })));
        expect(rows.map((row) => row.message_body)).toEqual(bodies);
      }),
      { numRuns: 60 },
    );
  });
});

describe('buildSpruceExportZip', () => {
  test('folder layout by default, root on request; junk entries beside the tables', async () => {
    const folder = await entriesOf(buildSpruceExportZip({ messages: [] }, { junk: true, folderName: 'spruce_2024-05' }));
    expect(folder.map((entry) => entry.name)).toEqual([
      'spruce_2024-05/',
      'spruce_2024-05/metadata.csv',
      'spruce_2024-05/messages.csv',
      'spruce_2024-05/.DS_Store',
      'spruce_2024-05/README.txt',
      '__MACOSX/',
      '__MACOSX/spruce_2024-05/._messages.csv',
    ]);
    const root = await entriesOf(buildSpruceExportZip({ messages: [] }, { layout: 'root' }));
    expect(root.map((entry) => entry.name)).toEqual(['metadata.csv', 'messages.csv']);
  });

  test('stored or deflated; data descriptors as Go writes them, or sizes in the local header', async () => {
    const stored = await entriesOf(buildSpruceExportZip({}, { compression: 'store', layout: 'root' }));
    expect(stored.map((entry) => entry.method)).toEqual([0]);
    const deflated = await entriesOf(buildSpruceExportZip({}, { layout: 'root' }));
    expect(deflated[0]).toMatchObject({ method: 8 });
    expect(deflated[0]!.flags & 0x8).toBe(0x8);
    const plain = await entriesOf(buildSpruceExportZip({}, { layout: 'root', dataDescriptors: false }));
    expect(plain[0]!.flags & 0x8).toBe(0);
  });

  test('ZIP64 writes the ZIP64 end record and locator', () => {
    const zip = Buffer.from(buildSpruceExportZip({}, { zip64: true }));
    expect(zip.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(true);
    expect(zip.includes(Buffer.from([0x50, 0x4b, 0x06, 0x07]))).toBe(true);
    expect(Buffer.from(buildSpruceExportZip({})).includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(false);
  });

  test('the chunked writer gives the same bytes in many chunks, pulled lazily', () => {
    const tables = fakeSpruceExport({ messages: 3_000 });
    const chunks = [...spruceExportZipChunks(tables)];
    expect(chunks.length).toBeGreaterThan(20);
    expect(Buffer.concat(chunks).equals(buildSpruceExportZip(tables))).toBe(true);
  });
});

describe('fakeSpruceExport', () => {
  test('deterministic: the same seed gives the same bytes; another seed, other data', () => {
    const zip = (seed: number) => Buffer.from(buildSpruceExportZip(fakeSpruceExport({ messages: 300, seed })));
    expect(zip(7).equals(zip(7))).toBe(true);
    expect(zip(7).equals(zip(8))).toBe(false);
  });

  test('every table, re-iterable, with ids that join across tables', async () => {
    const fake = fakeSpruceExport({ messages: 2_000, seed: 11 });
    expect([...fake.messages]).toEqual([...fake.messages]);
    const exp = await openSpruceExport(buildSpruceExportZip(fake));
    expect(exp.tables).toEqual(TABLE_NAMES);
    const ids = async (table: (typeof TABLE_NAMES)[number], column: string) =>
      new Set((await collect(exp.rows(table, { raw: true }))).map((row) => (row as Record<string, string>)[column]));
    const entities = await ids('entities', 'entity_id');
    const conversations = await ids('conversations', 'conversation_id');
    const messages = await ids('messages', 'message_id');
    const pages = await ids('pages', 'page_id');
    for (const id of await ids('messages', 'conversation_id')) expect(conversations.has(id)).toBe(true);
    for (const id of await ids('pages', 'message_id')) expect(messages.has(id)).toBe(true);
    for (const id of await ids('paged_entities', 'page_id')) expect(pages.has(id)).toBe(true);
    for (const id of await ids('entity_contact_info', 'entity_id')) expect(entities.has(id)).toBe(true);
    for (const id of await ids('voip_phone_lines', 'entity_id')) expect(entities.has(id)).toBe(true);
  });

  test('obviously fake people and fictional numbers', async () => {
    const people = [...fakeSpruceExport({ messages: 200 }).entities].filter((row) => row.type === 'PATIENT');
    for (const person of people) expect(`${String(person.first_name)} ${String(person.last_name)}`).toMatch(/^(Testy|Fakey|Sample|Demo|Mocky|Placeholder|Dummy|Example) /);
    for (const contact of fakeSpruceExport({ messages: 200 }).entity_contact_info) {
      if (contact.type === 'PHONE') expect(contact.value).toMatch(/^\+141555501\d\d$/);
      if (contact.type === 'EMAIL') expect(contact.value).toMatch(/@(example\.com|clinic\.example)$/);
    }
  });
});
