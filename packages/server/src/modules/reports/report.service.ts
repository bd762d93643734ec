import type { EntityManager } from '@mikro-orm/postgresql';
import { requireReader, requireStaff } from '../../auth/permissions.js';
import { systemViewer, type Viewer } from '../../auth/viewer.js';
import { InvalidInputError, NotFoundError, Problems } from '../../errors.js';
import type { Page, PageArgs } from '../../graphql/connection.js';
import { queryBuilderPage } from '../../graphql/list-page.js';
import { cleanText, searchCondition, requireEnglishOrKhmer } from '../../validation.js';
import { diff, recordAudit, snapshot } from '../audit/audit.service.js';
import type { CommitmentStatus } from '../commitments/commitment.entity.js';
import { commitmentWhere } from '../commitments/commitment.service.js';
import {
  type CommitmentFilterValues,
  commitmentFilterSql,
  commitmentVisibilitySql,
  type SqlPart,
  OPEN_STATUSES_SQL,
} from '../commitments/commitment.sql.js';
import { dueDateAtSql, progressAtSql, statusAtSql } from '../commitments/history.sql.js';
import { type ReportingPeriod, ReportingPeriodSchema } from './reporting-period.entity.js';

/** One commitment in a report: how it stood at the start and at the end, and what happened within. */
export interface ReportRow {
  id: string;
  reference: string;
  leadOrganization: string;
  planGoals: string[];
  gcmObjectives: number[];
  existedAtStart: boolean;
  statusAtStart: CommitmentStatus | null;
  progressAtStart: number | null;
  overdueAtStart: boolean;
  status: CommitmentStatus;
  progress: number;
  dueDate: string | null;
  overdue: boolean;
  created: boolean;
  completed: boolean;
  verified: boolean;
  becameOverdue: boolean;
  withoutUpdate: boolean;
}

/** A range to report on. `series`/`before`: only commitments from meetings of that series before that instant. */
export interface ReportRange {
  key: string;
  from: string;
  to: string;
  series?: string;
  before?: Date;
}

const OPEN = OPEN_STATUSES_SQL;
const list = (values: readonly unknown[]) => values.map(() => '?').join(', ');

/**
 * Every visible, filtered commitment of each range as it stood at the start and the end of the range, from
 * the history of progress updates and due-date changes (commitments/history.sql.ts). One statement for any number of ranges. Days are calendar days in Phnom Penh.
 */
