import { NotFoundError } from '../../errors.js';
import { AuditEventSchema } from '../audit/audit-event.entity.js';
import type { Commitment, CommitmentStatus } from '../commitments/commitment.entity.js';
import { findVisibleCommitments } from '../commitments/commitment.service.js';
import {
  AgendaItemSchema,
  type Attendance,
  DecisionSchema,
  type MeetingStatus,
  MeetingSeriesSchema,
  ParticipationSchema,
  type ParticipationRole,
} from '../meetings/meeting.entity.js';
import { findVisibleMeeting } from '../meetings/meeting.service.js';
import { mattersArising } from '../meetings/series.service.js';
import { OrganizationSchema } from '../organizations/organization.entity.js';
import type { Scope } from '../organizations/organization.service.js';
import { PersonSchema } from '../people/person.entity.js';
import { type Block, parseMarkdown } from './markdown.js';
import {
  ATTENDANCE_LABELS,
  COMMITMENT_STATUS_LABELS,
  formatDate,
  formatDateTime,
  formatInstantDate,
  formatTime,
  KIND_LABELS,
  LABELS,
  type Labels,
  MEETING_STATUS_LABELS,
  type MinutesLanguage,
  ROLE_LABELS,
} from './minutes.labels.js';

export interface MinutesCommitment {
  reference: string;
  title: string;
  lead: string;
  assignee: string | null;
  dueDate: string;
  status: string;
}

/** Official minutes in one language, ready to lay out (PDF or DOCX): every text chosen and formatted. */
export interface MinutesDocument {
  lang: MinutesLanguage;
  labels: Labels;
  /** The convening organisation, for the letterhead. */
  organizer: string;
  title: string;
  /** The meeting's day in Phnom Penh, YYYY-MM-DD (for file names). */
  day: string;
  details: { label: string; value: string }[];
  attendance: { organization: string; people: { name: string; role: string; attendance: string }[] }[];
  agenda: { number: number; title: string; presenter: string | null; minutes: Block[] }[];
  decisions: { number: number; text: string; agendaItem: string | null }[];
  commitments: MinutesCommitment[];
  /** Only for a meeting in a series. */
  mattersArising: MinutesCommitment[] | null;
  approval: { by: string | null; on: string } | null;
  chair: string | null;
  rapporteur: string | null;
}

/** The text in the language asked for, else in the other one (records may be in one language only). */
const pick = (lang: MinutesLanguage, en: string | null | undefined, km: string | null | undefined) =>
  (lang === 'km' ? km || en : en || km) ?? '';

const ROLE_ORDER: ParticipationRole[] = ['CHAIR', 'RAPPORTEUR', 'PARTICIPANT', 'OBSERVER'];
const ATTENDANCE_ORDER: Attendance[] = ['ATTENDED', 'CONFIRMED', 'INVITED', 'APOLOGIES', 'ABSENT'];

/**
 * Everything the official minutes of a meeting show, as the viewer may see it: a meeting they may
 * not see answers NOT_FOUND, like one that does not exist; commitments they may not see are left out.
 */
