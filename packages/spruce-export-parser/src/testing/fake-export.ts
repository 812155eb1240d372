import { SeededRandom } from '@x/core/internal';
import { TABLE_NAMES, type TableName } from '../tables.js';
import type { SpruceExportTables, SpruceTableInput } from './build-export-zip.js';

/** Options of {@link fakeSpruceExport}. */
export interface FakeSpruceExportOptions {
  /**
   * Same seed, same export, byte for byte.
   * @default 1
   */
  seed?: number;
  /**
   * How many messages; the other tables are sized from it (a conversation per 10 messages, an
   * inbound call per 8, a page per 50, ...).
   * @default 1_000
   */
  messages?: number;
  /**
   * Start of the period the export covers.
   * @default 2024-05-01T00:00:00Z
   */
  start?: Date;
  /**
   * Length of the period, in days.
   * @default 31
   */
  days?: number;
}

/** Every table of a fake export, each re-iterable and generated row by row as it is pulled. */
export type FakeSpruceExport = { [T in TableName]: Iterable<SpruceTableInput<T>> };

const FIRST_NAMES = ['Testy', 'Fakey', 'Sample', 'Demo', 'Mocky', 'Placeholder', 'Dummy', 'Example'];
const LAST_NAMES = ['McTestface', 'Fakington', 'Samplesson', 'Demoly', 'Mockridge', 'Notreal', 'Dummyworth', 'Exampleton'];
// Bodies that exercise CSV quoting: commas, quotes, line breaks (LF and CRLF), leading spaces, emoji.
const BODIES = [
  'Hi, this is a test message.',
  'Can we move my appointment to "next Tuesday"?',
  'Line one\nline two',
  ' Starts with a space, then text',
  'Thanks! 👍🏽',
  'Sent from a Windows tool\r\nwith a CRLF',
  'Refill request for the fake medication',
  'ok',
];
const TAGS = ['billing', 'refill', 'new-patient', 'follow-up', 'urgent'];
const DAY_MS = 86_400_000;

/**
 * A deterministic, realistic fake export: obviously fake names (`Testy McTestface`), fictional
 * phone numbers (`+1415555 01xx`), `example.com` emails, ids that join across tables, and message
 * bodies that exercise CSV quoting. Rows are generated as they are pulled, so 200,000 messages
 * can be zipped without holding them.
 *
 * @example
 * ```ts
 * const zip = buildSpruceExportZip(fakeSpruceExport({ messages: 5_000, seed: 7 }));
 * ```
 */
