import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { ROLES } from '../../auth/viewer.js';
import { baseProperties } from '../../db/base.entity.js';
import { PersonSchema } from '../people/person.entity.js';

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
  },
});
export type Account = InferEntity<typeof AccountSchema>;
