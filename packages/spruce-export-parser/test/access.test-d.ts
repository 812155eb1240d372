import { expectTypeOf, test } from 'vitest';
import {
  analyseConversationAccess,
  conversationAccess,
  type AccessExceptionKind,
  type AccessTables,
  type ConversationAccessReport,
  type SpruceExport,
  type TableRow,
  type ViewerReason,
} from '../src/index.js';

test('the report has the shape DESIGN promises, plus the endpoint and the conversation count', () => {
  expectTypeOf<ConversationAccessReport['viewers'][number]>().toEqualTypeOf<{
    conversation_id: string;
    entity_id: string | null;
    reason: ViewerReason;
    via_team: string | null;
    since: Date | null;
    endpoint: string | null;
  }>();
  expectTypeOf<ViewerReason>().toEqualTypeOf<'endpoint-owner' | 'endpoint-member' | 'conversation-member' | 'organisation'>();
  expectTypeOf<AccessExceptionKind>().toEqualTypeOf<
    'author-not-viewer' | 'paged-not-viewer' | 'temporary-access' | 'unknown-entity' | 'ineffective-removal' | 'unlisted-endpoint'
  >();
  expectTypeOf(conversationAccess).returns.resolves.toEqualTypeOf<ConversationAccessReport>();
});

test("the engine takes an export's rows as they are", () => {
  const exp = {} as SpruceExport;
  expectTypeOf(exp.rows('messages')).toExtend<AccessTables['messages']>();
  expectTypeOf(exp.rows('conversations')).toExtend<AccessTables['conversations']>();
  expectTypeOf(exp.rows('conversation_events')).toExtend<AccessTables['conversationEvents']>();
  expectTypeOf<TableRow<'entities'>[]>().toExtend<AccessTables['entities']>();
  expectTypeOf(analyseConversationAccess).parameter(2).toHaveProperty('at').toEqualTypeOf<Date>();
});