export function fakeSpruceExport(options: FakeSpruceExportOptions = {}): FakeSpruceExport {
  const seed = options.seed ?? 1;
  const messages = Math.max(0, Math.floor(options.messages ?? 1_000));
  const start = (options.start ?? new Date('2024-05-01T00:00:00Z')).getTime();
  const periodMs = (options.days ?? 31) * DAY_MS;
  const size = {
    providers: 6,
    groups: 2,
    phones: 3,
    patients: Math.max(5, Math.ceil(messages / 25)),
    conversations: Math.max(3, Math.ceil(messages / 10)),
    pages: Math.ceil(messages / 50),
    inboundCalls: Math.ceil(messages / 8),
    outboundCalls: Math.ceil(messages / 15),
  };
  const ids = {
    provider: (i: number) => `ent_prov_${i}`,
    group: (i: number) => `ent_group_${i}`,
    phone: (i: number) => `ent_phone_${i}`,
    patient: (i: number) => `ent_pat_${i}`,
    conversation: (i: number) => `conv_${i}`,
    message: (i: number) => `msg_${i}`,
    page: (i: number) => `page_${i}`,
  };
  const phoneNumber = (i: number) => `+1415555${String(100 + (i % 100)).padStart(4, '0')}`;
  const at = (fraction: number) => new Date(start + Math.floor(fraction * periodMs));
  const name = (random: SeededRandom, i: number) => ({ first_name: random.pick(FIRST_NAMES), last_name: `${random.pick(LAST_NAMES)}${i}` });

  const tables = {
    metadata: () => [{ start_timestamp: new Date(start), end_timestamp: new Date(start + periodMs) }],
    *entities(random) {
      const created = (i: number) => new Date(start - (i + 1) * DAY_MS);
      for (let i = 0; i < size.providers; i++) {
        const person = name(random, i);
        yield { entity_id: ids.provider(i), ...person, display_name: `Dr. ${person.first_name} ${person.last_name}`, dob: null, type: 'PROVIDER', invite_pending: false, entity_created_timestamp: created(i) };
      }
      for (let i = 0; i < size.groups; i++) {
        yield { entity_id: ids.group(i), display_name: `Fake Team ${i}`, type: 'USER_GROUP', invite_pending: false, entity_created_timestamp: created(i) };
      }
      for (let i = 0; i < size.phones; i++) {
        yield { entity_id: ids.phone(i), display_name: `Front Desk Line ${i}`, type: 'PHONE', invite_pending: false, entity_created_timestamp: created(i) };
      }
      for (let i = 0; i < size.patients; i++) {
        const person = name(random, i);
        const dob = `${1940 + random.below(75)}-${pad(1 + random.below(12))}-${pad(1 + random.below(28))}`;
        yield { entity_id: ids.patient(i), ...person, display_name: `${person.first_name} ${person.last_name}`, dob, type: 'PATIENT', invite_pending: random.chance(0.2), entity_created_timestamp: created(i) };
      }
    },
    *entity_contact_info(random) {
      for (let i = 0; i < size.patients; i++) {
        yield { entity_id: ids.patient(i), value: phoneNumber(i), type: 'PHONE', label: 'mobile' };
        if (random.chance(0.6)) yield { entity_id: ids.patient(i), value: `patient${i}@example.com`, type: 'EMAIL', label: null };
      }
      for (let i = 0; i < size.providers; i++) yield { entity_id: ids.provider(i), value: `provider${i}@clinic.example`, type: 'EMAIL', label: 'work' };
      for (let i = 0; i < size.phones; i++) yield { entity_id: ids.phone(i), value: `sip:line${i}@voip.example`, type: 'SIP_URI', label: null };
    },
    *user_group_members() {
      for (let g = 0; g < size.groups; g++) for (let p = g; p < size.providers; p += size.groups) yield { group_entity_id: ids.group(g), member_entity_id: ids.provider(p) };
    },
    *patient_id_mappings(random) {
      for (let i = 0; i < size.patients; i++) if (random.chance(0.5)) yield { entity_id: ids.patient(i), type: 'elation', external_id: String(100_000 + i) };
    },
    *conversations(random) {
      for (let i = 0; i < size.conversations; i++) {
        const secure = random.chance(0.3);
        yield {
          conversation_id: ids.conversation(i),
          primary_entity_id: ids.patient(i % size.patients),
          type: secure ? 'SECURE' : 'STANDARD',
          created_timestamp: new Date(start - random.below(90) * DAY_MS),
          message_count: 10,
          last_message_timestamp: at(random.next()),
          assigned_entity_id: random.chance(0.5) ? ids.provider(random.below(size.providers)) : null,
          deleted: false,
          internal_endpoint: secure ? 'fake-clinic' : phoneNumber(1000 + (i % size.phones)),
          external_endpoint: secure ? 'org_fake' : phoneNumber(i % size.patients),
        };
      }
    },
    *conversation_tags(random) {
      for (let i = 0; i < size.conversations; i += 2) yield { conversation_id: ids.conversation(i), tag: random.pick(TAGS) };
    },
    *conversation_events(random) {
      for (let i = 0; i < size.conversations; i++) {
        const base = { conversation_id: ids.conversation(i), created_timestamp: at(random.next()), actor_entity_id: ids.provider(random.below(size.providers)) };
        const kind = random.below(4);
        if (kind === 0) yield { ...base, event: 'ARCHIVE', data: `{"archive":${random.chance(0.8)},"unassign":false,"implicit":false}` };
        else if (kind === 1) yield { ...base, event: 'UPDATE_MEMBERS', data: `{"add_entity_ids":["${ids.provider(random.below(size.providers))}"],"remove_entity_ids":null}` };
        else if (kind === 2) yield { ...base, event: 'UPDATE_ASSIGNMENT', data: `{"assign_entity_id":"${random.chance(0.7) ? ids.provider(random.below(size.providers)) : ''}"}` };
        else yield { ...base, event: 'DELETE', data: '{}' };
      }
    },
    *pages(random) {
      for (let i = 0; i < size.pages; i++) {
        const resolved = random.chance(0.7);
        yield {
          page_id: ids.page(i),
          conversation_id: ids.conversation(random.below(size.conversations)),
          message_id: ids.message(random.below(Math.max(1, messages))),
          resolved,
          resolved_timestamp: resolved ? at(random.next()) : null,
          resolved_by_entity_id: resolved ? ids.provider(random.below(size.providers)) : null,
        };
      }
    },
    *paged_entities(random) {
      for (let i = 0; i < size.pages; i++) {
        yield { page_id: ids.page(i), entity_id: ids.provider(random.below(size.providers)) };
        if (random.chance(0.3)) yield { page_id: ids.page(i), entity_id: ids.group(random.below(size.groups)) };
      }
    },
    *messages(random) {
      for (let i = 0; i < messages; i++) {
        const conversation = random.below(size.conversations);
        const internal = random.chance(0.15);
        const patient = conversation % size.patients;
        yield {
          message_id: ids.message(i),
          conversation_id: ids.conversation(conversation),
          created_timestamp: at((i + random.next()) / Math.max(1, messages)),
          internal,
          destinations: internal ? [] : random.chance(0.8) ? [{ type: 'SMS', value: phoneNumber(patient) }] : [{ type: 'EMAIL', value: `patient${patient}@example.com` }],
          actor_entity_id: random.chance(0.5) ? ids.provider(random.below(size.providers)) : ids.patient(patient),
          message_body: internal ? 'Internal note: please follow up.' : random.pick(BODIES),
          message_type: random.chance(0.9) ? 'USER' : random.pick(['EVENT', 'TRIGGERED', 'SCHEDULED']),
          deleted: random.chance(0.01),
        };
      }
    },
    *inbound_calls(random) {
      for (let i = 0; i < size.inboundCalls; i++) {
        const created = at((i + random.next()) / size.inboundCalls);
        const answered = random.chance(0.6);
        const voicemail = !answered && random.chance(0.75);
        const later = (seconds: number) => new Date(created.getTime() + seconds * 1000);
        const line = random.below(size.phones);
        yield {
          created_timestamp: created,
          source: phoneNumber(random.below(size.patients)),
          destination: phoneNumber(1000 + line),
          answered,
          answered_by: answered ? `line${line}` : null,
          answered_timestamp: answered ? later(8) : null,
          completed_timestamp: later(120),
          sent_to_voicemail: voicemail,
          left_voicemail_timestamp: voicemail && random.chance(0.6) ? later(40) : null,
          phone_tree_node_id: random.chance(0.5) ? `ptn_${random.below(4)}` : null,
        };
      }
    },
    *voip_phone_lines() {
      for (let i = 0; i < size.phones; i++) yield { username: `line${i}`, name: `Front Desk Line ${i}`, entity_id: ids.phone(i) };
    },
    *outbound_calls(random) {
      for (let i = 0; i < size.outboundCalls; i++) {
        const created = at((i + random.next()) / size.outboundCalls);
        yield {
          source: phoneNumber(1000 + random.below(size.phones)),
          destination: phoneNumber(random.below(size.patients)),
          outbound_caller_id: phoneNumber(1000),
          created_timestamp: created,
          caller_entity_id: ids.provider(random.below(size.providers)),
          completed_timestamp: random.chance(0.9) ? new Date(created.getTime() + 90_000) : null,
        };
      }
    },
  } satisfies { [T in TableName]: (random: SeededRandom) => Iterable<SpruceTableInput<T>> };

  const exported = {} as Record<TableName, Iterable<unknown>>;
  for (const [index, table] of TABLE_NAMES.entries()) {
    const generate = tables[table] as (random: SeededRandom) => Iterable<unknown>;
    exported[table] = { [Symbol.iterator]: () => generate(new SeededRandom(seed * 1_000 + index))[Symbol.iterator]() };
  }
  return exported as FakeSpruceExport satisfies SpruceExportTables;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
