import { QueryOrder } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requireReader, requireStaff } from '../../auth/permissions.js';
import { plainMapper } from '../../db/plain.js';
import type { Viewer } from '../../auth/viewer.js';
import { Problems } from '../../errors.js';
import type { Page, PageArgs } from '../../graphql/connection.js';
import { queryBuilderPage } from '../../graphql/list-page.js';
import { searchCondition } from '../../validation.js';
import type { Commitment } from '../commitments/commitment.entity.js';
import { commitmentVisibilitySql, mapCommitments, OPEN_STATUSES_SQL } from '../commitments/commitment.sql.js';
import { statusAtSql } from '../commitments/history.sql.js';
import type { Scope } from '../organizations/organization.service.js';
import {
  type Meeting,
  MeetingSchema,
  type MeetingSeries,
  MeetingSeriesSchema,
  ParticipationSchema,
} from './meeting.entity.js';
import { insertMeeting, meetingVisibilityWhere, validateMeeting } from './meeting.service.js';
import { insertParticipation } from './participation.service.js';

/** The meeting series (those with `search` in their English or Khmer title), by title (English, then Khmer). */
export async function listMeetingSeries(
  scope: Scope,
  search: string | null | undefined,
  page: PageArgs,
): Promise<Page<MeetingSeries>> {
  requireReader(scope.viewer, scope.config.publicRead);
  const qb = scope.em.createQueryBuilder(MeetingSeriesSchema, 's');
  const matches = searchCondition(search, ['title', 'titleKm']);
  if (matches) qb.andWhere(matches);
  const order = { title: QueryOrder.ASC_NULLS_LAST, titleKm: QueryOrder.ASC_NULLS_LAST, id: QueryOrder.ASC };
  return queryBuilderPage(qb.orderBy(order), page);
}

export interface NextMeetingFields {
  series: string;
  startsAt: Date;
  endsAt?: Date | null;
  location?: string | null;
  copyParticipants?: boolean | null;
}

/**
 * The next meeting of a series: the series' title and organiser, the kind, chair, place and visibility of
 * the latest meeting, its participants invited again (unless told not to), and the matters arising first.
 */
export async function scheduleNextMeeting(scope: Scope, fields: NextMeetingFields): Promise<Meeting> {
  requireStaff(scope.viewer, 'plan meetings');
  return scope.em.transactional(async (em) => {
    const problems = new Problems();
    const series = await em.findOne(MeetingSeriesSchema, { id: fields.series });
    if (!series) problems.add('seriesId', 'no such meeting series', 'NOT_FOUND_REFERENCE');
    problems.throwIfAny();
    const [previous] = await em.find(
      MeetingSchema,
      { series: fields.series, status: { $ne: 'CANCELLED' } },
      { orderBy: { startsAt: 'desc', id: 'desc' }, limit: 1 },
    );
    const organizer = series!.organizer ?? previous?.organizer;
    if (!organizer)
      problems.add(
        'seriesId',
        'the series has no organiser and no earlier meeting: give it an organiser first',
        'REQUIRED',
      );
    problems.throwIfAny();
    const clean = await validateMeeting(em, {
      title: series!.title,
      titleKm: series!.titleKm,
      kind: previous?.kind ?? 'PLENARY',
      startsAt: fields.startsAt,
      endsAt: fields.endsAt,
      location: fields.location === undefined ? previous?.location : fields.location,
      organizer,
      chair: previous?.chair ?? null,
      series: series!.id,
      visibility: previous?.visibility ?? 'INTERNAL',
    });
    const meeting = insertMeeting(em, scope, clean);
    if (previous && fields.copyParticipants !== false) {
      const participants = await em.find(
        ParticipationSchema,
        { meeting: previous.id },
        { orderBy: { createdAt: 'asc', id: 'asc' } },
      );
      for (const p of participants)
        await insertParticipation(em, scope, meeting, {
          person: p.person,
          organization: p.organization,
          role: p.role,
          attendance: 'INVITED',
        });
    }
    return meeting;
  });
}

const list = (values: readonly unknown[]) => values.map(() => '?').join(', ');

