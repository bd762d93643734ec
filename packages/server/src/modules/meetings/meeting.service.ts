import { LockMode, OptimisticLockError } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { readableVisibilities, requireReader, requireStaff } from '../../auth/permissions.js';
import { isStaff, type Viewer } from '../../auth/viewer.js';
import type { Visibility } from '../../db/base.entity.js';
import { ConflictError, InvalidInputError, NotFoundError, Problems } from '../../errors.js';
import { type Page, type PageArgs, pageWindow, toPage } from '../../graphql/connection.js';
import { listPage } from '../../graphql/list-page.js';
import { plainMapper, plainRows } from '../../db/plain.js';
import { cleanText, likePattern, requireEnglishOrKhmer } from '../../validation.js';
import type { SqlPart } from '../../graphql/sql-answers.js';
import { diff, recordAudit, snapshot } from '../audit/audit.service.js';
import { followUp } from '../notifications/follow-up.js';
import { type Organization, OrganizationSchema } from '../organizations/organization.entity.js';
import type { Scope } from '../organizations/organization.service.js';
import { PersonSchema } from '../people/person.entity.js';
import { cadenceProblem } from './cadence.js';
import {
  AgendaItemSchema,
  type Meeting,
  type MeetingKind,
  MeetingSchema,
  type MeetingSeries,
  MeetingSeriesSchema,
  type MeetingStatus,
  ParticipationSchema,
} from './meeting.entity.js';

export const TITLE_MAX = 500;
export const TEXT_MAX = 2000;
const MEETING_AUDITED = [
  'title',
  'titleKm',
  'kind',
  'status',
  'startsAt',
  'endsAt',
  'location',
  'organizer',
  'chair',
  'series',
  'visibility',
  'cancellationReason',
  'minutesApprovedAt',
];
const SERIES_AUDITED = ['title', 'titleKm', 'organizer', 'cadence'];

/**
 * The meetings a viewer may read, as an SQL condition on the meeting table aliased `alias`
 * (undefined: every meeting). Staff see all; a focal point also sees the meetings their
 * organisation organises or takes part in; others see PARTNERS/PUBLIC or PUBLIC meetings.
 */
export function meetingVisibilityWhere(
  viewer: Viewer,
  publicRead: boolean,
  alias = 'm',
): { sql: string; params: unknown[] } | undefined {
  requireReader(viewer, publicRead);
  if (isStaff(viewer)) return undefined;
  const allowed = readableVisibilities(viewer, publicRead) ?? [];
  const parts: string[] = [];
  const params: unknown[] = [];
  if (allowed.length) {
    parts.push(`${alias}.visibility in (${allowed.map(() => '?').join(', ')})`);
    params.push(...allowed);
  }
  if (viewer.role === 'FOCAL_POINT' && viewer.organizationId) {
    parts.push(
      `${alias}.organizer_id = ?`,
      `exists (select 1 from participation vp where vp.meeting_id = ${alias}.id and vp.organization_id = ?)`,
    );
    params.push(viewer.organizationId, viewer.organizationId);
  }
  // Whoever is invited sees the meeting they are invited to (and can answer the invitation).
  if (viewer.role && viewer.personId) {
    parts.push(`exists (select 1 from participation ip where ip.meeting_id = ${alias}.id and ip.person_id = ?)`);
    params.push(viewer.personId);
  }
  return { sql: parts.length ? `(${parts.join(' or ')})` : 'false', params };
}

export interface MeetingFilterData {
  from?: Date | null;
  to?: Date | null;
  status?: MeetingStatus[] | null;
  organizer?: string;
  participantOrganization?: string;
  series?: string;
  search?: string | null;
}

export interface MeetingOrderData {
  field: 'STARTS_AT' | 'TITLE' | 'UPDATED_AT';
  direction: 'ASC' | 'DESC';
}

/**
 * The meetings a viewer may read that match the filter, as an SQL condition on the meeting aliased `alias`
 * (the query layer's form, as commitment.sql.ts writes the commitments'; listMeetings and sql-answers use it).
 */