export async function liveReportRows(
  em: EntityManager,
  where: SqlPart,
  ranges: readonly ReportRange[],
): Promise<Map<string, ReportRow[]>> {
  const result = new Map<string, ReportRow[]>(ranges.map((r) => [r.key, []]));
  if (ranges.length === 0) return result;
  const values = ranges.map(() => '(?::text, ?::date, ?::date, ?::uuid, ?::timestamptz)').join(', ');
  const params = ranges.flatMap((r) => [r.key, r.from, r.to, r.series ?? null, r.before?.toISOString() ?? null]);
  const rows = await em.execute<(ReportRow & { key: string })[]>(
    `with ranges (key, from_day, to_day, series_id, before_ts) as (values ${values}),
     bounds as (
       select key, from_day, to_day, series_id, before_ts,
              from_day::timestamp at time zone 'Asia/Phnom_Penh' as start_ts,
              (to_day + 1)::timestamp at time zone 'Asia/Phnom_Penh' as end_ts
         from ranges),
     base as (
       select c.*, b.key, b.from_day, b.to_day, b.start_ts, b.end_ts
         from commitment c cross join bounds b
        where ${where.sql} and c.created_at < b.end_ts
          and (b.series_id is null or exists (select 1 from meeting sm where sm.id = c.meeting_id
                 and sm.series_id = b.series_id and sm.starts_at < b.before_ts))),
     s as (
       select base.key, base.id, base.reference, base.lead_organization_id, base.gcm_objectives, base.created_at,
              base.from_day, base.to_day, base.start_ts, base.end_ts,
              base.created_at < base.start_ts as existed_at_start,
              ${statusAtSql('base', 'base.start_ts')} as status_at_start, ${progressAtSql('base', 'base.start_ts')} as progress_at_start,
              ${statusAtSql('base', 'base.end_ts')} as status, ${progressAtSql('base', 'base.end_ts')} as progress,
              ${dueDateAtSql('base', 'base.start_ts')} as due_at_start,
              ${dueDateAtSql('base', 'base.end_ts')} as due_date,
              base.status as status_now, base.progress as progress_now,
              exists (select 1 from progress_update u where u.commitment_id = base.id
                        and u.created_at >= base.start_ts and u.created_at < base.end_ts) as updated,
              exists (select 1 from progress_update u where u.commitment_id = base.id and u.status = 'COMPLETED'
                        and u.status_before <> 'COMPLETED' and u.created_at >= base.start_ts and u.created_at < base.end_ts) as completed,
              exists (select 1 from progress_update u where u.commitment_id = base.id and u.status = 'VERIFIED'
                        and u.status_before <> 'VERIFIED' and u.created_at >= base.start_ts and u.created_at < base.end_ts) as verified
         from base)
     select s.key, s.id, s.reference, s.lead_organization_id as "leadOrganization",
            array(select distinct po.goal_id from commitment_plan_objective cpo
                    join plan_objective po on po.id = cpo.plan_objective_id where cpo.commitment_id = s.id) as "planGoals",
            s.gcm_objectives as "gcmObjectives", s.existed_at_start as "existedAtStart",
            case when s.existed_at_start then s.status_at_start end as "statusAtStart",
            case when s.existed_at_start then s.progress_at_start end as "progressAtStart",
            -- A commitment without a due date is never overdue (null, not unknown).
            coalesce(s.existed_at_start and s.due_at_start < s.from_day and s.status_at_start in ${OPEN}, false) as "overdueAtStart",
            s.status, s.progress, s.due_date::text as "dueDate",
            coalesce(s.due_date < s.to_day and s.status in ${OPEN}, false) as overdue,
            not s.existed_at_start as created, s.completed, s.verified,
            coalesce(s.due_date >= s.from_day - 1 and s.due_date < s.to_day
              and ((s.due_date + 1)::timestamp at time zone 'Asia/Phnom_Penh') >= s.created_at
              and ${statusAtSql('h', "(s.due_date + 1)::timestamp at time zone 'Asia/Phnom_Penh'")} in ${OPEN}, false
            ) as "becameOverdue",
            (s.existed_at_start and s.status in ${OPEN} and not s.updated) as "withoutUpdate"
       from s cross join lateral (select s.id, s.status_now as status, s.progress_now as progress) h
      order by s.key, s.reference`,
    [...params, ...where.params],
  );
  for (const { key, ...row } of rows) result.get(key)?.push(row as ReportRow);
  return result;
}

/** The frozen rows of closed periods, as the viewer may see them (visibility as frozen). */
export async function snapshotRows(
  em: EntityManager,
  viewer: Viewer,
  publicRead: boolean,
  periodIds: readonly string[],
  filter?: CommitmentFilterValues | null,
): Promise<Map<string, ReportRow[]>> {
  const result = new Map<string, ReportRow[]>(periodIds.map((id) => [id, []]));
  if (periodIds.length === 0) return result;
  const visible = commitmentVisibilitySql(viewer, publicRead, 's');
  // A filter picks commitments by what they are now; their figures stay those frozen at closing.
  const filtered = filter ? commitmentFilterSql(filter, 'fc') : { sql: 'true', params: [] };
  const rows = await em.execute<(ReportRow & { period: string })[]>(
    `select s.period_id as period, s.commitment_id as id, fc.reference, s.lead_organization_id as "leadOrganization",
            s.plan_goals as "planGoals", s.gcm_objectives as "gcmObjectives", s.existed_at_start as "existedAtStart",
            s.status_at_start as "statusAtStart", s.progress_at_start as "progressAtStart", s.overdue_at_start as "overdueAtStart",
            s.status, s.progress, s.due_date::text as "dueDate", s.overdue, s.created, s.completed, s.verified,
            s.became_overdue as "becameOverdue", s.without_update as "withoutUpdate"
       from (select r.*, r.commitment_id as id from report_snapshot r where r.period_id in (${list(periodIds)})) s
       join commitment fc on fc.id = s.commitment_id
      where ${visible.sql} and ${filtered.sql}
      order by s.period_id, fc.reference`,
    [...periodIds, ...visible.params, ...filtered.params],
  );
  for (const { period, ...row } of rows) result.get(period)?.push(row as ReportRow);
  return result;
}

