import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Viewer } from '../../auth/viewer.js';
import type { Config } from '../../config.js';
import { ForbiddenError, UnauthenticatedError } from '../../errors.js';
import type { Page, PageArgs } from '../../graphql/connection.js';
import { listPage } from '../../graphql/list-page.js';
import { enqueue } from '../../jobs/queue.js';
import type { Locale } from '../accounts/account.entity.js';
import { type MailBody, renderMail } from './mail.templates.js';
import { type MailStatus, type OutboxMail, OutboxMailSchema } from './outbox-mail.entity.js';

export type MailConfig = Pick<Config, 'smtpUrl' | 'mailFrom' | 'publicUrl'>;

/** An SMTP transport for SMTP_URL; undefined when none is set (mails are then HELD in the outbox). */
export function createMailer(config: Pick<Config, 'smtpUrl'>): Transporter | undefined {
  return config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : undefined;
}

/** A link into the web client, e.g. `link(config, '/commitments/…')`. */
export const link = (config: Pick<Config, 'publicUrl'>, path: string) =>
  `${config.publicUrl.replace(/\/$/, '')}${path}`;

export interface MailRequest {
  /** Unique per mail that should exist once, e.g. `reminder:DUE_IN_7:<commitment>:<due date>:<person>`. */
  key: string;
  kind: string;
  recipient: string | null;
  to: string;
  locale: Locale;
  body: MailBody;
}

/**
 * Puts a mail in the outbox (once per key) and, when SMTP is configured, queues its sending in
 * the same transaction. Returns the new mail, or undefined when the key was already there.
 */
export async function queueMail(
  em: EntityManager,
  config: MailConfig,
  request: MailRequest,
): Promise<{ id: string; to: string; subject: string } | undefined> {
  const rendered = renderMail(request.body, request.locale, link(config, '/settings'));
  const status: MailStatus = config.smtpUrl ? 'PENDING' : 'HELD';
  const [row] = await em.execute<{ id: string }[]>(
    `insert into outbox_mail (id, key, kind, recipient_id, "to", subject, text, html, status, attempts, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, now()) on conflict (key) do nothing returning id`,
    [
      randomUUID(),
      request.key,
      request.kind,
      request.recipient,
      request.to,
      rendered.subject,
      rendered.text,
      rendered.html,
      status,
    ],
  );
  if (!row) return undefined;
  if (status === 'PENDING') await enqueue(em, 'send_mail', { id: row.id }, { key: `mail:${row.id}` });
  return { id: row.id, to: request.to, subject: rendered.subject };
}

/**
 * Sends one outbox mail. The row is claimed (SENDING) in its own statement first, so a retry, a
 * second worker or the CLI never hands the same mail to the mail server twice; a failure is
 * recorded as FAILED with its reason and thrown, for the queue to retry with backoff.
 */
export async function deliverMail(
  em: EntityManager,
  mailer: Transporter | undefined,
  config: MailConfig,
  id: string,
): Promise<'sent' | 'skipped'> {
  if (!mailer) return 'skipped';
  const [mail] = await em.execute<Pick<OutboxMail, 'key' | 'to' | 'subject' | 'text' | 'html'>[]>(
    `update outbox_mail set status = 'SENDING', attempts = attempts + 1
      where id = ? and status in ('PENDING', 'FAILED') returning key, "to", subject, text, html`,
    [id],
  );
  if (!mail) return 'skipped';
  try {
    await mailer.sendMail({
      from: config.mailFrom,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      // The same mail always has the same Message-ID, so a mail client can spot a copy.
      messageId: `<${createHash('sha256').update(mail.key).digest('hex').slice(0, 32)}@prachum>`,
      textEncoding: 'base64',
    });
  } catch (error) {
    const reason = (error as Error).message.slice(0, 1000);
    await em.execute(`update outbox_mail set status = 'FAILED', last_error = ? where id = ?`, [reason, id]);
    throw error;
  }
  await em.execute(`update outbox_mail set status = 'SENT', sent_at = now(), last_error = null where id = ?`, [id]);
  return 'sent';
}

/** The outbox, newest first (administrators only). */
export async function listOutbox(
  scope: { em: EntityManager; viewer: Viewer },
  statuses: MailStatus[] | null | undefined,
  page: PageArgs,
): Promise<Page<OutboxMail>> {
  if (!scope.viewer.role) throw new UnauthenticatedError();
  if (scope.viewer.role !== 'ADMIN') throw new ForbiddenError('Only an administrator may read the e-mail outbox');
  const where = statuses?.length ? { status: { $in: statuses } } : {};
  return listPage(page, {
    count: () => scope.em.count(OutboxMailSchema, where),
    rows: ({ limit, offset }) =>
      scope.em.find(OutboxMailSchema, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit, offset }),
  });
}