export function meetingListWhere(scope: Scope, filter: MeetingFilterData | undefined, alias = 'm'): SqlPart {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    conditions.push(sql);
    params.push(...values);
  };
  const visible = meetingVisibilityWhere(scope.viewer, scope.config.publicRead, alias);
  if (visible) add(visible.sql, ...visible.params);
  if (filter?.from) add(`${alias}.starts_at >= ?::timestamptz`, filter.from);
  if (filter?.to) add(`${alias}.starts_at <= ?::timestamptz`, filter.to);
  if (filter?.status?.length) add(`${alias}.status in (${filter.status.map(() => '?').join(', ')})`, ...filter.status);
  if (filter?.organizer) add(`${alias}.organizer_id = ?`, filter.organizer);
  if (filter?.series) add(`${alias}.series_id = ?`, filter.series);
  if (filter?.participantOrganization) {
    add(
      `exists (select 1 from participation fp where fp.meeting_id = ${alias}.id and fp.organization_id = ?)`,
      filter.participantOrganization,
    );
  }
  const search = filter?.search?.trim();
  if (search) {
    const pattern = likePattern(search);
    const columns = ['title', 'title_km', 'location'];
    add(`(${columns.map((column) => `${alias}.${column} ilike ?`).join(' or ')})`, ...columns.map(() => pattern));
  }
  return { sql: conditions.length ? conditions.join(' and ') : 'true', params };
}

/** A meetings list's order on the meeting aliased `alias`: newest first by default, then the id (stable pages). */
export function meetingOrderSql(order: MeetingOrderData | null | undefined, alias = 'm'): string {
  const direction = (order?.direction ?? 'DESC') === 'ASC' ? 'asc' : 'desc';
  const field = order?.field ?? 'STARTS_AT';
  if (field === 'TITLE') {
    return `${alias}.title ${direction} nulls last, ${alias}.title_km ${direction} nulls last, ${alias}.id ${direction}`;
  }
  return `${alias}.${field === 'UPDATED_AT' ? 'updated_at' : 'starts_at'} ${direction}, ${alias}.id ${direction}`;
}

export async function listMeetings(
  scope: Scope,
  filter: MeetingFilterData | undefined,
  order: MeetingOrderData | null | undefined,
  page: PageArgs,
  options: { onOrganizer?: (organizer: Organization) => void } = {},
): Promise<Page<Meeting>> {
  const where = meetingListWhere(scope, filter);
  // Asked for with their organisers: those come in the page's own statement, primed for Meeting.organizer.
  const organizer = options.onOrganizer
    ? ', (select to_jsonb(mo) from organization mo where mo.id = m.organizer_id) as __organizer'
    : '';
  const fetch = async ({ limit, offset }: { limit: number; offset: number }) => {
    const rows = await scope.em.execute<Record<string, unknown>[]>(
      `select m.*${organizer} from meeting m where ${where.sql} order by ${meetingOrderSql(order)} limit ? offset ?`,
      [...where.params, limit, offset],
    );
    if (options.onOrganizer) {
      const toOrganization = plainMapper(scope.em, OrganizationSchema);
      for (const row of rows) {
        if (row.__organizer) options.onOrganizer(toOrganization(row.__organizer as Record<string, unknown>));
      }
    }
    return plainRows(scope.em, MeetingSchema, rows);
  };
  const count = async () => {
    const [row] = await scope.em.execute<{ count: number }[]>(
      `select count(*)::int as count from meeting m where ${where.sql}`,
      where.params,
    );
    return Number(row!.count);
  };
  // Counted only if totalCount is asked for.
  return listPage(page, { count, rows: fetch }, { lazyTotal: true });
}

/** The meetings among `ids` the viewer may read (in no particular order); one query. */
export async function findVisibleMeetings(scope: Scope, ids: readonly string[]): Promise<Meeting[]> {
  const visible = meetingVisibilityWhere(scope.viewer, scope.config.publicRead);
  if (ids.length === 0) return [];
  const qb = scope.em.createQueryBuilder(MeetingSchema, 'm').where({ id: { $in: [...ids] } });
  if (visible) qb.andWhere(visible.sql, visible.params);
  return plainRows(scope.em, MeetingSchema, await qb.execute('all', false));
}

/** The meeting, or null when it does not exist or the viewer may not read it. */
export async function findVisibleMeeting(scope: Scope, id: string): Promise<Meeting | null> {
  return (await findVisibleMeetings(scope, [id]))[0] ?? null;
}

