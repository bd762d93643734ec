import type { Role } from '../auth/viewer.js';
import type { Visibility } from '../db/base.entity.js';
import type { CommitmentStatus, Priority } from '../modules/commitments/commitment.entity.js';
import type { Attendance, MeetingKind, MeetingStatus, ParticipationRole } from '../modules/meetings/meeting.entity.js';
import type { OrganizationKind } from '../modules/organizations/organization.entity.js';

/**
 * The demo data set: the NCCT national meeting of 1 November 2023 in Phnom Penh that reviewed
 * and finalised the national plan for the Global Compact for Migration (GCM), and its follow-up.
 * Organisations are real; every person, e-mail, phone number and link is invented.
 */

/** A calendar date: fixed ('YYYY-MM-DD'), or counted from the day the demo is loaded (Asia/Phnom_Penh). */
export type DemoDate = string | { daysFromToday: number };

export interface DemoOrganization {
  acronym: string;
  name: string;
  nameKm: string;
  kind: OrganizationKind;
  parent?: string;
}

export interface DemoPerson {
  key: string;
  fullName: string;
  fullNameKm: string;
  position: string;
  positionKm: string;
  organization: string;
  email: string;
  phone: string;
  isFocalPoint: boolean;
  /** The role of the login account the demo gives this person, if any. */
  loginRole?: Role;
}

export interface DemoUpdate {
  on: DemoDate;
  at?: string;
  author: string;
  status: CommitmentStatus;
  progress: number;
  note: string;
  noteKm: string;
  evidence?: { url: string; title: string }[];
}

/**
 * A change of due date. APPLIED (the secretariat moved it) and ACCEPTED (a request it accepted) moved the
 * due date from `from` to the next change's `from`, or to the commitment's `due` for the last one; a
 * REQUESTED change asks for `to` and waits for the secretariat.
 */
export interface DemoSlip {
  on: DemoDate;
  from: DemoDate;
  to?: DemoDate;
  status: 'APPLIED' | 'ACCEPTED' | 'REQUESTED';
  by: string;
  decidedBy?: string;
  reason: string;
}

export interface DemoCommitment {
  title: string;
  titleKm: string;
  description: string;
  descriptionKm: string;
  lead: string;
  supporting: string[];
  assignee: string;
  due: DemoDate;
  priority: Priority;
  visibility: Visibility;
  planObjectives: string[];
  gcmObjectives: number[];
  /** Why it was cancelled (or returned); shown with the status. */
  statusReason?: string;
  /** In order; the commitment's status and progress are those of the last one (NOT_STARTED, 0 without any). */
  updates: DemoUpdate[];
  /** Its due date's history, oldest first (none: the due date never moved). */
  slips?: DemoSlip[];
}

export interface DemoDecision {
  /** Index (0-based) of the agenda item it was taken under. */
  agendaItem: number;
  text: string;
  textKm: string;
  commitments: DemoCommitment[];
}

export interface DemoMeeting {
  title: string;
  titleKm: string;
  kind: MeetingKind;
  status: MeetingStatus;
  visibility: Visibility;
  date: DemoDate;
  /** Local times in Asia/Phnom_Penh, 'HH:MM'. */
  starts: string;
  ends: string;
  location: string;
  organizer: string;
  chair: string;
  inSeries: boolean;
  minutesApprovedOn?: string;
  agenda: { title: string; titleKm: string; presenter: string; minutes?: string; minutesKm?: string }[];
  participations: { person: string; role: ParticipationRole; attendance: Attendance }[];
  decisions: DemoDecision[];
}

export const demoOrganizations: DemoOrganization[] = [
  {
    acronym: 'NCCT',
    name: 'National Committee for Counter Trafficking',
    nameKm: 'គណៈកម្មាធិការជាតិប្រយុទ្ធប្រឆាំងការជួញដូរមនុស្ស',
    kind: 'COMMITTEE',
  },
  {
    acronym: 'IOM',
    name: 'International Organization for Migration',
    nameKm: 'អង្គការអន្តរជាតិទេសន្តរប្រវេសន៍',
    kind: 'INTERNATIONAL_ORGANIZATION',
  },
  { acronym: 'MOI', name: 'Ministry of Interior', nameKm: 'ក្រសួងមហាផ្ទៃ', kind: 'GOVERNMENT' },
  {
    acronym: 'MOLVT',
    name: 'Ministry of Labour and Vocational Training',
    nameKm: 'ក្រសួងការងារ និងបណ្តុះបណ្តាលវិជ្ជាជីវៈ',
    kind: 'GOVERNMENT',
  },
  {
    acronym: 'MFAIC',
    name: 'Ministry of Foreign Affairs and International Cooperation',
    nameKm: 'ក្រសួងការបរទេស និងសហប្រតិបត្តិការអន្តរជាតិ',
    kind: 'GOVERNMENT',
  },
  {
    acronym: 'MOSVY',
    name: 'Ministry of Social Affairs, Veterans and Youth Rehabilitation',
    nameKm: 'ក្រសួងសង្គមកិច្ច អតីតយុទ្ធជន និងយុវនីតិសម្បទា',
    kind: 'GOVERNMENT',
  },
  { acronym: 'MOJ', name: 'Ministry of Justice', nameKm: 'ក្រសួងយុត្តិធម៌', kind: 'GOVERNMENT' },
  { acronym: 'MOWA', name: "Ministry of Women's Affairs", nameKm: 'ក្រសួងកិច្ចការនារី', kind: 'GOVERNMENT' },
  {
    acronym: 'GDI',
    name: 'General Department of Immigration',
    nameKm: 'អគ្គនាយកដ្ឋានអន្តោប្រវេសន៍',
    kind: 'GOVERNMENT',
    parent: 'MOI',
  },
  {
    acronym: 'CENTRAL',
    name: 'Center for Alliance of Labor and Human Rights',
    nameKm: 'មជ្ឈមណ្ឌលសម្ព័ន្ធភាពការងារ និងសិទ្ធិមនុស្ស',
    kind: 'NGO',
  },
  {
    acronym: 'UNODC',
    name: 'United Nations Office on Drugs and Crime',
    nameKm: 'ការិយាល័យអង្គការសហប្រជាជាតិប្រឆាំងគ្រឿងញៀន និងឧក្រិដ្ឋកម្ម',
    kind: 'UN_AGENCY',
  },
  { acronym: 'ILO', name: 'International Labour Organization', nameKm: 'អង្គការពលកម្មអន្តរជាតិ', kind: 'UN_AGENCY' },
];

const SECRETARIAT_KM = 'អគ្គលេខាធិការដ្ឋាន គ.ជ.ប.ជ';

