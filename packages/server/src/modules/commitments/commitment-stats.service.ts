import { requireReader } from '../../auth/permissions.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { COMMITMENT_STATUSES, type CommitmentStatus } from './commitment.entity.js';
import type { Scope } from './commitment.service.js';
import {
  type CommitmentFilterValues,
  commitmentFilterSql,
  commitmentVisibilitySql,
  highCompletionSql,
  overdueSql,
} from './commitment.sql.js';

export type StatsGroupByValue = 'ORGANIZATION' | 'STATUS' | 'PLAN_GOAL' | 'GCM_OBJECTIVE';
/** The groupings counted here: the public ones, and by plan objective (PlanObjective.commitmentStats). */
export type StatsGrouping = StatsGroupByValue | 'PLAN_OBJECTIVE';

/** The key of the group of commitments linked to no plan objective (PLAN_GOAL) or no GCM objective. */
export const UNLINKED_KEY = 'UNLINKED';
export const UNLINKED_LABELS: Record<'PLAN_GOAL' | 'GCM_OBJECTIVE', [string, string]> = {
  PLAN_GOAL: ['Not linked to the plan', 'មិនទាន់ភ្ជាប់ទៅនឹងផែនការ'],
  GCM_OBJECTIVE: ['Not linked to a GCM objective', 'មិនទាន់ភ្ជាប់ទៅនឹងគោលបំណង GCM'],
};

export interface StatsGroup {
  key: string;
  label: string | null;
  labelKm: string | null;
  total: number;
  overdue: number;
  averageProgress: number;
  highCompletion: number;
  byStatus: { status: CommitmentStatus; count: number }[];
}

export const STATUS_LABELS: Record<CommitmentStatus, [string, string]> = {
  NOT_STARTED: ['Not started', 'មិនទាន់ចាប់ផ្តើម'],
  IN_PROGRESS: ['In progress', 'កំពុងអនុវត្ត'],
  AT_RISK: ['At risk', 'មានហានិភ័យ'],
  COMPLETED: ['Completed', 'បានបញ្ចប់'],
  VERIFIED: ['Verified', 'បានផ្ទៀងផ្ទាត់'],
  CANCELLED: ['Cancelled', 'បានលុបចោល'],
};

/**
 * For each group: the group's key and labels, then (in SQL) total, overdue, average progress and one
 * count per status. `f` holds the visible, filtered commitments; `g` pairs each with its group(s).
 */
const GROUPINGS: Record<StatsGrouping, { pairs: string; labels: string; order: string }> = {
  ORGANIZATION: {
    pairs: 'select f.id, f.lead_organization_id::text as key from f',
    labels: `select o.id::text as key, coalesce(o.name, o.acronym) as label, o.name_km as label_km,
             o.acronym as sort from organization o`,
    order: 'l.sort',
  },
  STATUS: {
    pairs: 'select f.id, f.status as key from f',
    labels: `select s.key, s.key as label, null::text as label_km, s.ord::text as sort
             from unnest(array[${COMMITMENT_STATUSES.map((s) => `'${s}'`).join(', ')}]) with ordinality as s(key, ord)`,
    order: 'l.sort::int',
  },
  PLAN_GOAL: {
    pairs: `select distinct f.id, po.goal_id::text as key
            from f join commitment_plan_objective cpo on cpo.commitment_id = f.id
            join plan_objective po on po.id = cpo.plan_objective_id
            union all
            select f.id, '${UNLINKED_KEY}' from f
            where not exists (select 1 from commitment_plan_objective u where u.commitment_id = f.id)`,
    labels: `select g.id::text as key, g.title as label, g.title_km as label_km,
             concat(p.period_start, p.id, lpad(g.position::text, 6, '0')) as sort
             from plan_goal g join plan p on p.id = g.plan_id
             union all
             select '${UNLINKED_KEY}', '${UNLINKED_LABELS.PLAN_GOAL[0]}', '${UNLINKED_LABELS.PLAN_GOAL[1]}', null`,
    order: `(g.key = '${UNLINKED_KEY}'), l.sort`,
  },
  GCM_OBJECTIVE: {
    pairs: `select distinct f.id, n::text as key from f cross join unnest(f.gcm_objectives) as n
            union all
            select f.id, '${UNLINKED_KEY}' from f where coalesce(cardinality(f.gcm_objectives), 0) = 0`,
    labels: `select o.number::text as key, o.title as label, o.title_km as label_km, lpad(o.number::text, 3, '0') as sort
             from gcm_objective o
             union all
             select '${UNLINKED_KEY}', '${UNLINKED_LABELS.GCM_OBJECTIVE[0]}', '${UNLINKED_LABELS.GCM_OBJECTIVE[1]}', null`,
    order: `(g.key = '${UNLINKED_KEY}'), l.sort`,
  },
  PLAN_OBJECTIVE: {
    pairs: `select distinct f.id, cpo.plan_objective_id::text as key
            from f join commitment_plan_objective cpo on cpo.commitment_id = f.id`,
    labels: `select o.id::text as key, o.code as label, null::text as label_km, o.code as sort from plan_objective o`,
    order: 'l.sort',
  },
};