/** One page of the visible meetings of each series (newest first), in one query for all series. */
export async function listSeriesMeetings(
  scope: Scope,
  seriesIds: readonly string[],
  page: PageArgs,
): Promise<Page<Meeting>[]> {
  const visible = meetingVisibilityWhere(scope.viewer, scope.config.publicRead);
  const window = pageWindow({ first: page.first, after: page.after });
  if (seriesIds.length === 0) return [];
  const rows = await scope.em.execute<Record<string, unknown>[]>(
    `select * from (
       select m.*, (row_number() over w) - 1 as page_offset, count(*) over (partition by m.series_id) as page_total
       from meeting m
       where m.series_id in (${seriesIds.map(() => '?').join(', ')})${visible ? ` and ${visible.sql}` : ''}
       window w as (partition by m.series_id order by m.starts_at desc, m.id desc)
     ) x
     where x.page_offset >= ? and x.page_offset < ?
     order by x.page_offset`,
    [...seriesIds, ...(visible?.params ?? []), window.offset, window.offset + window.limit],
  );
  const groups = new Map<string, { rows: Meeting[]; total: number }>(
    seriesIds.map((id) => [id, { rows: [], total: 0 }]),
  );
  for (const { page_offset: _offset, page_total: total, ...row } of rows) {
    const group = groups.get(String(row.series_id));
    if (!group) continue;
    group.rows.push(plainMapper(scope.em, MeetingSchema)(row));
    group.total = Number(total);
  }
  const totals = await countSeriesMeetings(scope, seriesIds, visible, groups);
  return seriesIds.map((id) => toPage(groups.get(id)!.rows, window, totals.get(id) ?? 0));
}

/** Totals for the series whose page came back empty (an empty page carries no total). */
async function countSeriesMeetings(
  scope: Scope,
  seriesIds: readonly string[],
  visible: { sql: string; params: unknown[] } | undefined,
  groups: Map<string, { rows: Meeting[]; total: number }>,
): Promise<Map<string, number>> {
  const totals = new Map([...groups].map(([id, group]) => [id, group.total]));
  const missing = seriesIds.filter((id) => groups.get(id)!.rows.length === 0);
  if (missing.length === 0) return totals;
  const counts = await scope.em.execute<{ series_id: string; total: string }[]>(
    `select m.series_id, count(*) as total from meeting m
     where m.series_id in (${missing.map(() => '?').join(', ')})${visible ? ` and ${visible.sql}` : ''}
     group by m.series_id`,
    [...missing, ...(visible?.params ?? [])],
  );
  for (const row of counts) totals.set(row.series_id, Number(row.total));
  return totals;
}

export interface SeriesFields {
  title?: string | null;
  titleKm?: string | null;
  organizer?: string | null;
  cadence?: string | null;
}

/** Checks a series' fields; `existing` is the series being changed. */
async function validateSeries(em: EntityManager, fields: SeriesFields, existing?: MeetingSeries) {
  const problems = new Problems();
  const clean: SeriesFields = {
    title: cleanText(problems, 'title', fields.title, TITLE_MAX),
    titleKm: cleanText(problems, 'titleKm', fields.titleKm, TITLE_MAX),
    organizer: fields.organizer,
    cadence: cleanText(problems, 'cadence', fields.cadence, 500),
  };
  requireEnglishOrKhmer(
    problems,
    'title',
    clean.title === undefined ? existing?.title : clean.title,
    clean.titleKm === undefined ? existing?.titleKm : clean.titleKm,
  );
  if (clean.organizer && !(await em.findOne(OrganizationSchema, { id: clean.organizer })))
    problems.add('organizerId', 'no such organisation', 'NOT_FOUND_REFERENCE');
  if (clean.cadence) {
    const problem = cadenceProblem(clean.cadence);
    if (problem) problems.add('cadence', problem, 'INVALID_FORMAT');
    else clean.cadence = clean.cadence.toUpperCase().replace(/^RRULE:/, '');
  }
  problems.throwIfAny();
  return clean;
}

export async function createMeetingSeries(scope: Scope, fields: SeriesFields): Promise<MeetingSeries> {
  requireStaff(scope.viewer, 'create meeting series');
  return scope.em.transactional(async (em) => {
    const clean = await validateSeries(em, fields);
    const series = em.create(MeetingSeriesSchema, {
      title: clean.title ?? null,
      titleKm: clean.titleKm ?? null,
      organizer: clean.organizer ?? null,
      cadence: clean.cadence ?? null,
      createdBy: scope.viewer.personId ?? null,
    });
    recordAudit(em, scope.viewer, {
      entityType: 'MeetingSeries',
      entityId: series.id,
      operation: 'create',
      changes: diff(null, snapshot(series, SERIES_AUDITED), SERIES_AUDITED),
    });
    return series;
  });
}

