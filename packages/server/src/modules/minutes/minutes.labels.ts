import type { Attendance, MeetingKind, MeetingStatus, ParticipationRole } from '../meetings/meeting.entity.js';
import type { CommitmentStatus } from '../commitments/commitment.entity.js';

export type MinutesLanguage = 'en' | 'km';

/** The words of the official minutes, in English and Khmer (the client's catalogue's terms). */
export const LABELS = {
  en: {
    kingdom: 'Kingdom of Cambodia',
    motto: 'Nation Religion King',
    minutesOf: 'Minutes of the meeting',
    details: 'Meeting details',
    date: 'Date and time',
    location: 'Location',
    kind: 'Type of meeting',
    organizer: 'Convened by',
    chair: 'Chair',
    series: 'Series',
    status: 'Status',
    attendance: 'Attendance',
    noAttendance: 'No attendance was recorded.',
    agenda: 'Agenda and minutes',
    presenter: 'Presenter',
    noMinutes: 'No minutes were taken for this item.',
    decisions: 'Decisions',
    noDecisions: 'No decisions were recorded.',
    agendaItem: 'Agenda item',
    commitments: 'Commitments',
    noCommitments: 'No commitments arose from this meeting.',
    mattersArising: 'Matters arising: review of commitments',
    noMattersArising: 'No open commitments from earlier meetings of the series.',
    reference: 'Reference',
    lead: 'Lead organisation',
    assignee: 'Focal point',
    dueDate: 'Due date',
    noDueDate: 'no due date',
    approval: 'Approval',
    approvedBy: 'Minutes approved by',
    approvedOn: 'on',
    notApproved: 'These minutes have not been approved yet (draft).',
    signatures: 'Signatures',
    signatureChair: 'Chair',
    signatureRapporteur: 'Rapporteur',
    name: 'Name',
    signedDate: 'Date',
    page: 'Page',
    of: 'of',
    untitled: 'Meeting',
  },
  km: {
    kingdom: 'ព្រះរាជាណាចក្រកម្ពុជា',
    motto: 'ជាតិ សាសនា ព្រះមហាក្សត្រ',
    minutesOf: 'កំណត់ហេតុកិច្ចប្រជុំ',
    details: 'ព័ត៌មានលម្អិតនៃកិច្ចប្រជុំ',
    date: 'កាលបរិច្ឆេទ និងម៉ោង',
    location: 'ទីកន្លែង',
    kind: 'ប្រភេទកិច្ចប្រជុំ',
    organizer: 'រៀបចំដោយ',
    chair: 'អធិបតី',
    series: 'ស៊េរី',
    status: 'ស្ថានភាព',
    attendance: 'វត្តមាន',
    noAttendance: 'មិនមានការកត់ត្រាវត្តមានទេ។',
    agenda: 'របៀបវារៈ និងកំណត់ហេតុ',
    presenter: 'អ្នកបង្ហាញ',
    noMinutes: 'មិនមានកំណត់ហេតុសម្រាប់ចំណុចនេះទេ។',
    decisions: 'សេចក្តីសម្រេច',
    noDecisions: 'មិនមានសេចក្តីសម្រេចត្រូវបានកត់ត្រាទេ។',
    agendaItem: 'ចំណុចរបៀបវារៈ',
    commitments: 'ការប្តេជ្ញាចិត្ត',
    noCommitments: 'មិនមានការប្តេជ្ញាចិត្តកើតចេញពីកិច្ចប្រជុំនេះទេ។',
    mattersArising: 'បញ្ហាពីកិច្ចប្រជុំមុន៖ ការពិនិត្យការប្តេជ្ញាចិត្ត',
    noMattersArising: 'មិនមានការប្តេជ្ញាចិត្តដែលនៅបើកពីកិច្ចប្រជុំមុនៗក្នុងស៊េរីនេះទេ។',
    reference: 'លេខយោង',
    lead: 'ស្ថាប័នដឹកនាំ',
    assignee: 'មន្ត្រីបង្គោល',
    dueDate: 'កាលកំណត់',
    noDueDate: 'គ្មានកាលកំណត់',
    approval: 'ការអនុម័ត',
    approvedBy: 'កំណត់ហេតុបានអនុម័តដោយ',
    approvedOn: 'នៅថ្ងៃ',
    notApproved: 'កំណត់ហេតុនេះមិនទាន់បានអនុម័តនៅឡើយទេ (សេចក្តីព្រាង)។',
    signatures: 'ហត្ថលេខា',
    signatureChair: 'អធិបតី',
    signatureRapporteur: 'អ្នករាយការណ៍',
    name: 'ឈ្មោះ',
    signedDate: 'កាលបរិច្ឆេទ',
    page: 'ទំព័រ',
    of: 'នៃ',
    untitled: 'កិច្ចប្រជុំ',
  },
} as const;

