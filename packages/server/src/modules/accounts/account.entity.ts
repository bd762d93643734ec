import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { ROLES } from '../../auth/viewer.js';
import { baseProperties } from '../../db/base.entity.js';
import { PersonSchema } from '../people/person.entity.js';

export const LOCALES = ['EN', 'KM'] as const;
export type Locale = (typeof LOCALES)[number];

/** A user account: how a person signs in, and with which role (DESIGN.md §1). One per person. */
export const AccountSchema = defineEntity({
  name: 'Account',
  tableName: 'account',
  checks: [{ name: 'account_email_lower_case', expression: 'email = lower(email)' }],
  properties: {
    ...baseProperties,
    person: p.manyToOne(PersonSchema).mapToPk().unique(),
    /** The login e-mail, stored in lower case. */
    email: p.string().length(254).unique(),
    /** Argon2id PHC string. */
    passwordHash: p.text(),
    role: p.enum(ROLES),
    active: p.boolean().default(true),
    lastLoginAt: p.datetime().columnType('timestamptz').nullable(),
    /** The account's language: the web client's and its e-mails'. */
    locale: p.enum(LOCALES).default('EN'),
    /** Which e-mails the person wants: due-date reminders, the weekly digest, and events as they happen. */
    emailReminders: p.boolean().default(true),
    emailDigest: p.boolean().default(true),
    emailEvents: p.boolean().default(true),
  },
});
export type Account = InferEntity<typeof AccountSchema>;