/** Changes a series' title, organiser or cadence; only the fields given change. */
export async function updateMeetingSeries(scope: Scope, id: string, fields: SeriesFields): Promise<MeetingSeries> {
  requireStaff(scope.viewer, 'change meeting series');
  return scope.em.transactional(async (em) => {
    const series = await em.findOne(MeetingSeriesSchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!series) throw new NotFoundError('MeetingSeries', id);
    const clean = await validateSeries(em, fields, series);
    const before = snapshot(series, SERIES_AUDITED);
    for (const key of ['title', 'titleKm', 'organizer', 'cadence'] as const)
      if (clean[key] !== undefined) series[key] = clean[key] ?? null;
    const changes = diff(before, snapshot(series, SERIES_AUDITED), SERIES_AUDITED);
    if (Object.keys(changes).length > 0)
      recordAudit(em, scope.viewer, { entityType: 'MeetingSeries', entityId: id, operation: 'update', changes });
    return series;
  });
}

export interface MeetingFields {
  title?: string | null;
  titleKm?: string | null;
  kind?: MeetingKind | null;
  startsAt?: Date | null;
  endsAt?: Date | null;
  location?: string | null;
  organizer?: string | null;
  chair?: string | null;
  series?: string | null;
  visibility?: Visibility | null;
}

/** Input field name of each meeting property (for `extensions.fields`). */
const INPUT_FIELD: Record<keyof MeetingFields, string> = {
  title: 'title',
  titleKm: 'titleKm',
  kind: 'kind',
  startsAt: 'startsAt',
  endsAt: 'endsAt',
  location: 'location',
  organizer: 'organizerId',
  chair: 'chairId',
  series: 'seriesId',
  visibility: 'visibility',
};
const MEETING_FIELDS = Object.keys(INPUT_FIELD) as (keyof MeetingFields)[];
/** What may still change once a meeting is closed (minutes approved or cancelled). */
const CHANGEABLE_WHEN_CLOSED: (keyof MeetingFields)[] = ['visibility', 'series'];
const EARLIEST = new Date('1990-01-01T00:00:00Z');
const LATEST = new Date('2100-01-01T00:00:00Z');

export async function validateMeeting(
  em: EntityManager,
  fields: MeetingFields,
  existing?: Meeting,
): Promise<MeetingFields> {
  const problems = new Problems();
  const clean: MeetingFields = {
    ...fields,
    title: cleanText(problems, 'title', fields.title, TITLE_MAX),
    titleKm: cleanText(problems, 'titleKm', fields.titleKm, TITLE_MAX),
    location: cleanText(problems, 'location', fields.location, TITLE_MAX),
  };
  for (const key of ['kind', 'startsAt', 'organizer', 'visibility'] as const) {
    if (fields[key] === null) problems.add(INPUT_FIELD[key], 'cannot be empty', 'REQUIRED');
  }
  if (existing) {
    for (const key of MEETING_FIELDS) {
      if (clean[key] === undefined || CHANGEABLE_WHEN_CLOSED.includes(key)) continue;
      const now = snapshot(existing, [key])[key];
      const next = snapshot(clean, [key])[key];
      if (now === next) continue;
      if (existing.status === 'MINUTES_APPROVED') {
        problems.add(INPUT_FIELD[key], 'cannot change once the minutes are approved', 'INVALID_STATE', {
          status: existing.status,
        });
      } else if (existing.status === 'CANCELLED') {
        problems.add(INPUT_FIELD[key], 'cannot change: the meeting is cancelled', 'INVALID_STATE', {
          status: existing.status,
        });
      }
    }
  }
  requireEnglishOrKhmer(
    problems,
    'title',
    clean.title === undefined ? existing?.title : clean.title,
    clean.titleKm === undefined ? existing?.titleKm : clean.titleKm,
  );
  if (clean.startsAt && (clean.startsAt < EARLIEST || clean.startsAt >= LATEST)) {
    problems.add('startsAt', 'must be between 1990 and 2100', 'OUT_OF_RANGE', { min: '1990-01-01', max: '2099-12-31' });
  }
  const startsAt = clean.startsAt ?? existing?.startsAt;
  const endsAt = clean.endsAt === undefined ? existing?.endsAt : clean.endsAt;
  if (startsAt && endsAt && endsAt.getTime() <= startsAt.getTime()) {
    problems.add(
      clean.endsAt === undefined ? 'startsAt' : 'endsAt',
      'the meeting must end after it starts',
      'END_BEFORE_START',
    );
  }
  if (clean.organizer && !(await em.findOne(OrganizationSchema, { id: clean.organizer }))) {
    problems.add('organizerId', 'no such organisation', 'NOT_FOUND_REFERENCE');
  }
  if (clean.chair && !(await em.findOne(PersonSchema, { id: clean.chair }))) {
    problems.add('chairId', 'no such person', 'NOT_FOUND_REFERENCE');
  }
  if (clean.series && !(await em.findOne(MeetingSeriesSchema, { id: clean.series }))) {
    problems.add('seriesId', 'no such meeting series', 'NOT_FOUND_REFERENCE');
  }
  if (existing && clean.visibility && clean.visibility !== existing.visibility) {
    await checkCommitmentsFit(em, problems, existing.id, clean.visibility);
  }
  problems.throwIfAny();
  return clean;
}