/** Invented people (names, e-mails at example.org, phone numbers). */
export const demoPeople: DemoPerson[] = [
  {
    key: 'ncct-chair',
    fullName: 'Kim Sovannary',
    fullNameKm: 'គីម សុវណ្ណារី',
    position: 'Vice-Chair, National Committee for Counter Trafficking',
    positionKm: 'អនុប្រធានគណៈកម្មាធិការជាតិប្រយុទ្ធប្រឆាំងការជួញដូរមនុស្ស',
    organization: 'NCCT',
    email: 'sovannary.kim@example.org',
    phone: '+855 12 000 101',
    isFocalPoint: false,
  },
  {
    key: 'ncct-dsg',
    fullName: 'Chea Vuthy',
    fullNameKm: 'ជា វុទ្ធី',
    position: 'Deputy Secretary-General, NCCT Secretariat',
    positionKm: `អគ្គលេខាធិការរង ${SECRETARIAT_KM}`,
    organization: 'NCCT',
    email: 'vuthy.chea@example.org',
    phone: '+855 12 000 102',
    isFocalPoint: true,
    loginRole: 'SECRETARIAT',
  },
  {
    key: 'ncct-officer',
    fullName: 'Lim Sreyneang',
    fullNameKm: 'លឹម ស្រីនាង',
    position: 'Programme Officer, NCCT Secretariat',
    positionKm: `មន្ត្រីកម្មវិធី ${SECRETARIAT_KM}`,
    organization: 'NCCT',
    email: 'sreyneang.lim@example.org',
    phone: '+855 12 000 103',
    isFocalPoint: false,
  },
  {
    key: 'ncct-it',
    fullName: 'Heng Dara',
    fullNameKm: 'ហេង តារា',
    position: 'Information Systems Officer, NCCT Secretariat',
    positionKm: `មន្ត្រីប្រព័ន្ធព័ត៌មាន ${SECRETARIAT_KM}`,
    organization: 'NCCT',
    email: 'dara.heng@example.org',
    phone: '+855 12 000 104',
    isFocalPoint: false,
    loginRole: 'ADMIN',
  },
  {
    key: 'moi-fp',
    fullName: 'Ouk Sophal',
    fullNameKm: 'អ៊ុក សុផល',
    position: 'Deputy Director, Department of Anti-Human Trafficking and Juvenile Protection',
    positionKm: 'អនុប្រធាននាយកដ្ឋានប្រឆាំងការជួញដូរមនុស្ស និងការពារអនីតិជន',
    organization: 'MOI',
    email: 'sophal.ouk@example.org',
    phone: '+855 12 000 201',
    isFocalPoint: true,
  },
  {
    key: 'moi-official',
    fullName: 'Touch Samnang',
    fullNameKm: 'ទូច សំណាង',
    position: 'Official, General Secretariat of the Ministry of Interior',
    positionKm: 'មន្ត្រី អគ្គលេខាធិការដ្ឋានក្រសួងមហាផ្ទៃ',
    organization: 'MOI',
    email: 'samnang.touch@example.org',
    phone: '+855 12 000 202',
    isFocalPoint: false,
  },
  {
    key: 'molvt-fp',
    fullName: 'Prak Sokunthea',
    fullNameKm: 'ប្រាក់ សុគន្ធា',
    position: 'Deputy Director-General, General Department of Labour',
    positionKm: 'អគ្គនាយករង អគ្គនាយកដ្ឋានការងារ',
    organization: 'MOLVT',
    email: 'sokunthea.prak@example.org',
    phone: '+855 12 000 301',
    isFocalPoint: true,
    loginRole: 'FOCAL_POINT',
  },
  {
    key: 'molvt-official',
    fullName: 'Men Rithy',
    fullNameKm: 'ម៉ែន រិទ្ធី',
    position: 'Official, Department of Labour Migration',
    positionKm: 'មន្ត្រី នាយកដ្ឋានចំណាកស្រុកពលកម្ម',
    organization: 'MOLVT',
    email: 'rithy.men@example.org',
    phone: '+855 12 000 302',
    isFocalPoint: false,
  },
  {
    key: 'mfaic-fp',
    fullName: 'Nuon Chansophea',
    fullNameKm: 'នួន ចាន់សុភា',
    position: 'Director, Department of Consular Affairs',
    positionKm: 'ប្រធាននាយកដ្ឋានកិច្ចការកុងស៊ុល',
    organization: 'MFAIC',
    email: 'chansophea.nuon@example.org',
    phone: '+855 12 000 401',
    isFocalPoint: true,
  },
  {
    key: 'mfaic-official',
    fullName: 'Seng Leakhena',
    fullNameKm: 'សេង លក្ខិណា',
    position: 'Deputy Director, Department of International Organizations',
    positionKm: 'អនុប្រធាននាយកដ្ឋានអង្គការអន្តរជាតិ',
    organization: 'MFAIC',
    email: 'leakhena.seng@example.org',
    phone: '+855 12 000 402',
    isFocalPoint: false,
  },
  {
    key: 'mosvy-fp',
    fullName: 'Keo Bopha',
    fullNameKm: 'កែវ បុប្ផា',
    position: 'Deputy Director, Department of Anti-Human Trafficking and Reintegration of Victims',
    positionKm: 'អនុប្រធាននាយកដ្ឋានប្រឆាំងការជួញដូរមនុស្ស និងស្ដារនីតិសម្បទាជនរងគ្រោះ',
    organization: 'MOSVY',
    email: 'bopha.keo@example.org',
    phone: '+855 12 000 501',
    isFocalPoint: true,
  },
  {
    key: 'moj-fp',
    fullName: 'Tep Sovann',
    fullNameKm: 'ទេព សុវណ្ណ',
    position: 'Deputy Director, Department of Criminal Affairs',
    positionKm: 'អនុប្រធាននាយកដ្ឋានកិច្ចការព្រហ្មទណ្ឌ',
    organization: 'MOJ',
    email: 'sovann.tep@example.org',
    phone: '+855 12 000 601',
    isFocalPoint: true,
  },
  {
    key: 'mowa-fp',
    fullName: 'Som Rachana',
    fullNameKm: 'សោម រចនា',
    position: 'Director, Department of Legal Protection',
    positionKm: 'ប្រធាននាយកដ្ឋានការពារផ្លូវច្បាប់',
    organization: 'MOWA',
    email: 'rachana.som@example.org',
    phone: '+855 12 000 701',
    isFocalPoint: true,
  },
  {
    key: 'gdi-fp',
    fullName: 'Yim Vannak',
    fullNameKm: 'យឹម វណ្ណៈ',
    position: 'Deputy Director, Department of Border Checkpoints',
    positionKm: 'អនុប្រធាននាយកដ្ឋានច្រកទ្វារព្រំដែន',
    organization: 'GDI',
    email: 'vannak.yim@example.org',
    phone: '+855 12 000 801',
    isFocalPoint: true,
  },
  {
    key: 'gdi-official',
    fullName: 'Chhay Piseth',
    fullNameKm: 'ឆាយ ពិសិដ្ឋ',
    position: 'Official, Immigration Statistics Office',
    positionKm: 'មន្ត្រី ការិយាល័យស្ថិតិអន្តោប្រវេសន៍',
    organization: 'GDI',
    email: 'piseth.chhay@example.org',
    phone: '+855 12 000 802',
    isFocalPoint: false,
  },
  {
    key: 'iom-pm',
    fullName: 'Mao Sreypov',
    fullNameKm: 'ម៉ៅ ស្រីពៅ',
    position: 'Programme Manager, Labour Mobility and Human Development',
    positionKm: 'អ្នកគ្រប់គ្រងកម្មវិធី ចំណាកស្រុកពលកម្ម និងការអភិវឌ្ឍមនុស្ស',
    organization: 'IOM',
    email: 'sreypov.mao@example.org',
    phone: '+855 12 000 901',
    isFocalPoint: true,
    loginRole: 'PARTNER',
  },
  {
    key: 'iom-adviser',
    fullName: 'Daniel Moreau',
    fullNameKm: 'ដានីញ៉ែល ម៉ូរ៉ូ',
    position: 'Senior Migration Policy Adviser',
    positionKm: 'ទីប្រឹក្សាជាន់ខ្ពស់ផ្នែកគោលនយោបាយចំណាកស្រុក',
    organization: 'IOM',
    email: 'daniel.moreau@example.org',
    phone: '+855 12 000 902',
    isFocalPoint: false,
  },
  {
    key: 'central',
    fullName: 'Long Vichea',
    fullNameKm: 'ឡុង វិជ្ជា',
    position: "Programme Coordinator, Migrant Workers' Rights",
    positionKm: 'អ្នកសម្របសម្រួលកម្មវិធី សិទ្ធិពលករចំណាកស្រុក',
    organization: 'CENTRAL',
    email: 'vichea.long@example.org',
    phone: '+855 12 000 911',
    isFocalPoint: true,
  },
  {
    key: 'unodc',
    fullName: 'Hem Sothea',
    fullNameKm: 'ហែម សុធា',
    position: 'National Programme Officer',
    positionKm: 'មន្ត្រីកម្មវិធីជាតិ',
    organization: 'UNODC',
    email: 'sothea.hem@example.org',
    phone: '+855 12 000 921',
    isFocalPoint: true,
  },
  {
    key: 'ilo',
    fullName: 'Pen Malis',
    fullNameKm: 'ប៉ែន ម៉ាលីស',
    position: 'National Project Coordinator, Labour Migration',
    positionKm: 'អ្នកសម្របសម្រួលគម្រោងជាតិ ផ្នែកចំណាកស្រុកពលកម្ម',
    organization: 'ILO',
    email: 'malis.pen@example.org',
    phone: '+855 12 000 931',
    isFocalPoint: true,
  },
];

/** The login accounts the demo offers, one per role (the access module creates them). */
export const demoLogins: { role: Role; personName: string; organizationAcronym: string; email: string }[] = demoPeople
  .filter((person) => person.loginRole)
  .map((person) => ({
    role: person.loginRole!,
    personName: person.fullName,
    organizationAcronym: person.organization,
    email: person.email,
  }));

/** Sex as recorded at the demo meetings (for the gender-disaggregated attendance); one person left unrecorded. */
export const demoParticipantSex: Record<string, 'FEMALE' | 'MALE' | 'OTHER' | 'UNDISCLOSED'> = {
  'ncct-chair': 'FEMALE',
  'ncct-dsg': 'MALE',
  'ncct-officer': 'FEMALE',
  'moi-fp': 'MALE',
  'molvt-fp': 'FEMALE',
  'mfaic-fp': 'FEMALE',
  'mosvy-fp': 'FEMALE',
  'moj-fp': 'MALE',
  'mowa-fp': 'FEMALE',
  'gdi-fp': 'MALE',
  'iom-pm': 'FEMALE',
  'iom-adviser': 'MALE',
  central: 'MALE',
  ilo: 'FEMALE',
};

