import { QueryOrder } from '@mikro-orm/core';
import { requireReader } from '../../auth/permissions.js';
import { InvalidInputError } from '../../errors.js';
import { commitmentOrderSql, type CommitmentOrderValue, commitmentWhere } from '../commitments/commitment.service.js';
import { CommitmentSupporterSchema, type CommitmentStatus } from '../commitments/commitment.entity.js';
import { type CommitmentFilterValues, mapCommitments } from '../commitments/commitment.sql.js';
import { todayInPhnomPenh } from '../committee/rules.js';
import { type Meeting, MeetingSchema } from '../meetings/meeting.entity.js';
import { findVisibleMeetings, meetingVisibilityWhere } from '../meetings/meeting.service.js';
import { type Organization, OrganizationSchema } from '../organizations/organization.entity.js';
import type { Scope } from '../organizations/organization.service.js';
import { PersonSchema } from '../people/person.entity.js';

/** Most meetings one calendar export holds; a wider range is refused with a hint to narrow it. */
export const CALENDAR_LIMIT = 2000;
/** Most commitments one spreadsheet export holds. */
export const COMMITMENT_EXPORT_LIMIT = 10_000;

/** A meeting for the calendar, with its organiser. */
export interface CalendarMeeting {
  meeting: Meeting;
  organizer: Organization | undefined;
}

async function withOrganizers(scope: Scope, meetings: Meeting[]): Promise<CalendarMeeting[]> {
  const ids = [...new Set(meetings.map((m) => m.organizer))];
  const organizations = ids.length ? await scope.em.find(OrganizationSchema, { id: { $in: ids } }) : [];
  const byId = new Map(organizations.map((o) => [o.id, o]));
  return meetings.map((meeting) => ({ meeting, organizer: byId.get(meeting.organizer) }));
}

/**
 * The meetings the viewer may read (the same rule as the `meetings` query) starting in
 * [from, to], earliest first.
 */
export async function meetingsForCalendar(
  scope: Scope,
  range: { from: Date; to?: Date | null },
): Promise<CalendarMeeting[]> {
  const visible = meetingVisibilityWhere(scope.viewer, scope.config.publicRead);
  const qb = scope.em.createQueryBuilder(MeetingSchema, 'm').where({ startsAt: { $gte: range.from } });
  if (range.to) qb.andWhere({ startsAt: { $lte: range.to } });
  if (visible) qb.andWhere(visible.sql, visible.params);
  const meetings = await qb
    .orderBy({ startsAt: QueryOrder.ASC, id: QueryOrder.ASC })
    .limit(CALENDAR_LIMIT + 1)
    .getResult();
  if (meetings.length > CALENDAR_LIMIT) {
    throw new InvalidInputError([
      {
        field: 'from',
        message: `the range holds more than ${CALENDAR_LIMIT} meetings; choose a shorter one`,
        code: 'TOO_MANY',
      },
    ]);
  }
  return withOrganizers(scope, meetings);
}

/** One meeting for the calendar, or null when it does not exist or the viewer may not read it. */
export async function meetingForCalendar(scope: Scope, id: string): Promise<CalendarMeeting | null> {
  const meetings = await findVisibleMeetings(scope, [id]);
  return meetings.length ? (await withOrganizers(scope, meetings))[0]! : null;
}

/** One commitment as a spreadsheet row (the columns of the XLSX and CSV exports). */
export interface CommitmentExportRow {
  reference: string;
  title: string | null;
  titleKm: string | null;
  leadOrganization: string;
  supportingOrganizations: string;
  assignee: string;
  dueDate: string | null;
  status: CommitmentStatus;
  progress: number;
  overdue: boolean;
  /** Empty when there is none or the viewer may not see it. */
  meeting: string;
  gcmObjectives: string;
  lastUpdateAt: Date | null;
}