/** Runs a write; a concurrent change caught at flush becomes a CONFLICT with the version now stored. */
export async function withOptimisticLock<T>(
  scope: Scope,
  entity: { name: string; current: () => Promise<number | undefined> },
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof OptimisticLockError) throw new ConflictError(entity.name, (await entity.current()) ?? 0);
    throw error;
  }
}

const currentMeetingVersion = (scope: Scope, id: string) => async () =>
  (await scope.em.fork().findOne(MeetingSchema, { id }, { fields: ['version'] }))?.version;

/**
 * Loads a meeting inside a transaction, locked against concurrent status changes, and
 * checks the version the client sent (when it sent one).
 */
export async function lockMeeting(
  em: EntityManager,
  id: string,
  options: { version?: number; mode?: 'read' | 'write'; missing?: 'notFound' | string } = {},
): Promise<Meeting> {
  const meeting = await em.findOne(
    MeetingSchema,
    { id },
    { lockMode: options.mode === 'write' ? LockMode.PESSIMISTIC_WRITE : LockMode.PESSIMISTIC_READ },
  );
  if (!meeting) {
    if (options.missing && options.missing !== 'notFound') {
      throw new InvalidInputError([
        { field: options.missing, message: 'no such meeting', code: 'NOT_FOUND_REFERENCE' },
      ]);
    }
    throw new NotFoundError('Meeting', id);
  }
  if (options.version !== undefined && options.version !== meeting.version) {
    throw new ConflictError('Meeting', meeting.version);
  }
  return meeting;
}

/** Refuses changes to the agenda, decisions or attendance of a closed meeting, on `field`. */
export function requireOpenMeeting(meeting: Meeting, field: string, what: string): void {
  if (meeting.status === 'MINUTES_APPROVED') {
    throw new InvalidInputError([
      {
        field,
        message: `the minutes of this meeting are approved: ${what} can no longer change`,
        code: 'INVALID_STATE',
        params: { status: meeting.status },
      },
    ]);
  }
  if (meeting.status === 'CANCELLED') {
    throw new InvalidInputError([
      {
        field,
        message: `the meeting is cancelled: ${what} can no longer change`,
        code: 'INVALID_STATE',
        params: { status: meeting.status },
      },
    ]);
  }
}

/** The agenda item a meeting of a series opens with (DESIGN.md §7). */
export const MATTERS_ARISING = {
  title: 'Matters arising / review of commitments',
  titleKm: 'បញ្ហាពីកិច្ចប្រជុំមុន / ការពិនិត្យការប្តេជ្ញាចិត្ត',
};

