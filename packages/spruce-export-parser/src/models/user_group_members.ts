import * as z from 'zod';
import { values } from '@x/core';

/** `user_group_members.csv`: who belongs to each user group. */
export const UserGroupMemberRow = z
  .looseObject({
    group_entity_id: values.string().describe('The user group (an entity of type USER_GROUP).'),
    member_entity_id: values.string().describe('A member of the group.'),
  })
  .describe('The members of each user group. Always the full list.');
export type UserGroupMemberRow = z.infer<typeof UserGroupMemberRow>;