/** Khmer titles of the 23 GCM objectives (set only where none is recorded yet; docs/gcm-objectives-km.md). */
export const demoGcmTitlesKm: Record<number, string> = {
  1: 'ប្រមូល និងប្រើប្រាស់ទិន្នន័យត្រឹមត្រូវ និងបែងចែកលម្អិត ជាមូលដ្ឋានសម្រាប់គោលនយោបាយផ្អែកលើភស្តុតាង',
  2: 'កាត់បន្ថយកត្តាជំរុញអវិជ្ជមាន និងកត្តារចនាសម្ព័ន្ធ ដែលបង្ខំឱ្យមនុស្សចាកចេញពីប្រទេសកំណើតរបស់ខ្លួន',
  3: 'ផ្តល់ព័ត៌មានត្រឹមត្រូវ និងទាន់ពេលវេលា នៅគ្រប់ដំណាក់កាលនៃចំណាកស្រុក',
  4: 'ធានាថាជនចំណាកស្រុកទាំងអស់មានភស្តុតាងអត្តសញ្ញាណស្របច្បាប់ និងឯកសារគ្រប់គ្រាន់',
  5: 'បង្កើនលទ្ធភាព និងភាពបត់បែននៃមធ្យោបាយសម្រាប់ចំណាកស្រុកទៀងទាត់',
  6: 'សម្រួលការជ្រើសរើសពលករប្រកបដោយយុត្តិធម៌ និងក្រមសីលធម៌ និងការពារលក្ខខណ្ឌដែលធានាការងារសមរម្យ',
  7: 'ដោះស្រាយ និងកាត់បន្ថយភាពងាយរងគ្រោះក្នុងចំណាកស្រុក',
  8: 'សង្គ្រោះអាយុជីវិត និងបង្កើតកិច្ចខិតខំប្រឹងប្រែងអន្តរជាតិប្រកបដោយការសម្របសម្រួល ចំពោះជនចំណាកស្រុកដែលបាត់ខ្លួន',
  9: 'ពង្រឹងការឆ្លើយតបឆ្លងដែនចំពោះការរត់ពន្ធជនចំណាកស្រុក',
  10: 'បង្ការ ទប់ស្កាត់ និងលុបបំបាត់ការជួញដូរមនុស្សក្នុងបរិបទនៃចំណាកស្រុកអន្តរជាតិ',
  11: 'គ្រប់គ្រងព្រំដែនតាមរបៀបរួមបញ្ចូលគ្នា មានសុវត្ថិភាព និងមានការសម្របសម្រួល',
  12: 'ពង្រឹងភាពច្បាស់លាស់ និងភាពអាចព្យាករបាននៃនីតិវិធីចំណាកស្រុក សម្រាប់ការត្រួតពិនិត្យ ការវាយតម្លៃ និងការបញ្ជូនបន្តសមស្រប',
  13: 'ប្រើប្រាស់ការឃុំខ្លួនជនចំណាកស្រុក តែជាវិធានការចុងក្រោយប៉ុណ្ណោះ និងខិតខំរកជម្រើសជំនួស',
  14: 'ពង្រឹងការការពារ ជំនួយ និងកិច្ចសហប្រតិបត្តិការកុងស៊ុល ពេញមួយវដ្តចំណាកស្រុក',
  15: 'ផ្តល់លទ្ធភាពទទួលបានសេវាមូលដ្ឋានសម្រាប់ជនចំណាកស្រុក',
  16: 'លើកកម្ពស់សមត្ថភាពជនចំណាកស្រុក និងសង្គម ដើម្បីសម្រេចបាននូវបរិយាប័ន្នពេញលេញ និងសាមគ្គីភាពសង្គម',
  17: 'លុបបំបាត់រាល់ទម្រង់នៃការរើសអើង និងលើកកម្ពស់សុន្ទរកថាសាធារណៈផ្អែកលើភស្តុតាង ដើម្បីកសាងការយល់ឃើញអំពីចំណាកស្រុក',
  18: 'វិនិយោគលើការអភិវឌ្ឍជំនាញ និងសម្រួលការទទួលស្គាល់ទៅវិញទៅមកនូវជំនាញ គុណវុឌ្ឍិ និងសមត្ថភាព',
  19: 'បង្កើតលក្ខខណ្ឌឱ្យជនចំណាកស្រុក និងសហគមន៍នៅក្រៅប្រទេស អាចចូលរួមចំណែកយ៉ាងពេញលេញដល់ការអភិវឌ្ឍប្រកបដោយចីរភាពនៅគ្រប់ប្រទេស',
  20: 'លើកកម្ពស់ការផ្ទេរប្រាក់បញ្ញើឱ្យកាន់តែលឿន មានសុវត្ថិភាព និងមានតម្លៃថោក ព្រមទាំងជំរុញបរិយាប័ន្នហិរញ្ញវត្ថុសម្រាប់ជនចំណាកស្រុក',
  21: 'សហការក្នុងការសម្រួលការវិលត្រឡប់ និងការទទួលយកមកវិញប្រកបដោយសុវត្ថិភាព និងសេចក្តីថ្លៃថ្នូរ ព្រមទាំងការធ្វើសមាហរណកម្មឡើងវិញប្រកបដោយចីរភាព',
  22: 'បង្កើតយន្តការសម្រាប់ការផ្ទេរសិទ្ធិសន្តិសុខសង្គម និងអត្ថប្រយោជន៍ដែលរកបាន',
  23: 'ពង្រឹងកិច្ចសហប្រតិបត្តិការអន្តរជាតិ និងភាពជាដៃគូសកល សម្រាប់ចំណាកស្រុកប្រកបដោយសុវត្ថិភាព សណ្តាប់ធ្នាប់ និងទៀងទាត់',
};

export const demoPlan = {
  title: 'National Plan for the Implementation of the GCM 2024–2026',
  titleKm: 'ផែនការជាតិសម្រាប់ការអនុវត្តកតិកាសញ្ញាសកលស្តីពីចំណាកស្រុកប្រកបដោយសុវត្ថិភាព សណ្តាប់ធ្នាប់ និងទៀងទាត់ ឆ្នាំ២០២៤–២០២៦',
  periodStart: '2024-01-01',
  periodEnd: '2026-12-31',
  goals: [
    {
      title: 'Evidence and data for evidence-based policies',
      titleKm: 'ភស្តុតាង និងទិន្នន័យ សម្រាប់គោលនយោបាយផ្អែកលើភស្តុតាង',
      objectives: [
        {
          code: '1.1',
          title: 'Establish a national migration data working group and harmonise indicators across ministries',
          titleKm: 'បង្កើតក្រុមការងារជាតិស្តីពីទិន្នន័យចំណាកស្រុក និងធ្វើសុខដុមនីយកម្មសូចនាកររវាងក្រសួង',
          gcm: [1],
        },
        {
          code: '1.2',
          title: 'Publish annual labour migration statistics disaggregated by sex, age and destination',
          titleKm: 'ផ្សព្វផ្សាយស្ថិតិចំណាកស្រុកពលកម្មប្រចាំឆ្នាំ បែងចែកតាមភេទ អាយុ និងប្រទេសគោលដៅ',
          gcm: [1, 6],
        },
        {
          code: '1.3',
          title: 'Improve data on the identification of victims of trafficking among migrants',
          titleKm: 'កែលម្អទិន្នន័យស្តីពីការកំណត់អត្តសញ្ញាណជនរងគ្រោះដោយការជួញដូរមនុស្ស ក្នុងចំណោមជនចំណាកស្រុក',
          gcm: [1, 10],
        },
      ],
    },
    {
      title: 'Safe and harmonious border management',
      titleKm: 'ការគ្រប់គ្រងព្រំដែនប្រកបដោយសុវត្ថិភាព និងសុខដុម',
      objectives: [
        {
          code: '2.1',
          title: 'Strengthen screening and referral procedures at border checkpoints',
          titleKm: 'ពង្រឹងនីតិវិធីត្រួតពិនិត្យ និងបញ្ជូនបន្ត នៅច្រកទ្វារព្រំដែន',
          gcm: [11, 12],
        },
        {
          code: '2.2',
          title: 'Ensure migrants have proof of legal identity and travel documents',
          titleKm: 'ធានាថាជនចំណាកស្រុកមានភស្តុតាងអត្តសញ្ញាណស្របច្បាប់ និងឯកសារធ្វើដំណើរ',
          gcm: [4, 11],
        },
        {
          code: '2.3',
          title: 'Prevent trafficking in persons and smuggling of migrants at the borders',
          titleKm: 'បង្ការការជួញដូរមនុស្ស និងការរត់ពន្ធជនចំណាកស្រុក នៅតាមព្រំដែន',
          gcm: [9, 10, 11],
        },
      ],
    },
    {
      title: 'International cooperation and global partnerships',
      titleKm: 'កិច្ចសហប្រតិបត្តិការអន្តរជាតិ និងភាពជាដៃគូសកល',
      objectives: [
        {
          code: '3.1',
          title: "Include the protection of migrant workers' rights in bilateral labour agreements",
          titleKm: 'បញ្ចូលការការពារសិទ្ធិពលករចំណាកស្រុក ទៅក្នុងកិច្ចព្រមព្រៀងការងារទ្វេភាគី',
          gcm: [6, 23],
        },
        {
          code: '3.2',
          title: 'Strengthen consular protection and assistance in destination countries',
          titleKm: 'ពង្រឹងការការពារ និងជំនួយកុងស៊ុល នៅប្រទេសគោលដៅ',
          gcm: [14, 23],
        },
        {
          code: '3.3',
          title: 'Report on GCM implementation in regional and global reviews',
          titleKm: 'រាយការណ៍ស្តីពីការអនុវត្តកតិកាសញ្ញាសកល ក្នុងការពិនិត្យឡើងវិញថ្នាក់តំបន់ និងសកល',
          gcm: [23],
        },
      ],
    },
  ],
};

export const demoSeries = {
  title: 'GCM Technical Working Group (quarterly)',
  titleKm: 'ក្រុមការងារបច្ចេកទេសស្តីពីកតិកាសញ្ញាសកលស្តីពីចំណាកស្រុក (ប្រចាំត្រីមាស)',
  organizer: 'NCCT',
  cadence: 'FREQ=MONTHLY;INTERVAL=3',
};

/** Reporting periods of the demo: two quarters, closed, so their reports are frozen. */
export const demoPeriods = [
  {
    title: 'Q4 2023',
    titleKm: 'ត្រីមាសទី៤ ឆ្នាំ២០២៣',
    startsOn: '2023-10-01',
    endsOn: '2023-12-31',
    closedOn: '2024-01-08',
  },
  {
    title: 'Q1 2024',
    titleKm: 'ត្រីមាសទី១ ឆ្នាំ២០២៤',
    startsOn: '2024-01-01',
    endsOn: '2024-03-31',
    closedOn: '2024-04-05',
  },
];