/** For each meeting, the latest meeting of its series before it that the viewer may see (cancelled ones skipped). */
export async function previousInSeries(
  em: EntityManager,
  viewer: Viewer,
  publicRead: boolean,
  ids: readonly string[],
  options: { startedOnly?: boolean } = {},
): Promise<Map<string, Meeting>> {
  const visible = meetingVisibilityWhere(viewer, publicRead, 'p');
  const started = options.startedOnly ? ' and p.starts_at <= now()' : '';
  const rows = await em.execute<Record<string, unknown>[]>(
    `select m.id as __parent, p.* from meeting m
       cross join lateral (select p.* from meeting p
         where p.series_id = m.series_id and p.id <> m.id and p.status <> 'CANCELLED'
           and (p.starts_at, p.id) < (m.starts_at, m.id)${started}${visible ? ` and ${visible.sql}` : ''}
         order by p.starts_at desc, p.id desc limit 1) p
      where m.id in (${list(ids)}) and m.series_id is not null`,
    [...(visible?.params ?? []), ...ids],
  );
  return new Map(rows.map((row) => [String(row.__parent), mapMeeting(em, row)]));
}

function mapMeeting(em: EntityManager, row: Record<string, unknown>): Meeting {
  return plainMapper(em, MeetingSchema)(row);
}

/** For each series: the latest meeting that has started and the first one to come (both visible, not cancelled). */
export async function seriesPreviousAndNext(
  em: EntityManager,
  viewer: Viewer,
  publicRead: boolean,
  seriesIds: readonly string[],
): Promise<Map<string, { previous?: Meeting; next?: Meeting; last?: Meeting }>> {
  const visible = meetingVisibilityWhere(viewer, publicRead, 'p');
  const where = `p.series_id = s.id and p.status <> 'CANCELLED'${visible ? ` and ${visible.sql}` : ''}`;
  const params = visible?.params ?? [];
  const rows = await em.execute<Record<string, unknown>[]>(
    `select s.id as __parent, w.which as __which, w.* from meeting_series s
       cross join lateral (
         (select 'previous' as which, p.* from meeting p where ${where} and p.starts_at <= now() order by p.starts_at desc, p.id desc limit 1)
         union all
         (select 'next', p.* from meeting p where ${where} and p.starts_at > now() order by p.starts_at, p.id limit 1)
         union all
         (select 'last', p.* from meeting p where ${where} order by p.starts_at desc, p.id desc limit 1)
       ) w
      where s.id in (${list(seriesIds)})`,
    [...params, ...params, ...params, ...seriesIds],
  );
  const result = new Map<string, { previous?: Meeting; next?: Meeting; last?: Meeting }>(
    seriesIds.map((id) => [id, {}]),
  );
  for (const row of rows) {
    const entry = result.get(String(row.__parent));
    const which = String(row.__which) as 'previous' | 'next' | 'last';
    const { which: _which, ...meeting } = row;
    if (entry) entry[which] = mapMeeting(em, meeting);
  }
  return result;
}

const OPEN = OPEN_STATUSES_SQL;

/**
 * Matters arising of each meeting (DESIGN.md §7): the commitments that arose in earlier meetings of its
 * series and are still open — as they stood when the meeting began, once it is held; now, before that —
 * overdue first, then by due date. Only what the viewer may see; one statement for any number of meetings.
 */
export async function mattersArising(
  em: EntityManager,
  viewer: Viewer,
  publicRead: boolean,
  ids: readonly string[],
): Promise<Map<string, Commitment[]>> {
  const visible = commitmentVisibilitySql(viewer, publicRead, 'c');
  const rows = await em.execute<Record<string, unknown>[]>(
    `with m as (
       select m.id, m.series_id, m.starts_at,
              case when m.status in ('HELD', 'MINUTES_APPROVED') then m.starts_at else now() end as at
         from meeting m where m.id in (${list(ids)}) and m.series_id is not null)
     select m.id as __parent, c.* from m
       join meeting e on e.series_id = m.series_id and e.id <> m.id and (e.starts_at, e.id) < (m.starts_at, m.id)
       join commitment c on c.meeting_id = e.id
      where (case when m.at < now() then ${statusAtSql('c', 'm.at')} else c.status end) in ${OPEN}
        and ${visible.sql}
      order by m.id,
               (c.due_date < (m.at at time zone 'Asia/Phnom_Penh')::date) desc nulls last,
               c.due_date nulls last, c.reference`,
    [...ids, ...visible.params],
  );
  const result = new Map<string, Commitment[]>(ids.map((id) => [id, []]));
  const commitments = mapCommitments(em, rows);
  for (const [index, row] of rows.entries()) result.get(String(row.__parent))?.push(commitments[index]);
  return result;
}
