import * as z from 'zod';
import { values } from '@x/core';

/** The kinds of entity the document lists; a kind Spruce adds later still passes. */
export const ENTITY_TYPES = ['PROVIDER', 'PATIENT', 'USER_GROUP', 'EXTERNAL', 'PHONE'] as const;

/** `entities.csv`: every non-deleted entity (providers, patients, user groups, ...). */
export const EntityRow = z
  .looseObject({
    entity_id: values.string().describe('Opaque identifier of a user in Spruce.'),
    first_name: values.string().nullable().describe('First name.'),
    last_name: values.string().nullable().describe('Last name.'),
    display_name: values.string().nullable().describe('Name as Spruce displays it.'),
    dob: values.date().nullable().describe('Date of birth, `YYYY-MM-DD`, kept as text (a date has no time zone).'),
    type: values
      .openEnum(ENTITY_TYPES)
      .describe(
        'PROVIDER: a member of the providing team; PATIENT: a patient using the Spruce app; USER_GROUP: a group of providers; ' +
          'EXTERNAL: an entity reached over SMS, email or phone; PHONE: a VoIP device that makes and receives calls.',
      ),
    invite_pending: values.boolean().describe('Whether the entity has an invite pending to create a Spruce account.'),
    entity_created_timestamp: values.timestamp().describe('When the entity was created.'),
  })
  .describe('Every non-deleted entity (providers, patients, user groups, ...) in the organization. Always the full list.');
export type EntityRow = z.infer<typeof EntityRow>;