export async function loadMinutes(
  scope: Scope,
  meetingId: string,
  globalId: string,
  lang: MinutesLanguage,
): Promise<MinutesDocument> {
  const meeting = await findVisibleMeeting(scope, meetingId);
  if (!meeting) throw new NotFoundError('Meeting', globalId);
  const { em } = scope;
  const labels = LABELS[lang];

  const [participations, agendaItems, decisions, commitmentRows, series, approvalEvent] = await Promise.all([
    em.find(ParticipationSchema, { meeting: meetingId }),
    em.find(AgendaItemSchema, { meeting: meetingId }, { orderBy: { position: 'asc', id: 'asc' } }),
    em.find(DecisionSchema, { meeting: meetingId }, { orderBy: { position: 'asc', id: 'asc' } }),
    em.execute<{ id: string }[]>('select id from commitment where meeting_id = ? order by reference', [meetingId]),
    meeting.series ? em.findOne(MeetingSeriesSchema, { id: meeting.series }) : null,
    meeting.minutesApprovedAt
      ? em.findOne(
          AuditEventSchema,
          { entityType: 'Meeting', entityId: meetingId, operation: 'approveMinutes' },
          { orderBy: { at: 'desc' } },
        )
      : null,
  ]);
  const commitments = (
    await findVisibleCommitments(
      scope,
      commitmentRows.map((r) => r.id),
    )
  ).sort((a, b) => a.reference.localeCompare(b.reference));
  const arising = meeting.series
    ? ((await mattersArising(em, scope.viewer, scope.config.publicRead, [meetingId])).get(meetingId) ?? [])
    : null;

  const personIds = new Set<string>();
  const orgIds = new Set<string>([meeting.organizer]);
  for (const p of participations) {
    personIds.add(p.person);
    orgIds.add(p.organization);
  }
  for (const item of agendaItems) if (item.presenter) personIds.add(item.presenter);
  if (meeting.chair) personIds.add(meeting.chair);
  if (approvalEvent?.actor) personIds.add(approvalEvent.actor);
  for (const c of [...commitments, ...(arising ?? [])]) {
    orgIds.add(c.leadOrganization);
    if (c.assignee) personIds.add(c.assignee);
  }
  const [people, organizations] = await Promise.all([
    em.find(PersonSchema, { id: { $in: [...personIds] } }),
    em.find(OrganizationSchema, { id: { $in: [...orgIds] } }),
  ]);
  const personName = (id: string | null | undefined) => {
    const person = id ? people.find((p) => p.id === id) : undefined;
    return person ? pick(lang, person.fullName, person.fullNameKm) : null;
  };
  const organization = (id: string) => organizations.find((o) => o.id === id);
  const orgName = (id: string) => {
    const org = organization(id);
    return org ? pick(lang, org.name, org.nameKm) || org.acronym : '';
  };
  const orgWithAcronym = (id: string) => {
    const org = organization(id);
    if (!org) return '';
    const name = pick(lang, org.name, org.nameKm);
    return name && name !== org.acronym ? `${name} (${org.acronym})` : org.acronym;
  };

  const toCommitment = (c: Commitment): MinutesCommitment => ({
    reference: c.reference,
    title: pick(lang, c.title, c.titleKm),
    lead: orgWithAcronym(c.leadOrganization),
    assignee: personName(c.assignee),
    dueDate: c.dueDate ? formatDate(c.dueDate, lang) : labels.noDueDate,
    status: COMMITMENT_STATUS_LABELS[lang][c.status as CommitmentStatus],
  });

  const startsAt = new Date(meeting.startsAt);
  const when = meeting.endsAt
    ? `${formatDateTime(startsAt, lang)} – ${formatTime(new Date(meeting.endsAt), lang)}`
    : formatDateTime(startsAt, lang);
  const details = [
    { label: labels.date, value: when },
    { label: labels.location, value: meeting.location ?? '' },
    { label: labels.kind, value: KIND_LABELS[lang][meeting.kind] },
    { label: labels.organizer, value: orgWithAcronym(meeting.organizer) },
    { label: labels.chair, value: personName(meeting.chair) ?? '' },
    { label: labels.series, value: series ? pick(lang, series.title, series.titleKm) : '' },
    { label: labels.status, value: MEETING_STATUS_LABELS[lang][meeting.status as MeetingStatus] },
  ].filter((d) => d.value !== '');

  // Attendance by organisation (by name), people by role then attendance then name.
  const byOrganization = new Map<string, typeof participations>();
  for (const p of participations)
    byOrganization.set(p.organization, [...(byOrganization.get(p.organization) ?? []), p]);
  const attendance = [...byOrganization.entries()]
    .map(([orgId, list]) => ({
      organization: orgWithAcronym(orgId),
      people: list
        .sort(
          (a, b) =>
            ROLE_ORDER.indexOf(a.role as ParticipationRole) - ROLE_ORDER.indexOf(b.role as ParticipationRole) ||
            ATTENDANCE_ORDER.indexOf(a.attendance as Attendance) -
              ATTENDANCE_ORDER.indexOf(b.attendance as Attendance) ||
            (personName(a.person) ?? '').localeCompare(personName(b.person) ?? ''),
        )
        .map((p) => ({
          name: personName(p.person) ?? '',
          role: ROLE_LABELS[lang][p.role as ParticipationRole],
          attendance: ATTENDANCE_LABELS[lang][p.attendance as Attendance],
        })),
    }))
    .sort((a, b) => a.organization.localeCompare(b.organization));

  const itemTitle = new Map(
    agendaItems.map((item, index) => [item.id, `${index + 1}. ${pick(lang, item.title, item.titleKm)}`]),
  );
  const roleHolder = (role: ParticipationRole) => {
    const holder = participations.find((p) => p.role === role);
    return holder ? personName(holder.person) : null;
  };

  return {
    lang,
    labels,
    organizer: orgName(meeting.organizer),
    title: pick(lang, meeting.title, meeting.titleKm) || labels.untitled,
    day: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Phnom_Penh' }).format(startsAt),
    details,
    attendance,
    agenda: agendaItems.map((item, index) => ({
      number: index + 1,
      title: pick(lang, item.title, item.titleKm),
      presenter: personName(item.presenter),
      minutes: parseMarkdown(pick(lang, item.minutes, item.minutesKm)),
    })),
    decisions: decisions.map((d, index) => ({
      number: index + 1,
      text: pick(lang, d.text, d.textKm),
      agendaItem: d.agendaItem ? (itemTitle.get(d.agendaItem) ?? null) : null,
    })),
    commitments: commitments.map(toCommitment),
    mattersArising: arising ? arising.map(toCommitment) : null,
    approval: meeting.minutesApprovedAt
      ? { by: personName(approvalEvent?.actor), on: formatInstantDate(new Date(meeting.minutesApprovedAt), lang) }
      : null,
    chair: roleHolder('CHAIR') ?? personName(meeting.chair),
    rapporteur: roleHolder('RAPPORTEUR'),
  };
}