const PLENARY: DemoMeeting = {
  title: 'National meeting to review and finalise the National Plan for the Implementation of the GCM',
  titleKm: 'កិច្ចប្រជុំថ្នាក់ជាតិ ដើម្បីពិនិត្យ និងសម្រេចចុងក្រោយលើផែនការជាតិសម្រាប់ការអនុវត្តកតិកាសញ្ញាសកលស្តីពីចំណាកស្រុក',
  kind: 'PLENARY',
  status: 'MINUTES_APPROVED',
  visibility: 'PUBLIC',
  date: '2023-11-01',
  starts: '08:00',
  ends: '11:30',
  location: 'NCCT Secretariat meeting hall, Phnom Penh',
  organizer: 'NCCT',
  chair: 'ncct-chair',
  inSeries: true,
  minutesApprovedOn: '2023-11-15',
  agenda: [
    {
      title: 'Opening remarks by the Vice-Chair of the NCCT',
      titleKm: 'មតិស្វាគមន៍ដោយអនុប្រធាន គ.ជ.ប.ជ',
      presenter: 'ncct-chair',
      minutes: `The Vice-Chair opened the meeting and welcomed the representatives of the ministries, IOM, the UN agencies and civil society.

- Cambodia is one of the signatories of the **Global Compact for Safe, Orderly and Regular Migration** (GCM).
- Implementing the Compact requires a national plan; this meeting reviews and finalises it.
- Cambodia intends to present first results of the implementation in 2024.`,
      minutesKm: `អនុប្រធាន គ.ជ.ប.ជ បានបើកកិច្ចប្រជុំ និងស្វាគមន៍តំណាងក្រសួង អង្គការ IOM ទីភ្នាក់ងារអង្គការសហប្រជាជាតិ និងសង្គមស៊ីវិល។

- កម្ពុជាជាប្រទេសមួយក្នុងចំណោមប្រទេសហត្ថលេខីលើ **កតិកាសញ្ញាសកលស្តីពីចំណាកស្រុកប្រកបដោយសុវត្ថិភាព សណ្តាប់ធ្នាប់ និងទៀងទាត់**។
- ការអនុវត្តកតិកាសញ្ញានេះ តម្រូវឱ្យមានផែនការជាតិ ហើយកិច្ចប្រជុំនេះពិនិត្យ និងសម្រេចចុងក្រោយលើផែនការនោះ។
- កម្ពុជាគ្រោងនឹងបង្ហាញលទ្ធផលដំបូងនៃការអនុវត្ត នៅឆ្នាំ២០២៤។`,
    },
    {
      title: 'Presentation of the draft National Plan 2024–2026',
      titleKm: 'បទបង្ហាញសេចក្តីព្រាងផែនការជាតិ ឆ្នាំ២០២៤–២០២៦',
      presenter: 'ncct-dsg',
      minutes: `The Secretariat presented the draft plan and its three goals:

1. **Evidence and data** – collect and collate the evidence and data needed for evidence-based policies (GCM objective 1).
2. **Safe border management** – manage borders safely and harmoniously (GCM objective 11).
3. **International cooperation** – strengthen international cooperation and global partnerships (GCM objective 23).

Members welcomed the draft and proposed amendments to the indicators of goal 1 and to the timeline of goal 2.`,
      minutesKm: `អគ្គលេខាធិការដ្ឋានបានបង្ហាញសេចក្តីព្រាងផែនការ និងគោលដៅទាំងបីរបស់ផែនការ៖

1. **ភស្តុតាង និងទិន្នន័យ** – ប្រមូល និងចងក្រងភស្តុតាង និងទិន្នន័យចាំបាច់ សម្រាប់គោលនយោបាយផ្អែកលើភស្តុតាង (គោលបំណងទី១ នៃកតិកាសញ្ញា)។
2. **ការគ្រប់គ្រងព្រំដែនប្រកបដោយសុវត្ថិភាព** – គ្រប់គ្រងព្រំដែនប្រកបដោយសុវត្ថិភាព និងសុខដុម (គោលបំណងទី១១)។
3. **កិច្ចសហប្រតិបត្តិការអន្តរជាតិ** – ពង្រឹងកិច្ចសហប្រតិបត្តិការអន្តរជាតិ និងភាពជាដៃគូសកល (គោលបំណងទី២៣)។

សមាជិកបានស្វាគមន៍សេចក្តីព្រាង និងបានស្នើវិសោធនកម្មលើសូចនាករនៃគោលដៅទី១ និងលើកាលវិភាគនៃគោលដៅទី២។`,
    },
    {
      title: 'Goal 1: migration data and evidence',
      titleKm: 'គោលដៅទី១៖ ទិន្នន័យ និងភស្តុតាងស្តីពីចំណាកស្រុក',
      presenter: 'iom-pm',
      minutes: `IOM offered technical support for a national migration data working group.

- MOLVT noted that much labour migration data is held by licensed recruitment agencies and provincial labour departments.
- MOSVY asked that data on identified victims of trafficking among returning migrants be included.
- GDI will share border crossing statistics with the working group.`,
      minutesKm: `អង្គការ IOM បានផ្តល់ការគាំទ្របច្ចេកទេស សម្រាប់ក្រុមការងារជាតិស្តីពីទិន្នន័យចំណាកស្រុក។

- ក្រសួងការងារ និងបណ្តុះបណ្តាលវិជ្ជាជីវៈ បានកត់សម្គាល់ថា ទិន្នន័យចំណាកស្រុកពលកម្មភាគច្រើន ស្ថិតនៅក្នុងដៃទីភ្នាក់ងារជ្រើសរើសដែលមានអាជ្ញាប័ណ្ណ និងមន្ទីរការងាររាជធានី-ខេត្ត។
- ក្រសួងសង្គមកិច្ច បានស្នើឱ្យបញ្ចូលទិន្នន័យស្តីពីជនរងគ្រោះដោយការជួញដូរមនុស្ស ដែលត្រូវបានកំណត់អត្តសញ្ញាណក្នុងចំណោមជនចំណាកស្រុកវិលត្រឡប់។
- អគ្គនាយកដ្ឋានអន្តោប្រវេសន៍ នឹងចែករំលែកស្ថិតិឆ្លងកាត់ព្រំដែនជាមួយក្រុមការងារ។`,
    },
    {
      title: 'Goals 2 and 3: border management and international cooperation',
      titleKm: 'គោលដៅទី២ និងទី៣៖ ការគ្រប់គ្រងព្រំដែន និងកិច្ចសហប្រតិបត្តិការអន្តរជាតិ',
      presenter: 'gdi-fp',
      minutes: `GDI described the screening of travellers at the Poipet and Bavet international checkpoints and the need for standard referral procedures.

MFAIC reported on consular assistance to Cambodian workers in Thailand, Malaysia, the Republic of Korea and Japan. MOLVT proposed to review the labour memorandums of understanding (MoUs) with destination countries.`,
      minutesKm: `អគ្គនាយកដ្ឋានអន្តោប្រវេសន៍ បានរៀបរាប់អំពីការត្រួតពិនិត្យអ្នកដំណើរ នៅច្រកទ្វារអន្តរជាតិប៉ោយប៉ែត និងបាវិត និងតម្រូវការនីតិវិធីស្តង់ដារសម្រាប់ការបញ្ជូនបន្ត។

ក្រសួងការបរទេស បានរាយការណ៍អំពីជំនួយកុងស៊ុលដល់ពលករខ្មែរនៅប្រទេសថៃ ម៉ាឡេស៊ី សាធារណរដ្ឋកូរ៉េ និងជប៉ុន។ ក្រសួងការងារ បានស្នើឱ្យពិនិត្យឡើងវិញនូវអនុស្សរណៈនៃការយោគយល់គ្នាស្តីពីការងារ ជាមួយប្រទេសគោលដៅ។`,
    },
    {
      title: "Rights of migrant workers: civil society's perspective",
      titleKm: 'សិទ្ធិពលករចំណាកស្រុក៖ ទស្សនៈរបស់សង្គមស៊ីវិល',
      presenter: 'central',
      minutes: `CENTRAL recalled that the rights of migrant workers are part of universal human rights, which Cambodia committed to respect.

- Many workers who go to Thailand or Malaysia face labour exploitation.
- MoUs with destination countries have so far focused on trade and should include terms that protect workers.
- Less exploitation builds trust between the countries of origin and destination.

The Chair welcomed the contribution and asked the Secretariat to involve civil society in the follow-up.`,
      minutesKm: `មជ្ឈមណ្ឌល CENTRAL បានរំលឹកថា សិទ្ធិពលករចំណាកស្រុកគឺជាផ្នែកមួយនៃសិទ្ធិមនុស្សជាសកល ដែលកម្ពុជាបានប្តេជ្ញាគោរព។

- ពលករជាច្រើនដែលទៅប្រទេសថៃ ឬម៉ាឡេស៊ី ជួបប្រទះការកេងប្រវ័ញ្ចកម្លាំងពលកម្ម។
- អនុស្សរណៈជាមួយប្រទេសគោលដៅ រហូតមកដល់ពេលនេះ ផ្តោតលើពាណិជ្ជកម្ម ហើយគួរតែបញ្ចូលលក្ខខណ្ឌការពារពលករ។
- ការកេងប្រវ័ញ្ចកាន់តែតិច ជួយកសាងទំនុកចិត្តរវាងប្រទេសដើម និងប្រទេសគោលដៅ។

ប្រធានអង្គប្រជុំបានស្វាគមន៍ការចូលរួមនេះ និងបានស្នើឱ្យអគ្គលេខាធិការដ្ឋានដាក់បញ្ចូលសង្គមស៊ីវិលក្នុងការតាមដាន។`,
    },
  ],
  participations: [
    { person: 'ncct-chair', role: 'CHAIR', attendance: 'ATTENDED' },
    { person: 'ncct-officer', role: 'RAPPORTEUR', attendance: 'ATTENDED' },
    { person: 'ncct-dsg', role: 'PARTICIPANT', attendance: 'ATTENDED' },
    { person: 'moi-fp', role: 'PARTICIPANT', attendance: 'ATTENDED' },
    { person: 'molvt-fp', role: 'PARTICIPANT', attendance: 'ATTENDED' },
    { person: 'mfaic-fp', role: 'PARTICIPANT', attendance: 'ATTENDED' },
    { person: 'mosvy-fp', role: 'PARTICIPANT', attendance: 'ATTENDED' },
    { person: 'moj-fp', role: 'PARTICIPANT', attendance: 'APOLOGIES' },
    { person: 'mowa-fp', role: 'PARTICIPANT', attendance: 'ATTENDED' },
    { person: 'gdi-fp', role: 'PARTICIPANT', attendance: 'ATTENDED' },
    { person: 'iom-pm', role: 'PARTICIPANT', attendance: 'ATTENDED' },
    { person: 'iom-adviser', role: 'OBSERVER', attendance: 'ATTENDED' },
    { person: 'central', role: 'PARTICIPANT', attendance: 'ATTENDED' },
    { person: 'unodc', role: 'OBSERVER', attendance: 'ATTENDED' },
    { person: 'ilo', role: 'OBSERVER', attendance: 'ABSENT' },
  ],
  decisions: [
    {
      agendaItem: 1,
      text: 'The meeting endorsed the National Plan for the Implementation of the GCM 2024–2026, subject to the amendments agreed today. The Secretariat will circulate the final text to all members.',
      textKm:
        'អង្គប្រជុំបានឯកភាពលើផែនការជាតិសម្រាប់ការអនុវត្តកតិកាសញ្ញាសកលស្តីពីចំណាកស្រុក ឆ្នាំ២០២៤–២០២៦ ដោយភ្ជាប់ជាមួយវិសោធនកម្មដែលបានឯកភាពនៅថ្ងៃនេះ។ អគ្គលេខាធិការដ្ឋាននឹងចែកចាយអត្ថបទចុងក្រោយជូនសមាជិកទាំងអស់។',
      commitments: [
        {
          title: 'Circulate the final text of the National Plan to all NCCT members',
          titleKm: 'ចែកចាយអត្ថបទចុងក្រោយនៃផែនការជាតិ ជូនសមាជិក គ.ជ.ប.ជ ទាំងអស់',
          description:
            'Incorporate the amendments agreed on 1 November 2023 and circulate the plan in English and Khmer.',
          descriptionKm: 'បញ្ចូលវិសោធនកម្មដែលបានឯកភាពនៅថ្ងៃទី១ ខែវិច្ឆិកា ឆ្នាំ២០២៣ និងចែកចាយផែនការជាភាសាអង់គ្លេស និងខ្មែរ។',
          lead: 'NCCT',
          supporting: ['IOM'],
          assignee: 'ncct-dsg',
          due: '2023-11-30',
          priority: 'HIGH',
          visibility: 'PUBLIC',
          planObjectives: ['3.3'],
          gcmObjectives: [23],
          updates: [
            {
              on: '2023-11-20',
              author: 'ncct-dsg',
              status: 'IN_PROGRESS',
              progress: 60,
              note: 'Amendments from the meeting incorporated; final proofreading of the Khmer version.',
              noteKm: 'បានបញ្ចូលវិសោធនកម្មពីកិច្ចប្រជុំ ហើយកំពុងពិនិត្យអក្ខរាវិរុទ្ធចុងក្រោយនៃកំណែភាសាខ្មែរ។',
            },
            {
              on: '2023-11-28',
              author: 'ncct-dsg',
              status: 'COMPLETED',
              progress: 100,
              note: 'Final plan circulated to all members in English and Khmer.',
              noteKm: 'ផែនការចុងក្រោយត្រូវបានចែកចាយជូនសមាជិកទាំងអស់ ជាភាសាអង់គ្លេស និងខ្មែរ។',
              evidence: [
                {
                  url: 'https://example.org/ncct/gcm-national-plan-2024-2026.pdf',
                  title: 'National Plan for the Implementation of the GCM 2024–2026 (final)',
                },
              ],
            },
            {
              on: '2023-12-05',
              author: 'ncct-officer',
              status: 'VERIFIED',
              progress: 100,
              note: 'Secretariat confirmed that every member received the final text.',
              noteKm: 'អគ្គលេខាធិការដ្ឋានបានបញ្ជាក់ថា សមាជិកទាំងអស់បានទទួលអត្ថបទចុងក្រោយ។',
            },
          ],
        },
      ],
    },
    {
      agendaItem: 2,
      text: 'A national migration data working group, led by the Ministry of Interior with the technical support of IOM, will harmonise indicators and publish a first baseline in 2024.',
      textKm:
        'ក្រុមការងារជាតិស្តីពីទិន្នន័យចំណាកស្រុក ដឹកនាំដោយក្រសួងមហាផ្ទៃ ជាមួយការគាំទ្របច្ចេកទេសពីអង្គការ IOM នឹងធ្វើសុខដុមនីយកម្មសូចនាករ និងផ្សព្វផ្សាយទិន្នន័យមូលដ្ឋានលើកដំបូងនៅឆ្នាំ២០២៤។',
      commitments: [
        {
          title: 'Establish the national migration data working group and adopt its terms of reference',
          titleKm: 'បង្កើតក្រុមការងារជាតិស្តីពីទិន្នន័យចំណាកស្រុក និងអនុម័តលក្ខខណ្ឌការងាររបស់ក្រុម',
          description: 'Members nominated by each ministry; terms of reference prepared with IOM.',
          descriptionKm: 'សមាជិកត្រូវបានតែងតាំងដោយក្រសួងនីមួយៗ ហើយលក្ខខណ្ឌការងារត្រូវបានរៀបចំជាមួយអង្គការ IOM។',
          lead: 'MOI',
          supporting: ['NCCT', 'IOM', 'GDI'],
          assignee: 'moi-fp',
          due: '2024-03-31',
          slips: [
            {
              on: '2024-01-22',
              from: '2024-01-31',
              status: 'APPLIED',
              by: 'ncct-officer',
              reason: 'The ministries need until March to nominate their members.',
            },
          ],
          priority: 'HIGH',
          visibility: 'PARTNERS',
          planObjectives: ['1.1'],
          gcmObjectives: [1],
          updates: [
            {
              on: '2024-01-15',
              author: 'moi-fp',
              status: 'IN_PROGRESS',
              progress: 30,
              note: 'Members nominated by six ministries; draft terms of reference shared with IOM.',
              noteKm: 'សមាជិកត្រូវបានតែងតាំងដោយក្រសួងចំនួនប្រាំមួយ ហើយសេចក្តីព្រាងលក្ខខណ្ឌការងារត្រូវបានចែករំលែកជាមួយអង្គការ IOM។',
            },
            {
              on: '2024-02-21',
              author: 'moi-fp',
              status: 'IN_PROGRESS',
              progress: 70,
              note: 'Terms of reference adopted by the Technical Working Group on 20 February.',
              noteKm: 'លក្ខខណ្ឌការងារត្រូវបានអនុម័តដោយក្រុមការងារបច្ចេកទេស នៅថ្ងៃទី២០ ខែកុម្ភៈ។',
            },
            {
              on: '2024-03-25',
              author: 'moi-fp',
              status: 'COMPLETED',
              progress: 100,
              note: 'Working group established by decision of the Ministry of Interior; first meeting held.',
              noteKm: 'ក្រុមការងារត្រូវបានបង្កើតដោយសេចក្តីសម្រេចរបស់ក្រសួងមហាផ្ទៃ ហើយកិច្ចប្រជុំលើកដំបូងត្រូវបានធ្វើឡើង។',
              evidence: [
                {
                  url: 'https://example.org/moi/migration-data-working-group-decision.pdf',
                  title: 'Decision establishing the migration data working group',
                },
                {
                  url: 'https://example.org/moi/migration-data-working-group-tor.pdf',
                  title: 'Terms of reference of the working group',
                },
              ],
            },
          ],
        },
        {
          title: 'Publish the first annual labour migration statistics, disaggregated by sex, age and destination',
          titleKm: 'ផ្សព្វផ្សាយស្ថិតិចំណាកស្រុកពលកម្មប្រចាំឆ្នាំលើកដំបូង បែងចែកតាមភេទ អាយុ និងប្រទេសគោលដៅ',
          description: 'Statistics for 2023 from recruitment agencies, provincial labour departments and GDI.',
          descriptionKm: 'ស្ថិតិឆ្នាំ២០២៣ ពីទីភ្នាក់ងារជ្រើសរើស មន្ទីរការងាររាជធានី-ខេត្ត និងអគ្គនាយកដ្ឋានអន្តោប្រវេសន៍។',
          lead: 'MOLVT',
          supporting: ['IOM', 'ILO', 'GDI'],
          assignee: 'molvt-fp',
          due: '2024-09-30',
          slips: [
            {
              on: '2024-06-10',
              from: '2024-06-30',
              status: 'ACCEPTED',
              by: 'molvt-fp',
              decidedBy: 'ncct-officer',
              reason: 'The survey firm starts only in July; the fieldwork needs three months.',
            },
          ],
          priority: 'MEDIUM',
          visibility: 'PUBLIC',
          planObjectives: ['1.2'],
          gcmObjectives: [1, 6],
          updates: [
            {
              on: '2024-04-30',
              author: 'molvt-fp',
              status: 'IN_PROGRESS',
              progress: 25,
              note: 'Data request sent to licensed recruitment agencies and provincial labour departments.',
              noteKm: 'សំណើសុំទិន្នន័យត្រូវបានផ្ញើទៅទីភ្នាក់ងារជ្រើសរើសដែលមានអាជ្ញាប័ណ្ណ និងមន្ទីរការងាររាជធានី-ខេត្ត។',
            },
            {
              on: '2024-08-15',
              author: 'molvt-fp',
              status: 'IN_PROGRESS',
              progress: 60,
              note: 'Draft tables for 2023 ready; data from two destination countries still missing.',
              noteKm: 'តារាងព្រាងសម្រាប់ឆ្នាំ២០២៣ បានរួចរាល់ ប៉ុន្តែនៅខ្វះទិន្នន័យពីប្រទេសគោលដៅពីរ។',
              evidence: [
                {
                  url: 'https://example.org/molvt/labour-migration-statistics-2023-draft.xlsx',
                  title: 'Labour migration statistics 2023 (draft tables)',
                },
              ],
            },
          ],
        },
        {
          title: 'Harmonise the data on identified victims of trafficking among returning migrants',
          titleKm: 'ធ្វើសុខដុមនីយកម្មទិន្នន័យស្តីពីជនរងគ្រោះដោយការជួញដូរមនុស្ស ដែលត្រូវបានកំណត់អត្តសញ្ញាណក្នុងចំណោមជនចំណាកស្រុកវិលត្រឡប់',
          description: 'A common case form and data exchange between MOSVY, the police and the courts.',
          descriptionKm: 'ទម្រង់ករណីរួម និងការផ្លាស់ប្តូរទិន្នន័យ រវាងក្រសួងសង្គមកិច្ច នគរបាល និងតុលាការ។',
          lead: 'MOSVY',
          supporting: ['MOI', 'MOJ', 'UNODC'],
          assignee: 'mosvy-fp',
          due: '2025-06-30',
          slips: [
            {
              on: { daysFromToday: -3 },
              from: '2025-06-30',
              to: { daysFromToday: 120 },
              status: 'REQUESTED',
              by: 'mosvy-fp',
              reason: 'The reintegration centres are still being equipped; we ask for four more months.',
            },
          ],
          priority: 'HIGH',
          visibility: 'PARTNERS',
          planObjectives: ['1.3'],
          gcmObjectives: [1, 10],
          updates: [
            {
              on: '2024-06-10',
              author: 'mosvy-fp',
              status: 'IN_PROGRESS',
              progress: 30,
              note: 'Common case form agreed between MOSVY and MOI.',
              noteKm: 'ទម្រង់ករណីរួមត្រូវបានឯកភាពរវាងក្រសួងសង្គមកិច្ច និងក្រសួងមហាផ្ទៃ។',
            },
            {
              on: '2025-03-20',
              author: 'mosvy-fp',
              status: 'AT_RISK',
              progress: 35,
              note: 'The case management systems cannot exchange data yet; funding for the software change is not secured.',
              noteKm: 'ប្រព័ន្ធគ្រប់គ្រងករណី មិនទាន់អាចផ្លាស់ប្តូរទិន្នន័យគ្នាបាននៅឡើយ ហើយថវិកាសម្រាប់កែប្រែកម្មវិធីមិនទាន់មាន។',
            },
          ],
        },
      ],
    },
    {
      agendaItem: 3,
      text: 'The General Department of Immigration will strengthen screening and referral at the main border checkpoints, starting with Poipet and Bavet, and train border officials.',
      textKm:
        'អគ្គនាយកដ្ឋានអន្តោប្រវេសន៍ នឹងពង្រឹងការត្រួតពិនិត្យ និងការបញ្ជូនបន្ត នៅច្រកទ្វារព្រំដែនសំខាន់ៗ ដោយចាប់ផ្តើមពីប៉ោយប៉ែត និងបាវិត ព្រមទាំងបណ្តុះបណ្តាលមន្ត្រីព្រំដែន។',
      commitments: [
        {
          title:
            'Introduce standard screening and referral procedures at the Poipet and Bavet international checkpoints',
          titleKm: 'ដាក់ឱ្យអនុវត្តនីតិវិធីស្តង់ដារសម្រាប់ការត្រួតពិនិត្យ និងការបញ្ជូនបន្ត នៅច្រកទ្វារអន្តរជាតិប៉ោយប៉ែត និងបាវិត',
          description: 'Standard operating procedures, referral forms and a contact list of service providers.',
          descriptionKm: 'នីតិវិធីប្រតិបត្តិស្តង់ដារ ទម្រង់បញ្ជូនបន្ត និងបញ្ជីទំនាក់ទំនងអ្នកផ្តល់សេវា។',
          lead: 'GDI',
          supporting: ['IOM', 'MOSVY'],
          assignee: 'gdi-fp',
          due: { daysFromToday: 150 },
          priority: 'HIGH',
          visibility: 'PARTNERS',
          planObjectives: ['2.1', '2.3'],
          gcmObjectives: [11, 12],
          updates: [
            {
              on: '2024-05-02',
              author: 'gdi-fp',
              status: 'IN_PROGRESS',
              progress: 20,
              note: 'Draft standard operating procedures reviewed with IOM.',
              noteKm: 'សេចក្តីព្រាងនីតិវិធីប្រតិបត្តិស្តង់ដារ ត្រូវបានពិនិត្យជាមួយអង្គការ IOM។',
            },
            {
              on: { daysFromToday: -25 },
              author: 'gdi-fp',
              status: 'IN_PROGRESS',
              progress: 55,
              note: 'Procedures in use at Poipet; Bavet will follow after the training of its officials.',
              noteKm: 'នីតិវិធីកំពុងត្រូវបានអនុវត្តនៅប៉ោយប៉ែត ហើយបាវិតនឹងអនុវត្តបន្ទាប់ពីការបណ្តុះបណ្តាលមន្ត្រី។',
              evidence: [
                { url: 'https://example.org/gdi/poipet-screening-sop.pdf', title: 'Poipet screening and referral SOP' },
              ],
            },
          ],
        },
        {
          title: 'Train border officials on identifying victims of trafficking and referring them to services',
          titleKm: 'បណ្តុះបណ្តាលមន្ត្រីព្រំដែន ស្តីពីការកំណត់អត្តសញ្ញាណជនរងគ្រោះដោយការជួញដូរមនុស្ស និងការបញ្ជូនពួកគេទៅកាន់សេវា',
          description: 'Two training courses for 60 officials of the main checkpoints.',
          descriptionKm: 'វគ្គបណ្តុះបណ្តាលពីរ សម្រាប់មន្ត្រីចំនួន៦០នាក់ នៃច្រកទ្វារសំខាន់ៗ។',
          lead: 'GDI',
          supporting: ['UNODC', 'MOWA', 'MOSVY'],
          assignee: 'gdi-fp',
          due: { daysFromToday: 240 },
          priority: 'MEDIUM',
          visibility: 'PUBLIC',
          planObjectives: ['2.3'],
          gcmObjectives: [10, 11],
          updates: [],
        },
      ],
    },
    {
      agendaItem: 4,
      text: 'MOLVT and MFAIC will propose clauses protecting the rights of migrant workers for the labour MoUs with destination countries, in consultation with civil society, and strengthen consular assistance.',
      textKm:
        'ក្រសួងការងារ និងក្រសួងការបរទេស នឹងស្នើប្រការការពារសិទ្ធិពលករចំណាកស្រុក សម្រាប់អនុស្សរណៈស្តីពីការងារជាមួយប្រទេសគោលដៅ ដោយពិគ្រោះយោបល់ជាមួយសង្គមស៊ីវិល និងពង្រឹងជំនួយកុងស៊ុល។',
      commitments: [
        {
          title: "Propose clauses protecting migrant workers' rights for the labour MoUs with Thailand and Malaysia",
          titleKm: 'ស្នើប្រការការពារសិទ្ធិពលករចំណាកស្រុក សម្រាប់អនុស្សរណៈស្តីពីការងារជាមួយប្រទេសថៃ និងម៉ាឡេស៊ី',
          description:
            'Draft clauses on recruitment fees, wages, document retention and complaints, consulted with CENTRAL.',
          descriptionKm: 'សេចក្តីព្រាងប្រការស្តីពីថ្លៃសេវាជ្រើសរើស ប្រាក់ឈ្នួល ការរក្សាទុកឯកសារ និងបណ្តឹង ដោយពិគ្រោះជាមួយ CENTRAL។',
          lead: 'MOLVT',
          supporting: ['MFAIC', 'ILO', 'CENTRAL'],
          assignee: 'molvt-fp',
          due: '2024-12-31',
          priority: 'HIGH',
          visibility: 'PUBLIC',
          planObjectives: ['3.1'],
          gcmObjectives: [6, 23],
          updates: [],
        },
        {
          title: 'Open a hotline for Cambodian migrant workers at the embassies in Bangkok and Kuala Lumpur',
          titleKm: 'បើកខ្សែទូរស័ព្ទជំនួយសម្រាប់ពលករចំណាកស្រុកខ្មែរ នៅស្ថានទូតក្នុងទីក្រុងបាងកក និងកូឡាឡាំពួរ',
          description: 'A telephone line staffed in Khmer for workers in difficulty.',
          descriptionKm: 'ខ្សែទូរស័ព្ទដែលមានបុគ្គលិកនិយាយភាសាខ្មែរ សម្រាប់ពលករដែលជួបការលំបាក។',
          lead: 'MFAIC',
          supporting: ['MOLVT'],
          assignee: 'mfaic-fp',
          due: '2024-12-31',
          priority: 'MEDIUM',
          visibility: 'PARTNERS',
          planObjectives: ['3.2'],
          gcmObjectives: [14],
          statusReason:
            'Replaced by the consular assistance programme agreed by the Technical Working Group on 20 February 2024 (NCCT-2024-02-20-C2).',
          updates: [
            {
              on: '2023-12-15',
              author: 'mfaic-fp',
              status: 'IN_PROGRESS',
              progress: 10,
              note: 'Scoping with the embassies started.',
              noteKm: 'ការសិក្សាវិសាលភាពជាមួយស្ថានទូតបានចាប់ផ្តើម។',
            },
            {
              on: '2024-02-22',
              author: 'ncct-officer',
              status: 'CANCELLED',
              progress: 10,
              note: 'Cancelled: replaced by the consular assistance programme agreed by the Technical Working Group on 20 February 2024 (NCCT-2024-02-20-C2).',
              noteKm:
                'បានលុបចោល៖ ជំនួសដោយកម្មវិធីជំនួយកុងស៊ុល ដែលក្រុមការងារបច្ចេកទេសបានឯកភាពនៅថ្ងៃទី២០ ខែកុម្ភៈ ឆ្នាំ២០២៤ (NCCT-2024-02-20-C2)។',
            },
          ],
        },
      ],
    },
    {
      agendaItem: 0,
      text: 'Cambodia will present initial results of the implementation of the plan in 2024; the Secretariat will coordinate a progress report with contributions from all members.',
      textKm:
        'កម្ពុជានឹងបង្ហាញលទ្ធផលដំបូងនៃការអនុវត្តផែនការនៅឆ្នាំ២០២៤ ហើយអគ្គលេខាធិការដ្ឋាននឹងសម្របសម្រួលរបាយការណ៍វឌ្ឍនភាព ដោយមានការចូលរួមពីសមាជិកទាំងអស់។',
      commitments: [
        {
          title: "Prepare Cambodia's first progress report on the implementation of the National Plan",
          titleKm: 'រៀបចំរបាយការណ៍វឌ្ឍនភាពលើកដំបូងរបស់កម្ពុជា ស្តីពីការអនុវត្តផែនការជាតិ',
          description:
            'A report for the regional review of the GCM, with contributions from the ministries and partners.',
          descriptionKm: 'របាយការណ៍សម្រាប់ការពិនិត្យឡើងវិញថ្នាក់តំបន់នៃកតិកាសញ្ញា ដោយមានការចូលរួមពីក្រសួង និងដៃគូ។',
          lead: 'NCCT',
          supporting: ['IOM', 'MFAIC', 'MOLVT'],
          assignee: 'ncct-dsg',
          due: '2024-11-30',
          priority: 'HIGH',
          visibility: 'PUBLIC',
          planObjectives: ['3.3'],
          gcmObjectives: [23],
          updates: [
            {
              on: '2024-07-01',
              author: 'ncct-dsg',
              status: 'IN_PROGRESS',
              progress: 40,
              note: 'Contributions received from five ministries.',
              noteKm: 'បានទទួលការចូលរួមពីក្រសួងចំនួនប្រាំ។',
            },
            {
              on: '2024-10-28',
              author: 'ncct-dsg',
              status: 'COMPLETED',
              progress: 100,
              note: 'Report finalised and presented at the regional review.',
              noteKm: 'របាយការណ៍ត្រូវបានបញ្ចប់ និងបង្ហាញនៅក្នុងការពិនិត្យឡើងវិញថ្នាក់តំបន់។',
              evidence: [
                { url: 'https://example.org/ncct/gcm-progress-report-2024.pdf', title: 'GCM progress report 2024' },
              ],
            },
            {
              on: '2024-11-12',
              author: 'ncct-officer',
              status: 'VERIFIED',
              progress: 100,
              note: "The Secretariat checked the report against the plan's indicators.",
              noteKm: 'អគ្គលេខាធិការដ្ឋានបានពិនិត្យរបាយការណ៍ធៀបនឹងសូចនាកររបស់ផែនការ។',
            },
          ],
        },
      ],
    },
  ],
};