export interface StatsRequest {
  groupBy: StatsGrouping;
  filter: CommitmentFilterValues | null | undefined;
}

/** Dashboard counts of the commitments the viewer may see (with the filter), grouped by `groupBy`. */
export async function commitmentStats(
  scope: Scope,
  groupBy: StatsGroupByValue,
  filter: CommitmentFilterValues | null | undefined,
): Promise<StatsGroup[]> {
  return (await commitmentStatsMany(scope, [{ groupBy, filter }]))[0];
}

/**
 * The columns of the visible commitments that the branches read (f) and that commitmentFilterSql may filter
 * on; the long texts only when a request searches them. Materialising whole rows (descriptions in two
 * languages) cost most of the statement's time.
 */
function statsColumns(requests: readonly StatsRequest[]): string {
  const columns = ['id', 'reference', 'status', 'progress', 'lead_organization_id', 'gcm_objectives', 'due_date'];
  columns.push('assignee_id', 'meeting_id');
  if (requests.some((request) => request.filter?.search?.trim())) {
    columns.push('title', 'title_km', 'description', 'description_km');
  }
  return columns.map((column) => `c.${column}`).join(', ');
}

/**
 * Several dashboard counts in ONE statement: the visible commitments are read once (`v`), then each request
 * filters and groups them in its own branch. A dashboard's three charts cost one scan instead of three.
 */
export async function commitmentStatsMany(scope: Scope, requests: readonly StatsRequest[]): Promise<StatsGroup[][]> {
  requireReader(scope.viewer, scope.config.publicRead);
  if (requests.length === 0) return [];
  const visible = commitmentVisibilitySql(scope.viewer, scope.config.publicRead, 'c');
  const statusColumns = COMMITMENT_STATUSES.map(
    (status) => `count(*) filter (where f.status = '${status}')::int as "${status}"`,
  ).join(', ');
  const params: unknown[] = [...visible.params];
  const branches = requests.map((request, index) => {
    const grouping = GROUPINGS[request.groupBy];
    const filter = commitmentFilterSql(request.filter, 'c');
    params.push(...filter.params);
    return `(with f as (select c.id, c.status, c.progress, c.lead_organization_id, c.gcm_objectives, ${overdueSql('c')} as overdue
                        from v c where ${filter.sql}),
                  g as (${grouping.pairs}),
                  l as (${grouping.labels})
             select ${index} as __request, row_number() over (order by ${grouping.order} nulls last, g.key) as __order,
                    g.key, l.label, l.label_km, count(*)::int as total, (count(*) filter (where f.overdue))::int as overdue,
                    coalesce(avg(f.progress), 0)::float8 as average_progress,
                    (count(*) filter (where ${highCompletionSql('f.status', 'f.progress')}))::int as high_completion,
                    ${statusColumns}
             from g join f on f.id = g.id left join l on l.key = g.key
             group by g.key, l.label, l.label_km, l.sort)`;
  });
  const rows = await scope.em.execute<Record<string, unknown>[]>(
    `with v as materialized (select ${statsColumns(requests)} from commitment c where ${visible.sql})
     select * from (${branches.join(' union all ')}) x order by __request, __order`,
    params,
  );
  const results: StatsGroup[][] = requests.map(() => []);
  for (const row of rows) results[Number(row.__request)].push(toGroup(requests[Number(row.__request)].groupBy, row));
  return results;
}

function toGroup(groupBy: StatsGrouping, row: Record<string, unknown>): StatsGroup {
  const key = String(row.key);
  const [label, labelKm] =
    groupBy === 'STATUS'
      ? STATUS_LABELS[key as CommitmentStatus]
      : [(row.label as string | null) ?? null, (row.label_km as string | null) ?? null];
  return {
    key:
      key === UNLINKED_KEY
        ? key
        : groupBy === 'ORGANIZATION'
          ? toGlobalId('Organization', key)
          : groupBy === 'PLAN_GOAL'
            ? toGlobalId('PlanGoal', key)
            : groupBy === 'PLAN_OBJECTIVE'
              ? toGlobalId('PlanObjective', key)
              : key,
    label,
    labelKm,
    total: Number(row.total),
    overdue: Number(row.overdue),
    averageProgress: Math.round(Number(row.average_progress) * 10) / 10,
    highCompletion: Number(row.high_completion),
    byStatus: COMMITMENT_STATUSES.filter((status) => Number(row[status]) > 0).map((status) => ({
      status,
      count: Number(row[status]),
    })),
  };
}
