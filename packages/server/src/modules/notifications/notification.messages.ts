import type { CommitmentStatus } from '../commitments/commitment.entity.js';
import type { NotificationKind } from './notification.entity.js';

/** What a message is about, in both languages where the record has both. */
export interface MessageFacts {
  reference?: string;
  title?: string | null;
  titleKm?: string | null;
  status?: CommitmentStatus;
  progress?: number;
  actor?: string | null;
  actorKm?: string | null;
  reason?: string | null;
  /** YYYY-MM-DD. */
  dueDate?: string | null;
  /** Days until the due date (negative: overdue). */
  days?: number;
  meetingTitle?: string | null;
  meetingTitleKm?: string | null;
  meetingStartsAt?: Date;
  /** A due-date change: from and to (YYYY-MM-DD), and whether it was accepted. */
  fromDate?: string | null;
  toDate?: string | null;
  accepted?: boolean;
}

export interface Bilingual {
  en: string;
  km: string;
}

const STATUS: Record<CommitmentStatus, Bilingual> = {
  NOT_STARTED: { en: 'Not started', km: 'មិនទាន់ចាប់ផ្តើម' },
  IN_PROGRESS: { en: 'In progress', km: 'កំពុងអនុវត្ត' },
  AT_RISK: { en: 'At risk', km: 'មានហានិភ័យ' },
  COMPLETED: { en: 'Completed', km: 'បានបញ្ចប់' },
  VERIFIED: { en: 'Verified', km: 'បានផ្ទៀងផ្ទាត់' },
  CANCELLED: { en: 'Cancelled', km: 'បានលុបចោល' },
};

/** A calendar date (YYYY-MM-DD) or an instant, written as people read it in each language, in Phnom Penh. */
export function formatDate(value: string | Date, locale: 'en' | 'km'): string {
  const date = typeof value === 'string' ? new Date(`${value}T12:00:00+07:00`) : value;
  return new Intl.DateTimeFormat(locale === 'km' ? 'km-KH' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Asia/Phnom_Penh',
  }).format(date);
}

const pick = (en: string | null | undefined, km: string | null | undefined, locale: 'en' | 'km') =>
  (locale === 'km' ? km || en : en || km) ?? '';

