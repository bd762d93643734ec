import { addDays, OPEN_STATUSES_SQL } from '../committee/rules.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { toGlobalId } from '../../graphql/global-id.js';
import type { MailBody } from '../mail/mail.templates.js';
import { link, type MailConfig, queueMail } from '../mail/outbox.service.js';
import { type Bilingual, formatDate } from '../notifications/notification.messages.js';
import { loadRecipients, type Recipient, recipientsWithRole } from '../notifications/recipients.js';

interface DigestRow {
  id: string;
  reference: string;
  title: string | null;
  title_km: string | null;
  due_date: string | null;
  section: 'overdue' | 'dueSoon' | 'stale' | 'awaiting' | 'requests';
}

const pick = (en: string | null, km: string | null) => ({ en: en || km || '', km: km || en || '' });

function item(config: MailConfig, row: DigestRow) {
  const title = pick(row.title, row.title_km);
  const due = row.due_date
    ? { en: ` (due ${formatDate(row.due_date, 'en')})`, km: ` (កាលកំណត់ ${formatDate(row.due_date, 'km')})` }
    : { en: '', km: '' };
  return {
    text: { en: `${row.reference}: ${title.en}${due.en}`, km: `${row.reference}៖ ${title.km}${due.km}` },
    url: link(config, `/commitments/${toGlobalId('Commitment', row.id)}`),
  };
}

const TITLES: Record<DigestRow['section'], Bilingual> = {
  overdue: { en: 'Overdue', km: 'ហួសកាលកំណត់' },
  dueSoon: { en: 'Due within 30 days', km: 'ដល់កាលកំណត់ក្នុងរយៈពេល ៣០ ថ្ងៃ' },
  stale: { en: 'No update for 60 days', km: 'គ្មានបច្ចុប្បន្នភាពរយៈពេល ៦០ ថ្ងៃ' },
  awaiting: { en: 'Waiting for your verification', km: 'កំពុងរង់ចាំការផ្ទៀងផ្ទាត់របស់អ្នក' },
  requests: { en: 'Due-date changes asked for', km: 'សំណើប្តូរកាលកំណត់' },
};

/** A focal point's organisation's open commitments: overdue first, then due within 30 days, then stale. */
async function focalPointRows(em: EntityManager, organization: string, date: string): Promise<DigestRow[]> {
  return em.execute<DigestRow[]>(
    `select id, reference, title, title_km, due_date::text as due_date, section from (
       select c.*, case
           when c.due_date < ?::date then 'overdue'
           when c.due_date <= ?::date then 'dueSoon'
           when coalesce(c.last_update_at, c.created_at) < (?::date - 60) then 'stale'
         end as section
         from commitment c
        where c.status in ${OPEN_STATUSES_SQL}
          and (c.lead_organization_id = ?
               or exists (select 1 from commitment_supporter s where s.commitment_id = c.id and s.organization_id = ?))
     ) d where section is not null
     order by array_position(array['overdue', 'dueSoon', 'stale'], section), due_date nulls last, reference`,
    [date, addDays(date, 30), date, organization, organization],
  );
}

function sections(config: MailConfig, rows: DigestRow[]): MailBody['sections'] {
  const order: DigestRow['section'][] = ['awaiting', 'requests', 'overdue', 'dueSoon', 'stale'];
  return order
    .map((section) => ({
      title: TITLES[section],
      items: rows.filter((r) => r.section === section).map((r) => item(config, r)),
    }))
    .filter((s) => s.items.length > 0);
}

function weekOf(date: string): Bilingual {
  return { en: formatDate(date, 'en'), km: formatDate(date, 'km') };
}

async function send(em: EntityManager, config: MailConfig, recipient: Recipient, date: string, body: MailBody) {
  return queueMail(em, config, {
    key: `digest:${date}:${recipient.person}`,
    kind: 'DIGEST',
    recipient: recipient.person,
    to: recipient.email,
    locale: recipient.locale,
    body,
  });
}