export type Labels = (typeof LABELS)[MinutesLanguage];

export const ROLE_LABELS: Record<MinutesLanguage, Record<ParticipationRole, string>> = {
  en: { CHAIR: 'Chair', RAPPORTEUR: 'Rapporteur', PARTICIPANT: 'Participant', OBSERVER: 'Observer' },
  km: { CHAIR: 'អធិបតី', RAPPORTEUR: 'អ្នករាយការណ៍', PARTICIPANT: 'អ្នកចូលរួម', OBSERVER: 'អ្នកសង្កេតការណ៍' },
};

export const ATTENDANCE_LABELS: Record<MinutesLanguage, Record<Attendance, string>> = {
  en: { INVITED: 'Invited', CONFIRMED: 'Confirmed', ATTENDED: 'Present', APOLOGIES: 'Apologies', ABSENT: 'Absent' },
  km: { INVITED: 'បានអញ្ជើញ', CONFIRMED: 'បានបញ្ជាក់', ATTENDED: 'មានវត្តមាន', APOLOGIES: 'សុំអភ័យទោស', ABSENT: 'អវត្តមាន' },
};

export const KIND_LABELS: Record<MinutesLanguage, Record<MeetingKind, string>> = {
  en: {
    PLENARY: 'Plenary',
    TECHNICAL_WORKING_GROUP: 'Technical working group',
    CONSULTATION: 'Consultation',
    BILATERAL: 'Bilateral',
    OTHER: 'Other',
  },
  km: {
    PLENARY: 'ពេញអង្គ',
    TECHNICAL_WORKING_GROUP: 'ក្រុមការងារបច្ចេកទេស',
    CONSULTATION: 'ពិគ្រោះយោបល់',
    BILATERAL: 'ទ្វេភាគី',
    OTHER: 'ផ្សេងៗ',
  },
};

export const MEETING_STATUS_LABELS: Record<MinutesLanguage, Record<MeetingStatus, string>> = {
  en: { PLANNED: 'Planned', HELD: 'Held', MINUTES_APPROVED: 'Minutes approved', CANCELLED: 'Cancelled' },
  km: { PLANNED: 'គ្រោងទុក', HELD: 'បានប្រជុំរួច', MINUTES_APPROVED: 'កំណត់ហេតុបានអនុម័ត', CANCELLED: 'បានលុបចោល' },
};

export const COMMITMENT_STATUS_LABELS: Record<MinutesLanguage, Record<CommitmentStatus, string>> = {
  en: {
    NOT_STARTED: 'Not started',
    IN_PROGRESS: 'In progress',
    AT_RISK: 'At risk',
    COMPLETED: 'Completed',
    VERIFIED: 'Verified',
    CANCELLED: 'Cancelled',
  },
  km: {
    NOT_STARTED: 'មិនទាន់ចាប់ផ្តើម',
    IN_PROGRESS: 'កំពុងអនុវត្ត',
    AT_RISK: 'មានហានិភ័យ',
    COMPLETED: 'បានបញ្ចប់',
    VERIFIED: 'បានផ្ទៀងផ្ទាត់',
    CANCELLED: 'បានលុបចោល',
  },
};

const DATE_TIME: Intl.DateTimeFormatOptions = {
  timeZone: 'Asia/Phnom_Penh',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};
const DATE: Intl.DateTimeFormatOptions = {
  timeZone: 'Asia/Phnom_Penh',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
};
const LOCALE: Record<MinutesLanguage, string> = { en: 'en-GB', km: 'km-KH-u-nu-khmr' };

/** An instant as people in Phnom Penh read it, e.g. "1 November 2023 at 09:00" or "១ វិច្ឆិកា ២០២៣ នៅ​ម៉ោង ០៩:០០". */
export const formatDateTime = (at: Date, lang: MinutesLanguage) =>
  new Intl.DateTimeFormat(LOCALE[lang], DATE_TIME).format(at);

/** A calendar date (YYYY-MM-DD) in words. */
export const formatDate = (day: string, lang: MinutesLanguage) =>
  new Intl.DateTimeFormat(LOCALE[lang], { ...DATE, timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

export const formatInstantDate = (at: Date, lang: MinutesLanguage) =>
  new Intl.DateTimeFormat(LOCALE[lang], DATE).format(at);

/** A time of day in Phnom Penh, e.g. "11:30" or "១១:៣០". */
export const formatTime = (at: Date, lang: MinutesLanguage) =>
  new Intl.DateTimeFormat(LOCALE[lang], {
    timeZone: 'Asia/Phnom_Penh',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