/** How an organisation is named in a cell: its name (English, else Khmer) and acronym. */
function organizationLabel(organization: Organization | undefined): string {
  if (!organization) return '';
  const name = organization.name || organization.nameKm;
  return name ? `${name} (${organization.acronym})` : organization.acronym;
}

/**
 * The commitments the viewer may read that match the filter, in the order of the `commitments`
 * query, as rows; related records are loaded in one query per kind.
 */
export async function commitmentExportRows(
  scope: Scope,
  filter: CommitmentFilterValues | null | undefined,
  order: CommitmentOrderValue | null | undefined,
): Promise<CommitmentExportRow[]> {
  requireReader(scope.viewer, scope.config.publicRead);
  const where = commitmentWhere(scope, filter, 'c');
  const raw = await scope.em.execute<Record<string, unknown>[]>(
    `select c.* from commitment c where ${where.sql} order by ${commitmentOrderSql(order, 'c')} limit ?`,
    [...where.params, COMMITMENT_EXPORT_LIMIT + 1],
  );
  if (raw.length > COMMITMENT_EXPORT_LIMIT) {
    throw new InvalidInputError([
      {
        field: 'filter',
        message: `matches more than ${COMMITMENT_EXPORT_LIMIT} commitments; narrow it`,
        code: 'TOO_MANY',
      },
    ]);
  }
  const commitments = mapCommitments(scope.em, raw);
  if (commitments.length === 0) return [];
  const ids = commitments.map((c) => c.id);
  const supporters = await scope.em.find(
    CommitmentSupporterSchema,
    { commitment: { $in: ids } },
    { orderBy: { organization: 'asc' } },
  );
  const organizationIds = [
    ...new Set([...commitments.map((c) => c.leadOrganization), ...supporters.map((s) => s.organization)]),
  ];
  const personIds = [...new Set(commitments.flatMap((c) => (c.assignee ? [c.assignee] : [])))];
  const meetingIds = [...new Set(commitments.flatMap((c) => (c.meeting ? [c.meeting] : [])))];
  const [organizations, people, meetings] = await Promise.all([
    scope.em.find(OrganizationSchema, { id: { $in: organizationIds } }),
    personIds.length ? scope.em.find(PersonSchema, { id: { $in: personIds } }) : [],
    findVisibleMeetings(scope, meetingIds),
  ]);
  const organizationById = new Map(organizations.map((o) => [o.id, o]));
  const personById = new Map(people.map((p) => [p.id, p]));
  const meetingById = new Map(meetings.map((m) => [m.id, m]));
  const supportersOf = new Map<string, string[]>();
  for (const s of supporters) {
    const list = supportersOf.get(s.commitment) ?? [];
    list.push(organizationLabel(organizationById.get(s.organization)));
    supportersOf.set(s.commitment, list);
  }
  const today = todayInPhnomPenh();
  return commitments.map((c) => {
    const person = c.assignee ? personById.get(c.assignee) : undefined;
    const meeting = c.meeting ? meetingById.get(c.meeting) : undefined;
    return {
      reference: c.reference,
      title: c.title ?? null,
      titleKm: c.titleKm ?? null,
      leadOrganization: organizationLabel(organizationById.get(c.leadOrganization)),
      supportingOrganizations: (supportersOf.get(c.id) ?? []).sort().join('; '),
      assignee: (person?.fullName || person?.fullNameKm) ?? '',
      dueDate: c.dueDate ?? null,
      status: c.status,
      progress: c.progress,
      overdue: !!c.dueDate && c.dueDate < today && !['COMPLETED', 'VERIFIED', 'CANCELLED'].includes(c.status),
      meeting: (meeting?.title || meeting?.titleKm) ?? '',
      gcmObjectives: [...(c.gcmObjectives ?? [])].sort((a, b) => a - b).join(', '),
      lastUpdateAt: c.lastUpdateAt ? new Date(c.lastUpdateAt) : null,
    };
  });
}
