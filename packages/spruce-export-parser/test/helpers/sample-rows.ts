import type { SpruceTableRows, TableName } from '../../src/index.js';
import type { SpruceTableInput } from '../../src/testing.js';

/** Distinctive patient values: no error message or log line may ever contain one. */
export const PATIENT_VALUES = {
  firstName: 'Zelphine',
  lastName: 'Quorrowby',
  dob: '1986-03-27',
  phone: '+14155550187',
  email: 'zelphine.quorrowby@example.com',
  body: 'my private symptom: zorbleflux',
} as const;

const at = (text: string) => new Date(text);

interface Sample<T extends TableName> {
  /** What is written into the zip. */
  input: SpruceTableInput<T>;
  /** What `exp.rows(table)` must give back for it. */
  output: SpruceTableRows[T];
}

/** One row per table, covering every column and every typed value, with what it reads back as. */
export const SAMPLE_ROWS: { [T in TableName]: Sample<T> } = {
  metadata: {
    input: { start_timestamp: '2024-05-01T00:00:00Z', end_timestamp: '2024-05-31T23:59:59.999999999-07:00' },
    output: { start_timestamp: at('2024-05-01T00:00:00Z'), end_timestamp: at('2024-06-01T06:59:59.999Z') },
  },
  entities: {
    input: {
      entity_id: 'ent_pat_1',
      first_name: PATIENT_VALUES.firstName,
      last_name: PATIENT_VALUES.lastName,
      display_name: `${PATIENT_VALUES.firstName} ${PATIENT_VALUES.lastName}`,
      dob: PATIENT_VALUES.dob,
      type: 'PATIENT',
      invite_pending: true,
      entity_created_timestamp: '2023-11-05T08:15:30.5+01:00',
    },
    output: {
      entity_id: 'ent_pat_1',
      first_name: PATIENT_VALUES.firstName,
      last_name: PATIENT_VALUES.lastName,
      display_name: `${PATIENT_VALUES.firstName} ${PATIENT_VALUES.lastName}`,
      dob: PATIENT_VALUES.dob,
      type: 'PATIENT',
      invite_pending: true,
      entity_created_timestamp: at('2023-11-05T07:15:30.500Z'),
    },
  },
  entity_contact_info: {
    input: { entity_id: 'ent_pat_1', value: PATIENT_VALUES.phone, type: 'PHONE', label: 'mobile' },
    output: { entity_id: 'ent_pat_1', value: PATIENT_VALUES.phone, type: 'PHONE', label: 'mobile' },
  },
  user_group_members: {
    input: { group_entity_id: 'ent_group_1', member_entity_id: 'ent_prov_1' },
    output: { group_entity_id: 'ent_group_1', member_entity_id: 'ent_prov_1' },
  },
  patient_id_mappings: {
    input: { entity_id: 'ent_pat_1', type: 'elation', external_id: '140623' },
    output: { entity_id: 'ent_pat_1', type: 'elation', external_id: '140623' },
  },
  conversations: {
    input: {
      conversation_id: 'conv_1',
      primary_entity_id: 'ent_pat_1',
      type: 'STANDARD',
      created_timestamp: '2024-04-01T09:00:00.123456Z',
      message_count: '42',
      last_message_timestamp: '2024-05-03T10:11:12.1Z',
      assigned_entity_id: 'ent_prov_1',
      deleted: false,
      internal_endpoint: '+14155550100',
      external_endpoint: PATIENT_VALUES.phone,
    },
    output: {
      conversation_id: 'conv_1',
      primary_entity_id: 'ent_pat_1',
      type: 'STANDARD',
      created_timestamp: at('2024-04-01T09:00:00.123Z'),
      message_count: 42,
      last_message_timestamp: at('2024-05-03T10:11:12.100Z'),
      assigned_entity_id: 'ent_prov_1',
      deleted: false,
      internal_endpoint: '+14155550100',
      external_endpoint: PATIENT_VALUES.phone,
    },
  },
  conversation_tags: {
    input: { conversation_id: 'conv_1', tag: 'billing, urgent' },
    output: { conversation_id: 'conv_1', tag: 'billing, urgent' },
  },
  conversation_events: {
    input: { conversation_id: 'conv_1', created_timestamp: '2024-05-02T08:00:00Z', actor_entity_id: 'ent_prov_1', event: 'ARCHIVE', data: '{"archive":true,"unassign":true,"implicit":false}' },
    output: {
      conversation_id: 'conv_1',
      created_timestamp: at('2024-05-02T08:00:00Z'),
      actor_entity_id: 'ent_prov_1',
      event: 'ARCHIVE',
      data: { archive: true, unassign: true, implicit: false },
    },
  },
  pages: {
    input: { page_id: 'page_1', conversation_id: 'conv_1', message_id: 'msg_1', resolved: true, resolved_timestamp: '2024-05-02T09:30:00.000000001Z', resolved_by_entity_id: 'ent_prov_2' },
    output: { page_id: 'page_1', conversation_id: 'conv_1', message_id: 'msg_1', resolved: true, resolved_timestamp: at('2024-05-02T09:30:00Z'), resolved_by_entity_id: 'ent_prov_2' },
  },
  paged_entities: {
    input: { page_id: 'page_1', entity_id: 'ent_prov_2' },
    output: { page_id: 'page_1', entity_id: 'ent_prov_2' },
  },
  messages: {
    input: {
      message_id: 'msg_1',
      conversation_id: 'conv_1',
      created_timestamp: '2024-05-02T14:46:11.123456789Z',
      internal: false,
      destinations: `SMS:${PATIENT_VALUES.phone}|EMAIL:${PATIENT_VALUES.email}|VOICE:sip:desk@voip.example`,
      actor_entity_id: 'ent_prov_1',
      message_body: PATIENT_VALUES.body,
      message_type: 'USER',
      deleted: false,
    },
    output: {
      message_id: 'msg_1',
      conversation_id: 'conv_1',
      created_timestamp: at('2024-05-02T14:46:11.123Z'),
      internal: false,
      destinations: [
        { type: 'SMS', value: PATIENT_VALUES.phone },
        { type: 'EMAIL', value: PATIENT_VALUES.email },
        { type: 'VOICE', value: 'sip:desk@voip.example' },
      ],
      actor_entity_id: 'ent_prov_1',
      message_body: PATIENT_VALUES.body,
      message_type: 'USER',
      deleted: false,
    },
  },
  inbound_calls: {
    input: {
      created_timestamp: '2024-05-02T15:00:00-04:00',
      source: PATIENT_VALUES.phone,
      destination: '+14155550100',
      answered: 'true',
      answered_by: 'line1',
      answered_timestamp: '2024-05-02T15:00:08-04:00',
      completed_timestamp: '2024-05-02T15:04:00-04:00',
      sent_to_voicemail: false,
      left_voicemail_timestamp: '',
      phone_tree_node_id: 'ptn_1',
    },
    output: {
      created_timestamp: at('2024-05-02T19:00:00Z'),
      source: PATIENT_VALUES.phone,
      destination: '+14155550100',
      answered: true,
      answered_by: 'line1',
      answered_timestamp: at('2024-05-02T19:00:08Z'),
      completed_timestamp: at('2024-05-02T19:04:00Z'),
      sent_to_voicemail: false,
      left_voicemail_timestamp: null,
      phone_tree_node_id: 'ptn_1',
    },
  },
  voip_phone_lines: {
    input: { username: 'line1', name: 'Front Desk', entity_id: 'ent_phone_1' },
    output: { username: 'line1', name: 'Front Desk', entity_id: 'ent_phone_1' },
  },
  outbound_calls: {
    input: {
      source: '+14155550100',
      destination: PATIENT_VALUES.phone,
      outbound_caller_id: '+14155550100',
      created_timestamp: '2024-05-02T16:00:00Z',
      caller_entity_id: 'ent_prov_1',
      completed_timestamp: '2024-05-02T16:01:30.25Z',
    },
    output: {
      source: '+14155550100',
      destination: PATIENT_VALUES.phone,
      outbound_caller_id: '+14155550100',
      created_timestamp: at('2024-05-02T16:00:00Z'),
      caller_entity_id: 'ent_prov_1',
      completed_timestamp: at('2024-05-02T16:01:30.250Z'),
    },
  },
};