// --- periods -----------------------------------------------------------------------------------

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const AUDITED = ['title', 'titleKm', 'startsOn', 'endsOn', 'closedAt'];

/** Checks a from–to range of calendar dates; problems are named after `fields`. */
export function checkRange(problems: Problems, from: string, to: string, fields: [string, string]): void {
  if (!DATE.test(from)) problems.add(fields[0], 'must be a date YYYY-MM-DD', 'INVALID_DATE');
  if (!DATE.test(to)) problems.add(fields[1], 'must be a date YYYY-MM-DD', 'INVALID_DATE');
  else if (from > to)
    problems.add(fields[1], `must not be before ${fields[0]}`, 'END_BEFORE_START', { start: fields[0] });
}

export async function createReportingPeriod(
  scope: { em: EntityManager; viewer: Viewer },
  fields: { title?: string | null; titleKm?: string | null; startsOn: string; endsOn: string },
): Promise<ReportingPeriod> {
  requireStaff(scope.viewer, 'create reporting periods');
  const problems = new Problems();
  const title = cleanText(problems, 'title', fields.title, 200) ?? null;
  const titleKm = cleanText(problems, 'titleKm', fields.titleKm, 200) ?? null;
  requireEnglishOrKhmer(problems, 'title', title, titleKm);
  checkRange(problems, fields.startsOn, fields.endsOn, ['startsOn', 'endsOn']);
  problems.throwIfAny();
  return scope.em.transactional(async (em) => {
    const period = em.create(ReportingPeriodSchema, {
      title,
      titleKm,
      startsOn: fields.startsOn,
      endsOn: fields.endsOn,
      createdBy: scope.viewer.personId ?? null,
    });
    recordAudit(em, scope.viewer, {
      entityType: 'ReportingPeriod',
      entityId: period.id,
      operation: 'create',
      changes: diff(null, snapshot(period, AUDITED), AUDITED),
    });
    return period;
  });
}

/**
 * Closes a period: freezes every commitment as the period's report sees it (all of them, whatever the
 * visibility; readers see what they may). The report of a closed period never changes afterwards.
 */
export async function closeReportingPeriod(scope: { em: EntityManager; viewer: Viewer }, id: string) {
  requireStaff(scope.viewer, 'close reporting periods');
  return scope.em.transactional(async (em) => {
    const period = await em.findOne(ReportingPeriodSchema, { id }, { lockMode: 4 as never });
    if (!period) throw new NotFoundError('ReportingPeriod', id);
    if (period.closedAt) throw new InvalidInputError([{ field: 'id', message: 'this period is already closed' }]);
    const all = commitmentVisibilitySql(systemViewer, false, 'c');
    const rows = (await liveReportRows(em, all, [{ key: id, from: period.startsOn, to: period.endsOn }])).get(id) ?? [];
    const visibility = await em.execute<{ id: string; visibility: string; meeting_id: string | null }[]>(
      `select id, visibility, meeting_id from commitment where id in (select unnest(?::uuid[]))`,
      [`{${rows.map((r) => r.id).join(',')}}`],
    );
    const byId = new Map(visibility.map((v) => [v.id, v]));
    for (const row of rows) {
      await em.execute(
        `insert into report_snapshot (period_id, commitment_id, lead_organization_id, meeting_id, visibility, plan_goals,
           gcm_objectives, existed_at_start, status_at_start, progress_at_start, overdue_at_start, status, progress,
           due_date, overdue, created, completed, verified, became_overdue, without_update)
         values (?, ?, ?, ?, ?, ?::uuid[], ?::int[], ?, ?, ?, ?, ?, ?, ?::date, ?, ?, ?, ?, ?, ?)`,
        [
          id,
          row.id,
          row.leadOrganization,
          byId.get(row.id)?.meeting_id ?? null,
          byId.get(row.id)?.visibility ?? 'INTERNAL',
          `{${row.planGoals.join(',')}}`,
          `{${row.gcmObjectives.join(',')}}`,
          row.existedAtStart,
          row.statusAtStart,
          row.progressAtStart,
          row.overdueAtStart,
          row.status,
          row.progress,
          row.dueDate,
          row.overdue,
          row.created,
          row.completed,
          row.verified,
          row.becameOverdue,
          row.withoutUpdate,
        ],
      );
    }
    const before = snapshot(period, AUDITED);
    period.closedAt = new Date();
    period.closedBy = scope.viewer.personId ?? null;
    recordAudit(em, scope.viewer, {
      entityType: 'ReportingPeriod',
      entityId: id,
      operation: 'close',
      changes: {
        ...diff(before, snapshot(period, AUDITED), AUDITED),
        commitments: { before: null, after: rows.length },
      },
    });
    return period;
  });
}