/** The one-line message of a notification (also an e-mail's subject), in English and in Khmer. */
export function describe(kind: NotificationKind, facts: MessageFacts): Bilingual {
  const ref = facts.reference ?? '';
  const title = { en: pick(facts.title, facts.titleKm, 'en'), km: pick(facts.title, facts.titleKm, 'km') };
  const actor = {
    en: pick(facts.actor, facts.actorKm, 'en') || 'The secretariat',
    km: pick(facts.actor, facts.actorKm, 'km') || 'លេខាធិការដ្ឋាន',
  };
  const due = facts.dueDate ? { en: formatDate(facts.dueDate, 'en'), km: formatDate(facts.dueDate, 'km') } : null;
  const meeting = {
    en: pick(facts.meetingTitle, facts.meetingTitleKm, 'en'),
    km: pick(facts.meetingTitle, facts.meetingTitleKm, 'km'),
  };
  const when = facts.meetingStartsAt
    ? { en: formatDate(facts.meetingStartsAt, 'en'), km: formatDate(facts.meetingStartsAt, 'km') }
    : { en: '', km: '' };
  const status = facts.status ? STATUS[facts.status] : { en: '', km: '' };
  const days = Math.abs(facts.days ?? 0);
  const noDate = { en: 'no date', km: 'គ្មានកាលកំណត់' };
  const dateOf = (value: string | null | undefined) =>
    value ? { en: formatDate(value, 'en'), km: formatDate(value, 'km') } : noDate;
  const dates = { from: dateOf(facts.fromDate), to: dateOf(facts.toDate) };
  switch (kind) {
    case 'ASSIGNED':
      return {
        en: `${actor.en} assigned ${ref} to you: ${title.en}`,
        km: `${actor.km} បានចាត់តាំង ${ref} ឱ្យអ្នកទទួលខុសត្រូវ៖ ${title.km}`,
      };
    case 'STATUS_CHANGED':
      return {
        en: `${ref} is now ${status.en.toLowerCase()}: ${title.en}`,
        km: `${ref} ឥឡូវមានស្ថានភាព «${status.km}»៖ ${title.km}`,
      };
    case 'PROGRESS_REPORTED':
      return {
        en: `${actor.en} reported progress on ${ref} (${facts.progress ?? 0}%, ${status.en.toLowerCase()}): ${title.en}`,
        km: `${actor.km} បានរាយការណ៍វឌ្ឍនភាពលើ ${ref} (${facts.progress ?? 0}% «${status.km}»)៖ ${title.km}`,
      };
    case 'AWAITING_VERIFICATION':
      return {
        en: `${actor.en} reported ${ref} completed; it is waiting for verification: ${title.en}`,
        km: `${actor.km} បានរាយការណ៍ថា ${ref} បានបញ្ចប់ ហើយកំពុងរង់ចាំការផ្ទៀងផ្ទាត់៖ ${title.km}`,
      };
    case 'VERIFIED':
      return {
        en: `${ref} was verified by the secretariat: ${title.en}`,
        km: `${ref} ត្រូវបានលេខាធិការដ្ឋានផ្ទៀងផ្ទាត់៖ ${title.km}`,
      };
    case 'RETURNED':
      return {
        en: `${ref} was returned to the focal point. Reason: ${facts.reason ?? ''}`,
        km: `${ref} ត្រូវបានប្រគល់ត្រឡប់ទៅមន្ត្រីបង្គោលវិញ។ មូលហេតុ៖ ${facts.reason ?? ''}`,
      };
    case 'DUE_SOON':
      return days <= 1
        ? {
            en: `${ref} is due ${days === 0 ? 'today' : 'tomorrow'}, ${due?.en}: ${title.en}`,
            km: `${ref} ដល់កាលកំណត់${days === 0 ? 'ថ្ងៃនេះ' : 'ថ្ងៃស្អែក'} ${due?.km}៖ ${title.km}`,
          }
        : {
            en: `${ref} is due in ${days} days, on ${due?.en}: ${title.en}`,
            km: `${ref} នឹងដល់កាលកំណត់ក្នុងរយៈពេល ${days} ថ្ងៃទៀត នៅ ${due?.km}៖ ${title.km}`,
          };
    case 'OVERDUE':
      return {
        en: `${ref} is overdue: it was due on ${due?.en} (${days} ${days === 1 ? 'day' : 'days'} ago): ${title.en}`,
        km: `${ref} ហួសកាលកំណត់ហើយ៖ កាលកំណត់គឺ ${due?.km} (${days} ថ្ងៃមុន)៖ ${title.km}`,
      };
    case 'MEETING_INVITATION':
      return {
        en: `You are invited to ${meeting.en} on ${when.en}`,
        km: `អ្នកត្រូវបានអញ្ជើញចូលរួម ${meeting.km} នៅ ${when.km}`,
      };
    case 'MINUTES_APPROVED':
      return {
        en: `The minutes of ${meeting.en} (${when.en}) were approved`,
        km: `កំណត់ហេតុនៃ ${meeting.km} (${when.km}) ត្រូវបានអនុម័តហើយ`,
      };
    case 'DUE_DATE_CHANGE_REQUESTED':
      return {
        en: `${actor.en} asks to move the due date of ${ref} from ${dates.from.en} to ${dates.to.en}. Reason: ${facts.reason ?? ''}`,
        km: `${actor.km} ស្នើប្តូរកាលកំណត់របស់ ${ref} ពី ${dates.from.km} ទៅ ${dates.to.km}។ មូលហេតុ៖ ${facts.reason ?? ''}`,
      };
    case 'DUE_DATE_CHANGE_DECIDED':
      return facts.accepted
        ? {
            en: `The secretariat accepted the new due date of ${ref}: ${dates.to.en}`,
            km: `លេខាធិការដ្ឋានបានយល់ព្រមលើកាលកំណត់ថ្មីរបស់ ${ref}៖ ${dates.to.km}`,
          }
        : {
            en: `The secretariat declined to move the due date of ${ref} to ${dates.to.en}. Reason: ${facts.reason ?? ''}`,
            km: `លេខាធិការដ្ឋានមិនយល់ព្រមប្តូរកាលកំណត់របស់ ${ref} ទៅ ${dates.to.km} ទេ។ មូលហេតុ៖ ${facts.reason ?? ''}`,
          };
  }
}