const WORKING_GROUP: DemoMeeting = {
  title: 'GCM Technical Working Group – first quarterly meeting of 2024',
  titleKm: 'កិច្ចប្រជុំក្រុមការងារបច្ចេកទេសស្តីពីកតិកាសញ្ញាសកលស្តីពីចំណាកស្រុក – លើកទី១ ឆ្នាំ២០២៤',
  kind: 'TECHNICAL_WORKING_GROUP',
  status: 'HELD',
  visibility: 'INTERNAL',
  date: '2024-02-20',
  starts: '14:00',
  ends: '16:30',
  location: 'NCCT Secretariat, Phnom Penh',
  organizer: 'NCCT',
  chair: 'ncct-dsg',
  inSeries: true,
  agenda: [
    {
      title: 'Follow-up of the decisions of 1 November 2023',
      titleKm: 'ការតាមដានសេចក្តីសម្រេចនៃថ្ងៃទី១ ខែវិច្ឆិកា ឆ្នាំ២០២៣',
      presenter: 'ncct-officer',
      minutes: `The Secretariat reviewed the nine commitments of the national meeting.

- The final plan was circulated on 28 November 2023.
- The hotline initiative (NCCT-2023-11-01-C8) will be replaced by a wider consular assistance programme.`,
      minutesKm: `អគ្គលេខាធិការដ្ឋានបានពិនិត្យការប្តេជ្ញាចិត្តទាំងប្រាំបួន នៃកិច្ចប្រជុំថ្នាក់ជាតិ។

- ផែនការចុងក្រោយត្រូវបានចែកចាយនៅថ្ងៃទី២៨ ខែវិច្ឆិកា ឆ្នាំ២០២៣។
- គំនិតផ្តួចផ្តើមខ្សែទូរស័ព្ទជំនួយ (NCCT-2023-11-01-C8) នឹងត្រូវជំនួសដោយកម្មវិធីជំនួយកុងស៊ុលទូលំទូលាយជាងនេះ។`,
    },
    {
      title: 'Terms of reference of the migration data working group',
      titleKm: 'លក្ខខណ្ឌការងាររបស់ក្រុមការងារទិន្នន័យចំណាកស្រុក',
      presenter: 'moi-fp',
      minutes: `MOI presented the draft terms of reference, which were adopted with minor changes. GDI offered to map the data sources held by each ministry.`,
      minutesKm: `ក្រសួងមហាផ្ទៃបានបង្ហាញសេចក្តីព្រាងលក្ខខណ្ឌការងារ ដែលត្រូវបានអនុម័តដោយមានការកែប្រែតិចតួច។ អគ្គនាយកដ្ឋានអន្តោប្រវេសន៍ បានស្នើធ្វើផែនទីប្រភពទិន្នន័យរបស់ក្រសួងនីមួយៗ។`,
    },
    {
      title: 'Consular assistance and pre-departure orientation',
      titleKm: 'ជំនួយកុងស៊ុល និងការតម្រង់ទិសមុនចេញដំណើរ',
      presenter: 'mfaic-fp',
      minutes: `MFAIC proposed a consular assistance programme with a 24-hour hotline. MOWA stressed the needs of women migrant workers and offered to draft guidelines for their pre-departure orientation.`,
      minutesKm: `ក្រសួងការបរទេសបានស្នើកម្មវិធីជំនួយកុងស៊ុល ដែលមានខ្សែទូរស័ព្ទជំនួយ២៤ម៉ោង។ ក្រសួងកិច្ចការនារីបានសង្កត់ធ្ងន់លើតម្រូវការរបស់ពលករចំណាកស្រុកជាស្ត្រី និងបានស្នើរៀបចំគោលការណ៍ណែនាំសម្រាប់ការតម្រង់ទិសមុនចេញដំណើររបស់ពួកគេ។`,
    },
  ],
  participations: [
    { person: 'ncct-dsg', role: 'CHAIR', attendance: 'ATTENDED' },
    { person: 'ncct-officer', role: 'RAPPORTEUR', attendance: 'ATTENDED' },
    { person: 'moi-fp', role: 'PARTICIPANT', attendance: 'ATTENDED' },
    { person: 'molvt-fp', role: 'PARTICIPANT', attendance: 'ATTENDED' },
    { person: 'mfaic-fp', role: 'PARTICIPANT', attendance: 'ATTENDED' },
    { person: 'mosvy-fp', role: 'PARTICIPANT', attendance: 'APOLOGIES' },
    { person: 'moj-fp', role: 'PARTICIPANT', attendance: 'ABSENT' },
    { person: 'mowa-fp', role: 'PARTICIPANT', attendance: 'ATTENDED' },
    { person: 'gdi-fp', role: 'PARTICIPANT', attendance: 'ATTENDED' },
    { person: 'gdi-official', role: 'PARTICIPANT', attendance: 'ATTENDED' },
  ],
  decisions: [
    {
      agendaItem: 1,
      text: 'The working group adopted its terms of reference; GDI will map the migration data sources held by each ministry.',
      textKm: 'ក្រុមការងារបានអនុម័តលក្ខខណ្ឌការងាររបស់ខ្លួន ហើយអគ្គនាយកដ្ឋានអន្តោប្រវេសន៍ នឹងធ្វើផែនទីប្រភពទិន្នន័យចំណាកស្រុករបស់ក្រសួងនីមួយៗ។',
      commitments: [
        {
          title: 'Map the migration data sources held by each ministry',
          titleKm: 'ធ្វើផែនទីប្រភពទិន្នន័យចំណាកស្រុក ដែលក្រសួងនីមួយៗកាន់កាប់',
          description:
            'An inventory of registers, surveys and administrative data, with their owners and update cycles.',
          descriptionKm: 'បញ្ជីសារពើភណ្ឌនៃបញ្ជីឈ្មោះ ការស្ទង់មតិ និងទិន្នន័យរដ្ឋបាល ព្រមទាំងម្ចាស់ និងវដ្តធ្វើបច្ចុប្បន្នភាព។',
          lead: 'GDI',
          supporting: ['MOI', 'MOLVT', 'MOSVY'],
          assignee: 'gdi-fp',
          due: '2024-05-31',
          priority: 'LOW',
          visibility: 'INTERNAL',
          planObjectives: ['1.1'],
          gcmObjectives: [1],
          updates: [
            {
              on: '2024-04-05',
              author: 'gdi-fp',
              status: 'IN_PROGRESS',
              progress: 50,
              note: 'Inventory completed for GDI, MOI and MOLVT.',
              noteKm: 'បញ្ជីសារពើភណ្ឌបានបញ្ចប់សម្រាប់អគ្គនាយកដ្ឋានអន្តោប្រវេសន៍ ក្រសួងមហាផ្ទៃ និងក្រសួងការងារ។',
            },
            {
              on: '2024-05-28',
              author: 'gdi-fp',
              status: 'COMPLETED',
              progress: 100,
              note: 'Inventory of 14 data sources shared with the working group.',
              noteKm: 'បញ្ជីសារពើភណ្ឌនៃប្រភពទិន្នន័យចំនួន១៤ ត្រូវបានចែករំលែកជាមួយក្រុមការងារ។',
              evidence: [
                {
                  url: 'https://example.org/gdi/migration-data-sources-inventory.xlsx',
                  title: 'Inventory of migration data sources',
                },
              ],
            },
            {
              on: '2024-06-10',
              author: 'ncct-officer',
              status: 'VERIFIED',
              progress: 100,
              note: 'Inventory reviewed by the working group.',
              noteKm: 'បញ្ជីសារពើភណ្ឌត្រូវបានពិនិត្យដោយក្រុមការងារ។',
            },
          ],
        },
      ],
    },
    {
      agendaItem: 2,
      text: 'MFAIC will set up a consular assistance programme with a 24-hour hotline, replacing the separate hotline initiative; MOWA will draft guidelines for the pre-departure orientation of women migrant workers.',
      textKm:
        'ក្រសួងការបរទេស នឹងរៀបចំកម្មវិធីជំនួយកុងស៊ុល ដែលមានខ្សែទូរស័ព្ទជំនួយ២៤ម៉ោង ជំនួសគំនិតផ្តួចផ្តើមខ្សែទូរស័ព្ទដាច់ដោយឡែក ហើយក្រសួងកិច្ចការនារី នឹងរៀបចំសេចក្តីព្រាងគោលការណ៍ណែនាំសម្រាប់ការតម្រង់ទិសមុនចេញដំណើររបស់ពលករចំណាកស្រុកជាស្ត្រី។',
      commitments: [
        {
          title: 'Set up a consular assistance programme with a 24-hour hotline for Cambodian migrant workers',
          titleKm: 'រៀបចំកម្មវិធីជំនួយកុងស៊ុល ដែលមានខ្សែទូរស័ព្ទជំនួយ២៤ម៉ោង សម្រាប់ពលករចំណាកស្រុកខ្មែរ',
          description: 'Starting with the embassies in Bangkok and Kuala Lumpur.',
          descriptionKm: 'ចាប់ផ្តើមពីស្ថានទូតនៅទីក្រុងបាងកក និងកូឡាឡាំពួរ។',
          lead: 'MFAIC',
          supporting: ['MOLVT', 'IOM'],
          assignee: 'mfaic-fp',
          due: { daysFromToday: 60 },
          priority: 'HIGH',
          visibility: 'INTERNAL',
          planObjectives: ['3.2'],
          gcmObjectives: [14, 23],
          updates: [
            {
              on: '2024-06-20',
              author: 'mfaic-fp',
              status: 'IN_PROGRESS',
              progress: 30,
              note: 'Hotline procedures drafted with MOLVT.',
              noteKm: 'នីតិវិធីខ្សែទូរស័ព្ទជំនួយ ត្រូវបានព្រាងជាមួយក្រសួងការងារ។',
            },
            {
              on: { daysFromToday: -40 },
              author: 'mfaic-fp',
              status: 'IN_PROGRESS',
              progress: 50,
              note: 'Hotline piloted in Bangkok; operators for Kuala Lumpur being recruited.',
              noteKm: 'ខ្សែទូរស័ព្ទជំនួយត្រូវបានសាកល្បងនៅបាងកក ហើយកំពុងជ្រើសរើសប្រតិបត្តិករសម្រាប់កូឡាឡាំពួរ។',
              evidence: [
                {
                  url: 'https://example.org/mfaic/consular-hotline-pilot-note.pdf',
                  title: 'Note on the hotline pilot',
                },
              ],
            },
          ],
        },
        {
          title: 'Draft guidelines for the pre-departure orientation of women migrant workers',
          titleKm: 'រៀបចំសេចក្តីព្រាងគោលការណ៍ណែនាំ សម្រាប់ការតម្រង់ទិសមុនចេញដំណើររបស់ពលករចំណាកស្រុកជាស្ត្រី',
          description: 'Modules on rights, safe recruitment, gender-based violence and where to get help.',
          descriptionKm: 'មេរៀនស្តីពីសិទ្ធិ ការជ្រើសរើសប្រកបដោយសុវត្ថិភាព អំពើហិង្សាផ្អែកលើយេនឌ័រ និងកន្លែងស្វែងរកជំនួយ។',
          lead: 'MOWA',
          supporting: ['MOLVT', 'ILO'],
          assignee: 'mowa-fp',
          due: '2024-08-31',
          priority: 'MEDIUM',
          visibility: 'INTERNAL',
          planObjectives: ['3.1'],
          gcmObjectives: [6, 7],
          updates: [
            {
              on: '2024-05-15',
              author: 'mowa-fp',
              status: 'IN_PROGRESS',
              progress: 20,
              note: 'Consultation with ILO on the training modules.',
              noteKm: 'ការពិគ្រោះយោបល់ជាមួយអង្គការ ILO លើមេរៀនបណ្តុះបណ្តាល។',
            },
            {
              on: '2024-09-10',
              author: 'mowa-fp',
              status: 'AT_RISK',
              progress: 20,
              note: 'The consultant has not been recruited yet; the guidelines will be late.',
              noteKm: 'អ្នកប្រឹក្សាមិនទាន់ត្រូវបានជ្រើសរើសនៅឡើយ ហើយគោលការណ៍ណែនាំនឹងយឺតពេល។',
            },
          ],
        },
      ],
    },
  ],
};