/**
 * The weekly digest for the week starting `date` (YYYY-MM-DD, Phnom Penh): one mail per focal
 * point about their organisation, one per secretariat member about what waits for them.
 * Keyed by week and person, so a second run that week sends nothing; nothing to say, no mail.
 */
export async function runWeeklyDigest(em: EntityManager, config: MailConfig, date: string) {
  return em.transactional(async (tx) => {
    const mails: { to: string; subject: string }[] = [];
    const week = weekOf(date);
    const focalPoints = await tx.execute<{ person: string }[]>(
      'select id as person from person where is_focal_point and organization_id is not null',
    );
    for (const recipient of await loadRecipients(
      tx,
      focalPoints.map((f) => f.person),
    )) {
      if (!recipient.emailDigest || !recipient.organization) continue;
      const rows = await focalPointRows(tx, recipient.organization, date);
      if (rows.length === 0) continue;
      const subject = {
        en: `Your organisation's commitments: week of ${week.en}`,
        km: `ការប្តេជ្ញាចិត្តរបស់ស្ថាប័នអ្នក៖ សប្តាហ៍ចាប់ពី ${week.km}`,
      };
      const mail = await send(tx, config, recipient, date, {
        subject,
        heading: subject,
        paragraphs: [
          {
            en: `${rows.length} open commitments of your organisation need attention.`,
            km: `ការប្តេជ្ញាចិត្តកំពុងបើកចំនួន ${rows.length} របស់ស្ថាប័នអ្នក ត្រូវការការយកចិត្តទុកដាក់។`,
          },
        ],
        sections: sections(config, rows),
        action: { label: { en: 'Open Prachum', km: 'បើកប្រជុំ' }, url: link(config, '/commitments') },
      });
      if (mail) mails.push(mail);
    }

    const awaiting = await tx.execute<DigestRow[]>(
      `select id, reference, title, title_km, due_date::text as due_date, 'awaiting' as section
         from commitment where status = 'COMPLETED' order by last_update_at nulls last, reference`,
    );
    // A request shows the due date asked for.
    const requests = await tx.execute<DigestRow[]>(
      `select c.id, c.reference, c.title, c.title_km, d."to"::text as due_date, 'requests' as section
         from due_date_change d join commitment c on c.id = d.commitment_id
        where d.status = 'REQUESTED' order by d.created_at, c.reference`,
    );
    const overdue = await tx.execute<{ acronym: string; name: string | null; name_km: string | null; count: string }[]>(
      `select o.acronym, o.name, o.name_km, count(*) as count from commitment c
         join organization o on o.id = c.lead_organization_id
        where c.status in ${OPEN_STATUSES_SQL} and c.due_date < ?::date
        group by o.id order by count(*) desc, o.acronym`,
      [date],
    );
    if (awaiting.length > 0 || requests.length > 0 || overdue.length > 0) {
      const subject = {
        en: `Follow-up for the secretariat: week of ${week.en}`,
        km: `ការតាមដានសម្រាប់លេខាធិការដ្ឋាន៖ សប្តាហ៍ចាប់ពី ${week.km}`,
      };
      const body: MailBody = {
        subject,
        heading: subject,
        sections: [
          ...(sections(config, [...awaiting, ...requests]) ?? []),
          ...(overdue.length
            ? [
                {
                  title: { en: 'Overdue by organisation', km: 'ហួសកាលកំណត់ តាមស្ថាប័ន' },
                  items: overdue.map((o) => ({
                    text: {
                      en: `${o.acronym} (${o.name || o.name_km || ''}): ${o.count}`,
                      km: `${o.acronym} (${o.name_km || o.name || ''})៖ ${o.count}`,
                    },
                    url: link(config, '/commitments'),
                  })),
                },
              ]
            : []),
        ],
        action: { label: { en: 'Open Prachum', km: 'បើកប្រជុំ' }, url: link(config, '/') },
      };
      for (const recipient of await recipientsWithRole(tx, 'SECRETARIAT')) {
        if (!recipient.emailDigest) continue;
        const mail = await send(tx, config, recipient, date, body);
        if (mail) mails.push(mail);
      }
    }
    return { mails };
  });
}
