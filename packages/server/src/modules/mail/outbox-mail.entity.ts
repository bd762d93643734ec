import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { PersonSchema } from '../people/person.entity.js';

/**
 * HELD: no SMTP_URL, kept unsent. PENDING: waiting for the worker. SENDING: handed to the mail
 * server. SENT. FAILED: the last attempt failed (lastError says why); retried with backoff.
 */
export const MAIL_STATUSES = ['HELD', 'PENDING', 'SENDING', 'SENT', 'FAILED'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** Every e-mail Prachum sends, kept: the outbox. `key` is unique, so the same mail is never queued twice. */
export const OutboxMailSchema = defineEntity({
  name: 'OutboxMail',
  tableName: 'outbox_mail',
  indexes: [{ name: 'outbox_mail_created_at', properties: ['createdAt'] }],
  properties: {
    id: p.uuid().primary(),
    key: p.text().unique(),
    kind: p.string().length(40),
    recipient: p.manyToOne(PersonSchema).mapToPk().nullable().index().deleteRule('set null'),
    to: p.string().length(254),
    subject: p.text(),
    text: p.text(),
    html: p.text(),
    status: p.enum(MAIL_STATUSES).index(),
    attempts: p.integer().default(0),
    lastError: p.text().nullable(),
    createdAt: p.datetime().columnType('timestamptz'),
    sentAt: p.datetime().columnType('timestamptz').nullable(),
  },
});
export type OutboxMail = InferEntity<typeof OutboxMailSchema>;