const NEXT_WORKING_GROUP: DemoMeeting = {
  title: 'GCM Technical Working Group – quarterly meeting',
  titleKm: 'កិច្ចប្រជុំក្រុមការងារបច្ចេកទេសស្តីពីកតិកាសញ្ញាសកលស្តីពីចំណាកស្រុក ប្រចាំត្រីមាស',
  kind: 'TECHNICAL_WORKING_GROUP',
  status: 'PLANNED',
  visibility: 'INTERNAL',
  date: { daysFromToday: 30 },
  starts: '09:00',
  ends: '11:30',
  location: 'NCCT Secretariat, Phnom Penh',
  organizer: 'NCCT',
  chair: 'ncct-dsg',
  inSeries: true,
  agenda: [
    {
      title: 'Matters arising / review of commitments',
      titleKm: 'បញ្ហាពីកិច្ចប្រជុំមុន / ការពិនិត្យការប្តេជ្ញាចិត្ត',
      presenter: 'ncct-officer',
    },
    {
      title: 'Progress report on the National Plan',
      titleKm: 'របាយការណ៍វឌ្ឍនភាពស្តីពីផែនការជាតិ',
      presenter: 'ncct-dsg',
    },
    { title: 'Any other business', titleKm: 'បញ្ហាផ្សេងៗ', presenter: 'ncct-dsg' },
  ],
  participations: [
    { person: 'ncct-dsg', role: 'CHAIR', attendance: 'CONFIRMED' },
    { person: 'ncct-officer', role: 'RAPPORTEUR', attendance: 'CONFIRMED' },
    { person: 'moi-fp', role: 'PARTICIPANT', attendance: 'CONFIRMED' },
    { person: 'molvt-fp', role: 'PARTICIPANT', attendance: 'INVITED' },
    { person: 'mfaic-fp', role: 'PARTICIPANT', attendance: 'INVITED' },
    { person: 'mosvy-fp', role: 'PARTICIPANT', attendance: 'CONFIRMED' },
    { person: 'mowa-fp', role: 'PARTICIPANT', attendance: 'INVITED' },
    { person: 'gdi-fp', role: 'PARTICIPANT', attendance: 'APOLOGIES' },
  ],
  decisions: [],
};

/** The meetings in the order they happened; commitments are numbered C1, C2… per meeting. */
export const demoMeetings: DemoMeeting[] = [PLENARY, WORKING_GROUP, NEXT_WORKING_GROUP];
