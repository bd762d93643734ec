import type { EntityManager } from '@mikro-orm/postgresql';
import { toGlobalId } from '../../graphql/global-id.js';
import type { Commitment } from '../commitments/commitment.entity.js';
import { mapCommitments } from '../commitments/commitment.sql.js';
import { addDays, daysBetween, OPEN_STATUSES_SQL } from '../committee/rules.js';
import { link, type MailConfig, queueMail } from '../mail/outbox.service.js';
import type { NotificationKind } from '../notifications/notification.entity.js';
import { type Bilingual, describe } from '../notifications/notification.messages.js';
import { createNotification } from '../notifications/notification.service.js';
import { loadRecipients, type Recipient, recipientMaySee } from '../notifications/recipients.js';

/**
 * Which reminder rule applies to a commitment due `daysLeft` days after the sweep's date
 * (DESIGN.md §7): due in 7 days, due tomorrow, overdue the day after the due date and then
 * every 7 days while it stays open. A sweep that missed a day still sends each step once.
 */
export function reminderRule(daysLeft: number): { rule: string; kind: NotificationKind } | undefined {
  if (daysLeft >= 2 && daysLeft <= 7) return { rule: 'DUE_IN_7', kind: 'DUE_SOON' };
  if (daysLeft === 0 || daysLeft === 1) return { rule: 'DUE_TOMORROW', kind: 'DUE_SOON' };
  if (daysLeft < 0) return { rule: `OVERDUE_${Math.floor((-daysLeft - 1) / 7)}`, kind: 'OVERDUE' };
  return undefined;
}

export interface Reminder {
  key: string;
  kind: NotificationKind;
  commitment: Commitment;
  recipient: Recipient;
  message: Bilingual;
  url: string;
}

/** Every reminder due on `date` (Phnom Penh), whether or not it was sent before. */
export async function planReminders(em: EntityManager, config: MailConfig, date: string): Promise<Reminder[]> {
  const rows = await em.execute<Record<string, unknown>[]>(
    `select c.* from commitment c
      where c.status in ${OPEN_STATUSES_SQL} and c.due_date is not null and c.due_date <= ?::date
      order by c.due_date, c.reference`,
    [addDays(date, 7)],
  );
  const commitments = mapCommitments(em, rows);
  const focalPoints = await em.execute<{ organization: string; person: string }[]>(
    'select organization_id as organization, id as person from person where is_focal_point and organization_id is not null',
  );
  const reminders: Reminder[] = [];
  for (const commitment of commitments) {
    const due = commitment.dueDate as string;
    const daysLeft = daysBetween(date, due);
    const rule = reminderRule(daysLeft);
    if (!rule) continue;
    const people = [
      ...(commitment.assignee ? [commitment.assignee] : []),
      ...focalPoints.filter((f) => f.organization === commitment.leadOrganization).map((f) => f.person),
    ];
    const message = describe(rule.kind, {
      reference: commitment.reference,
      title: commitment.title,
      titleKm: commitment.titleKm,
      dueDate: due,
      days: daysLeft,
    });
    for (const recipient of await loadRecipients(em, people)) {
      if (!(await recipientMaySee(em, recipient, { commitment: commitment.id }))) continue;
      reminders.push({
        key: `reminder:${rule.rule}:${commitment.id}:${due}:${recipient.person}`,
        kind: rule.kind,
        commitment,
        recipient,
        message,
        url: link(config, `/commitments/${toGlobalId('Commitment', commitment.id)}`),
      });
    }
  }
  return reminders;
}

export interface SweepResult {
  mails: { id?: string; to: string; subject: string }[];
  notifications: number;
}

const OPEN: Bilingual = { en: 'Open the commitment', km: 'បើកការប្តេជ្ញាចិត្ត' };
const REPORT: Bilingual = {
  en: 'Report progress, or ask the secretariat to move the due date, on the commitment page.',
  km: 'សូមរាយការណ៍វឌ្ឍនភាព ឬស្នើលេខាធិការដ្ឋានឱ្យប្តូរកាលកំណត់ នៅលើទំព័រការប្តេជ្ញាចិត្ត។',
};

/**
 * The daily reminder sweep as if today were `date` in Phnom Penh. Only what was never sent
 * before is written (keys), so running it twice for a date sends nothing new. A dry run
 * reports what would be sent and writes nothing.
 */
export async function runReminderSweep(
  em: EntityManager,
  config: MailConfig,
  options: { date: string; dryRun?: boolean },
): Promise<SweepResult> {
  if (options.dryRun) {
    const reminders = await planReminders(em, config, options.date);
    const known = new Set(
      reminders.length
        ? (
            await em.execute<{ key: string }[]>(
              `select key from notification where key in (${reminders.map(() => '?').join(', ')})`,
              reminders.map((r) => r.key),
            )
          ).map((r) => r.key)
        : [],
    );
    const fresh = reminders.filter((r) => !known.has(r.key));
    return {
      notifications: fresh.length,
      mails: fresh
        .filter((r) => r.recipient.emailReminders)
        .map((r) => ({ to: r.recipient.email, subject: r.recipient.locale === 'KM' ? r.message.km : r.message.en })),
    };
  }
  return em.transactional(async (tx) => {
    const result: SweepResult = { mails: [], notifications: 0 };
    for (const reminder of await planReminders(tx, config, options.date)) {
      const { recipient, commitment } = reminder;
      const created = await createNotification(tx, {
        key: reminder.key,
        kind: reminder.kind,
        recipient,
        commitment: commitment.id,
        message: reminder.message,
      });
      if (!created) continue;
      result.notifications++;
      if (!recipient.emailReminders) continue;
      const mail = await queueMail(tx, config, {
        key: reminder.key,
        kind: reminder.kind,
        recipient: recipient.person,
        to: recipient.email,
        locale: recipient.locale,
        body: {
          subject: reminder.message,
          heading: reminder.message,
          paragraphs: [REPORT],
          action: { label: OPEN, url: reminder.url },
        },
      });
      if (mail) result.mails.push(mail);
    }
    return result;
  });
}