/** The reporting periods (those with `search` in their English or Khmer title), newest first. */
export async function listReportingPeriods(
  scope: ReadScope,
  search: string | null | undefined,
  page: PageArgs,
): Promise<Page<ReportingPeriod>> {
  requireReader(scope.viewer, scope.config.publicRead);
  const qb = scope.em.createQueryBuilder(ReportingPeriodSchema, 'r');
  const matches = searchCondition(search, ['title', 'titleKm']);
  if (matches) qb.andWhere(matches);
  return queryBuilderPage(qb.orderBy({ startsOn: 'desc', id: 'desc' }), page);
}

type ReadScope = { em: EntityManager; viewer: Viewer; config: { publicRead: boolean } };

/** The rows of periods' reports: frozen for closed periods, live for open ones; one statement for each kind. */
export async function periodReportRows(scope: ReadScope, periods: readonly ReportingPeriod[]): Promise<ReportRow[][]> {
  const closed = periods.filter((p) => p.closedAt).map((p) => p.id);
  const open = periods.filter((p) => !p.closedAt);
  const [frozen, live] = await Promise.all([
    snapshotRows(scope.em, scope.viewer, scope.config.publicRead, closed),
    liveReportRows(
      scope.em,
      commitmentWhere(scope, null, 'c'),
      open.map((p) => ({ key: p.id, from: p.startsOn, to: p.endsOn })),
    ),
  ]);
  return periods.map((p) => (p.closedAt ? frozen.get(p.id) : live.get(p.id)) ?? []);
}

/**
 * The rows of a report on any range. A range that is exactly a closed period, asked without a
 * filter, answers from that period's frozen snapshot.
 */
export async function rangeReportRows(
  scope: ReadScope,
  from: string,
  to: string,
  filter: CommitmentFilterValues | null | undefined,
): Promise<ReportRow[]> {
  requireReader(scope.viewer, scope.config.publicRead);
  const problems = new Problems();
  checkRange(problems, from, to, ['from', 'to']);
  problems.throwIfAny();
  const filtered = filter && Object.values(filter).some((value) => value !== undefined && value !== null);
  const period = filtered
    ? null
    : await scope.em.findOne(ReportingPeriodSchema, { startsOn: from, endsOn: to, closedAt: { $ne: null } });
  if (period) return (await periodReportRows(scope, [period]))[0];
  return (await liveReportRows(scope.em, commitmentWhere(scope, filter, 'c'), [{ key: 'r', from, to }])).get('r') ?? [];
}

/** A period the viewer may read, or NOT_FOUND. */
export async function findReportingPeriod(scope: ReadScope, id: string): Promise<ReportingPeriod> {
  requireReader(scope.viewer, scope.config.publicRead);
  const period = await scope.em.findOne(ReportingPeriodSchema, { id });
  if (!period) throw new NotFoundError('ReportingPeriod', id);
  return period;
}