/** Inserts a checked meeting in the transaction of `em`; a meeting of a series opens with the matters arising. */
export function insertMeeting(em: EntityManager, scope: Scope, clean: MeetingFields): Meeting {
  const meeting = em.create(MeetingSchema, {
    title: clean.title ?? null,
    titleKm: clean.titleKm ?? null,
    kind: clean.kind!,
    startsAt: clean.startsAt!,
    endsAt: clean.endsAt ?? null,
    location: clean.location ?? null,
    organizer: clean.organizer!,
    chair: clean.chair ?? null,
    series: clean.series ?? null,
    visibility: clean.visibility ?? 'INTERNAL',
    status: 'PLANNED',
    createdBy: scope.viewer.personId ?? null,
  });
  recordAudit(em, scope.viewer, {
    entityType: 'Meeting',
    entityId: meeting.id,
    operation: 'create',
    changes: diff(null, snapshot(meeting, MEETING_AUDITED), MEETING_AUDITED),
  });
  if (meeting.series) {
    const item = em.create(AgendaItemSchema, {
      meeting: meeting.id,
      position: 1,
      ...MATTERS_ARISING,
      createdBy: scope.viewer.personId ?? null,
    });
    recordAudit(em, scope.viewer, {
      entityType: 'AgendaItem',
      entityId: item.id,
      operation: 'create',
      changes: { meeting: { before: null, after: meeting.id }, title: { before: null, after: item.title } },
    });
  }
  return meeting;
}

export async function createMeeting(scope: Scope, fields: MeetingFields): Promise<Meeting> {
  requireStaff(scope.viewer, 'plan meetings');
  return scope.em.transactional(async (em) => insertMeeting(em, scope, await validateMeeting(em, fields)));
}

export async function updateMeeting(
  scope: Scope,
  id: string,
  version: number,
  fields: MeetingFields,
): Promise<Meeting> {
  requireStaff(scope.viewer, 'change meetings');
  return withOptimisticLock(scope, { name: 'Meeting', current: currentMeetingVersion(scope, id) }, () =>
    scope.em.transactional(async (em) => {
      const meeting = await lockMeeting(em, id, { version, mode: 'write' });
      const clean = await validateMeeting(em, fields, meeting);
      const before = snapshot(meeting, MEETING_AUDITED);
      for (const key of MEETING_FIELDS) {
        if (clean[key] !== undefined) (meeting as Record<string, unknown>)[key] = clean[key];
      }
      const changes = diff(before, snapshot(meeting, MEETING_AUDITED), MEETING_AUDITED);
      if (Object.keys(changes).length > 0) {
        recordAudit(em, scope.viewer, { entityType: 'Meeting', entityId: id, operation: 'update', changes });
      }
      return meeting;
    }),
  );
}

/** INTERNAL < PARTNERS < PUBLIC: how far a record may be read. */
export const VISIBILITY_RANK: Record<Visibility, number> = { INTERNAL: 0, PARTNERS: 1, PUBLIC: 2 };

/**
 * A meeting's content is read no further than the meeting (auth/permissions.ts `parentVisibility`):
 * lowering a meeting below its commitments would hide them silently, so it is refused, naming them.
 */
async function checkCommitmentsFit(em: EntityManager, problems: Problems, meetingId: string, visibility: Visibility) {
  const above = (Object.keys(VISIBILITY_RANK) as Visibility[]).filter(
    (v) => VISIBILITY_RANK[v] > VISIBILITY_RANK[visibility],
  );
  if (above.length === 0) return;
  const rows = await em.execute<{ reference: string }[]>(
    `select reference from commitment where meeting_id = ? and visibility in (${above.map(() => '?').join(', ')})
     order by reference`,
    [meetingId, ...above],
  );
  if (rows.length === 0) return;
  const references = rows.map((row) => row.reference);
  problems.add(
    'visibility',
    `${references.length} commitment(s) of this meeting are more visible than ${visibility} (${references.slice(0, 10).join(', ')}): lower their visibility first`,
    'VISIBILITY_BELOW_COMMITMENTS',
    { count: references.length, references: references.slice(0, 10), visibility },
  );
}

/**
 * Deletes a meeting created by mistake: only PLANNED, with no minutes, decisions or commitments
 * (anything else is cancelled instead). Its agenda and participants go with it; every removal is
 * audited, and the audit events stay.
 */
