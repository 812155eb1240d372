/**
 * The model names follow one rule across the three clients (`<Vendor><Thing>Row`, registry
 * `<VENDOR>_ROW_MODELS`), and the names they replaced still compile as the same types.
 */
import { describe, expectTypeOf, test } from 'vitest';
import {
  ArchiveEventData,
  type ArchiveEventRow,
  ConversationEventColumns,
  type ConversationEventRow,
  ConversationRow,
  ConversationTagRow,
  type DeleteEventRow,
  EntityContactInfoRow,
  EntityRow,
  InboundCallRow,
  MessageRow,
  MetadataRow,
  type OtherEventRow,
  OutboundCallRow,
  PageRow,
  PagedEntityRow,
  PatientIdMappingRow,
  SpruceArchiveEventData,
  type SpruceArchiveEventRow,
  SpruceConversationEventColumns,
  type SpruceConversationEventRow,
  SpruceConversationRow,
  SpruceConversationTagRow,
  type SpruceDeleteEventRow,
  SpruceEntityContactInfoRow,
  SpruceEntityRow,
  SpruceInboundCallRow,
  SpruceMessageRow,
  SpruceMetadataRow,
  type SpruceOtherEventRow,
  SpruceOutboundCallRow,
  SprucePageRow,
  SprucePagedEntityRow,
  SprucePatientIdMappingRow,
  SpruceUpdateAssignmentEventData,
  type SpruceUpdateAssignmentEventRow,
  SpruceUpdateMembersEventData,
  type SpruceUpdateMembersEventRow,
  SpruceUserGroupMemberRow,
  SpruceVoipPhoneLineRow,
  UpdateAssignmentEventData,
  type UpdateAssignmentEventRow,
  UpdateMembersEventData,
  type UpdateMembersEventRow,
  UserGroupMemberRow,
  VoipPhoneLineRow,
  SPRUCE_ROW_MODELS,
  TABLE_COLUMNS,
  type SpruceTableRows,
  type TableName,
  type TableRow,
} from '../src/index.js';

describe('SPRUCE_ROW_MODELS and SpruceTableRows', () => {
  test('have the same keys: the 14 table names', () => {
    expectTypeOf<keyof typeof SPRUCE_ROW_MODELS>().toEqualTypeOf<keyof SpruceTableRows>();
    expectTypeOf<keyof SpruceTableRows>().toEqualTypeOf<TableName>();
  });

  test('a table row is its Spruce…Row type', () => {
    expectTypeOf<TableRow<'messages'>>().toEqualTypeOf<SpruceMessageRow>();
    expectTypeOf<SpruceTableRows['conversation_events']>().toEqualTypeOf<SpruceConversationEventRow>();
  });
});

describe('the deprecated names are the renamed models, as types and as values', () => {
  test('types', () => {
    expectTypeOf<MetadataRow>().toEqualTypeOf<SpruceMetadataRow>();
    expectTypeOf<EntityRow>().toEqualTypeOf<SpruceEntityRow>();
    expectTypeOf<EntityContactInfoRow>().toEqualTypeOf<SpruceEntityContactInfoRow>();
    expectTypeOf<UserGroupMemberRow>().toEqualTypeOf<SpruceUserGroupMemberRow>();
    expectTypeOf<PatientIdMappingRow>().toEqualTypeOf<SprucePatientIdMappingRow>();
    expectTypeOf<ConversationRow>().toEqualTypeOf<SpruceConversationRow>();
    expectTypeOf<ConversationTagRow>().toEqualTypeOf<SpruceConversationTagRow>();
    expectTypeOf<ConversationEventColumns>().toEqualTypeOf<SpruceConversationEventColumns>();
    expectTypeOf<ConversationEventRow>().toEqualTypeOf<SpruceConversationEventRow>();
    expectTypeOf<ArchiveEventRow>().toEqualTypeOf<SpruceArchiveEventRow>();
    expectTypeOf<UpdateMembersEventRow>().toEqualTypeOf<SpruceUpdateMembersEventRow>();
    expectTypeOf<UpdateAssignmentEventRow>().toEqualTypeOf<SpruceUpdateAssignmentEventRow>();
    expectTypeOf<DeleteEventRow>().toEqualTypeOf<SpruceDeleteEventRow>();
    expectTypeOf<OtherEventRow>().toEqualTypeOf<SpruceOtherEventRow>();
    expectTypeOf<ArchiveEventData>().toEqualTypeOf<SpruceArchiveEventData>();
    expectTypeOf<UpdateMembersEventData>().toEqualTypeOf<SpruceUpdateMembersEventData>();
    expectTypeOf<UpdateAssignmentEventData>().toEqualTypeOf<SpruceUpdateAssignmentEventData>();
    expectTypeOf<PageRow>().toEqualTypeOf<SprucePageRow>();
    expectTypeOf<PagedEntityRow>().toEqualTypeOf<SprucePagedEntityRow>();
    expectTypeOf<MessageRow>().toEqualTypeOf<SpruceMessageRow>();
    expectTypeOf<InboundCallRow>().toEqualTypeOf<SpruceInboundCallRow>();
    expectTypeOf<VoipPhoneLineRow>().toEqualTypeOf<SpruceVoipPhoneLineRow>();
    expectTypeOf<OutboundCallRow>().toEqualTypeOf<SpruceOutboundCallRow>();
  });

  test('values (the zod models)', () => {
    expectTypeOf(MetadataRow).toEqualTypeOf(SpruceMetadataRow);
    expectTypeOf(EntityRow).toEqualTypeOf(SpruceEntityRow);
    expectTypeOf(EntityContactInfoRow).toEqualTypeOf(SpruceEntityContactInfoRow);
    expectTypeOf(UserGroupMemberRow).toEqualTypeOf(SpruceUserGroupMemberRow);
    expectTypeOf(PatientIdMappingRow).toEqualTypeOf(SprucePatientIdMappingRow);
    expectTypeOf(ConversationRow).toEqualTypeOf(SpruceConversationRow);
    expectTypeOf(ConversationTagRow).toEqualTypeOf(SpruceConversationTagRow);
    expectTypeOf(ConversationEventColumns).toEqualTypeOf(SpruceConversationEventColumns);
    expectTypeOf(ArchiveEventData).toEqualTypeOf(SpruceArchiveEventData);
    expectTypeOf(UpdateMembersEventData).toEqualTypeOf(SpruceUpdateMembersEventData);
    expectTypeOf(UpdateAssignmentEventData).toEqualTypeOf(SpruceUpdateAssignmentEventData);
    expectTypeOf(PageRow).toEqualTypeOf(SprucePageRow);
    expectTypeOf(PagedEntityRow).toEqualTypeOf(SprucePagedEntityRow);
    expectTypeOf(MessageRow).toEqualTypeOf(SpruceMessageRow);
    expectTypeOf(InboundCallRow).toEqualTypeOf(SpruceInboundCallRow);
    expectTypeOf(VoipPhoneLineRow).toEqualTypeOf(SpruceVoipPhoneLineRow);
    expectTypeOf(OutboundCallRow).toEqualTypeOf(SpruceOutboundCallRow);
    expectTypeOf(TABLE_COLUMNS).toEqualTypeOf(SPRUCE_ROW_MODELS);
  });
});
