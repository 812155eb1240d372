import * as z from 'zod';
import { values } from '@x/core';

/** The kinds of contact value the document lists; a kind Spruce adds later still passes. */
export const CONTACT_TYPES = ['PHONE', 'EMAIL', 'FAX', 'SIP_URI'] as const;

/** `entity_contact_info.csv`: an entity's phone numbers, emails, fax numbers and SIP endpoints. */
export const EntityContactInfoRow = z
  .looseObject({
    entity_id: values
      .string()
      .describe('The entity (see `entities.csv`). The document types it "timestamp", a slip: it is an identifier, read as text.'),
    value: values.string().describe('A phone or fax number (`+12222222222`), an email address, or a SIP endpoint (`sip:user@domain`).'),
    type: values.openEnum(CONTACT_TYPES).describe('PHONE, EMAIL, FAX or SIP_URI.'),
    label: values.string().nullable().describe('The label given to the contact value.'),
  })
  .describe("An entity's contact information, where Spruce has any. Always the full list.");
export type EntityContactInfoRow = z.infer<typeof EntityContactInfoRow>;