export async function deleteMeeting(scope: Scope, id: string, version: number): Promise<void> {
  requireStaff(scope.viewer, 'delete meetings');
  await scope.em.transactional(async (em) => {
    const meeting = await lockMeeting(em, id, { version, mode: 'write' });
    const [usage] = await em.execute<{ minutes: number; decisions: number; commitments: number }[]>(
      `select
         (select count(*)::int from agenda_item a where a.meeting_id = ? and (coalesce(a.minutes, '') <> '' or coalesce(a.minutes_km, '') <> '')) as minutes,
         (select count(*)::int from decision d where d.meeting_id = ?) as decisions,
         (select count(*)::int from commitment c where c.meeting_id = ?) as commitments`,
      [id, id, id],
    );
    const reasons: string[] = [];
    if (meeting.status !== 'PLANNED') reasons.push(`it is ${meeting.status}`);
    if (usage.minutes > 0) reasons.push('it has minutes');
    if (usage.decisions > 0) reasons.push(`it has ${usage.decisions} decision(s)`);
    if (usage.commitments > 0) reasons.push(`it has ${usage.commitments} commitment(s)`);
    if (reasons.length > 0) {
      throw new InvalidInputError([
        {
          field: 'id',
          message: `this meeting cannot be deleted (${reasons.join(', ')}): cancel it instead`,
          code: 'CANCEL_INSTEAD',
          params: { status: meeting.status, ...usage },
        },
      ]);
    }
    const items = await em.find(AgendaItemSchema, { meeting: id });
    const participations = await em.find(ParticipationSchema, { meeting: id });
    for (const item of items) {
      recordAudit(em, scope.viewer, {
        entityType: 'AgendaItem',
        entityId: item.id,
        operation: 'remove',
        changes: diff(snapshot(item, ['meeting', 'title', 'titleKm', 'position']), null, [
          'meeting',
          'title',
          'titleKm',
          'position',
        ]),
      });
      em.remove(item);
    }
    for (const participation of participations) {
      recordAudit(em, scope.viewer, {
        entityType: 'Participation',
        entityId: participation.id,
        operation: 'remove',
        changes: diff(snapshot(participation, ['meeting', 'person', 'organization', 'role', 'attendance']), null, [
          'meeting',
          'person',
          'organization',
          'role',
          'attendance',
        ]),
      });
      em.remove(participation);
    }
    await em.flush();
    recordAudit(em, scope.viewer, {
      entityType: 'Meeting',
      entityId: id,
      operation: 'delete',
      changes: diff(snapshot(meeting, MEETING_AUDITED), null, MEETING_AUDITED),
    });
    em.remove(meeting);
  });
}

const TRANSITIONS = {
  markHeld: { from: 'PLANNED', to: 'HELD', verb: 'be marked as held' },
  approveMinutes: { from: 'HELD', to: 'MINUTES_APPROVED', verb: 'have its minutes approved' },
  cancel: { from: 'PLANNED', to: 'CANCELLED', verb: 'be cancelled' },
} as const;

/** PLANNED → HELD → MINUTES_APPROVED, or PLANNED → CANCELLED (with a reason); nothing else. */
export async function transitionMeeting(
  scope: Scope,
  id: string,
  version: number,
  operation: keyof typeof TRANSITIONS,
  reason?: string | null,
): Promise<Meeting> {
  requireStaff(scope.viewer, 'change the status of meetings');
  const transition = TRANSITIONS[operation];
  return withOptimisticLock(scope, { name: 'Meeting', current: currentMeetingVersion(scope, id) }, () =>
    scope.em.transactional(async (em) => {
      const meeting = await lockMeeting(em, id, { version, mode: 'write' });
      const problems = new Problems();
      if (meeting.status !== transition.from) {
        problems.add(
          'status',
          `the meeting is ${meeting.status}: only a ${transition.from} meeting can ${transition.verb}`,
          'INVALID_STATE',
          { status: meeting.status },
        );
      }
      let cleanReason: string | null | undefined;
      if (operation === 'cancel') {
        cleanReason = cleanText(problems, 'reason', reason, TEXT_MAX);
        if (!cleanReason) problems.add('reason', 'say why the meeting is cancelled', 'REQUIRED');
      }
      problems.throwIfAny();
      const before = snapshot(meeting, MEETING_AUDITED);
      meeting.status = transition.to;
      if (operation === 'approveMinutes') meeting.minutesApprovedAt = new Date();
      if (operation === 'cancel') meeting.cancellationReason = cleanReason ?? null;
      const event = recordAudit(em, scope.viewer, {
        entityType: 'Meeting',
        entityId: id,
        operation,
        changes: diff(before, snapshot(meeting, MEETING_AUDITED), MEETING_AUDITED),
      });
      if (operation === 'approveMinutes')
        await followUp(em, { id: event, kind: 'MINUTES_APPROVED', meeting: id, actor: scope.viewer.personId ?? null });
      return meeting;
    }),
  );
}
