/**
 * The bare server's answers: one hand-written statement per query, building the whole JSON response in
 * PostgreSQL (json_agg per list), shaped like Prachum's `data`. The reader is the secretariat, who may
 * read everything, so there is no visibility rule; the orders, filters and derived fields follow Prachum's.
 * Every statement returns one row with one text column, `data`.
 */

/** The statuses in Prachum's order, with its English and Khmer labels (commitment-stats.service.ts). */
const STATUS_LABELS = [
  ['NOT_STARTED', 'Not started', 'មិនទាន់ចាប់ផ្តើម'],
  ['IN_PROGRESS', 'In progress', 'កំពុងអនុវត្ត'],
  ['AT_RISK', 'At risk', 'មានហានិភ័យ'],
  ['COMPLETED', 'Completed', 'បានបញ្ចប់'],
  ['VERIFIED', 'Verified', 'បានផ្ទៀងផ្ទាត់'],
  ['CANCELLED', 'Cancelled', 'បានលុបចោល'],
];
const STATUSES = STATUS_LABELS.map(([status]) => status);
const OPEN = `('NOT_STARTED', 'IN_PROGRESS', 'AT_RISK')`;
const TODAY = `(now() at time zone 'Asia/Phnom_Penh')::date`;
const COMMITMENT_ORDER = (c: string) => `${c}.due_date asc nulls last, ${c}.reference asc, ${c}.id asc`;
const overdue = (c: string) =>
  `(${c}.due_date is not null and ${c}.due_date < ${TODAY} and ${c}.status not in ('COMPLETED', 'VERIFIED', 'CANCELLED'))`;
const completionLevel = (c: string) =>
  `(case when ${c}.status in ('COMPLETED', 'VERIFIED') then 'COMPLETE' when ${c}.progress >= 50 then 'SUBSTANTIAL'
     when ${c}.progress > 0 then 'LIMITED' else 'NOT_STARTED' end)`;

const personLabel = (p: string) =>
  `json_build_object('id', ${p}.id, 'fullName', ${p}.full_name, 'fullNameKm', ${p}.full_name_km,
     'position', ${p}.position, 'positionKm', ${p}.position_km)`;
const organizationLabel = (o: string) =>
  `json_build_object('id', ${o}.id, 'acronym', ${o}.acronym, 'name', ${o}.name, 'nameKm', ${o}.name_km)`;

export const Q1 = `
select json_build_object('commitments', json_build_object('nodes', coalesce(json_agg(json_build_object(
         'id', c.id, 'reference', c.reference, 'title', c.title, 'status', c.status, 'progress', c.progress,
         'dueDate', c.due_date,
         'leadOrganization', json_build_object('id', o.id, 'acronym', o.acronym, 'name', o.name),
         'assignee', case when p.id is null then null else json_build_object('id', p.id, 'fullName', p.full_name) end,
         'meeting', case when m.id is null then null else json_build_object('id', m.id, 'title', m.title, 'startsAt', m.starts_at) end
       ) order by ${COMMITMENT_ORDER('c')}), '[]')))::text as data
from (select * from commitment c order by ${COMMITMENT_ORDER('c')} limit $1) c
join organization o on o.id = c.lead_organization_id
left join person p on p.id = c.assignee_id
left join meeting m on m.id = c.meeting_id`;

export const Q2 = `
select json_build_object('meetings', json_build_object('nodes', coalesce(json_agg(json_build_object(
         'id', m.id, 'title', m.title, 'startsAt', m.starts_at,
         'participations', (
           select coalesce(json_agg(json_build_object('role', pa.role, 'attendance', pa.attendance,
                    'person', json_build_object('id', p.id, 'fullName', p.full_name),
                    'organization', json_build_object('id', o.id, 'acronym', o.acronym))
                  order by pa.created_at, pa.id), '[]')
           from participation pa join person p on p.id = pa.person_id join organization o on o.id = pa.organization_id
           where pa.meeting_id = m.id),
         'commitments', json_build_object('nodes', (
           select coalesce(json_agg(json_build_object('id', c.id, 'reference', c.reference, 'title', c.title,
                    'status', c.status) order by ${COMMITMENT_ORDER('c')}), '[]')
           from (select * from commitment c where c.meeting_id = m.id order by ${COMMITMENT_ORDER('c')} limit 10) c))
       ) order by m.starts_at desc, m.id desc), '[]')))::text as data
from (select * from meeting m order by m.starts_at desc, m.id desc limit 20) m`;

/** CommitmentRow (and CommitmentDueDates) of the client's fragments, for the commitment aliased `c`. */
const commitmentRow = (c: string, extra: string) => `json_build_object(
  'id', ${c}.id, 'reference', ${c}.reference, 'title', ${c}.title, 'titleKm', ${c}.title_km, 'status', ${c}.status,
  'progress', ${c}.progress, 'dueDate', ${c}.due_date, 'isOverdue', ${overdue(c)}, 'priority', ${c}.priority,
  'version', ${c}.version, 'lastUpdateAt', ${c}.last_update_at,
  'leadOrganization', (select ${organizationLabel('o')} from organization o where o.id = ${c}.lead_organization_id),
  'assignee', (select ${personLabel('p')} from person p where p.id = ${c}.assignee_id),
  ${extra})`;

const dueDates = (c: string) =>
  `'originalDueDate', ${c}.original_due_date, 'slippedDays', ${c}.due_date - ${c}.original_due_date,
   'completionLevel', ${completionLevel(c)}`;

const dueDateChanges = (c: string) => `'dueDateChanges', (
  select coalesce(json_agg(json_build_object('id', d.id, 'from', d."from", 'to', d."to", 'reason', d.reason,
           'status', d.status, 'at', d.created_at, 'decidedAt', d.decided_at, 'decisionReason', d.decision_reason,
           'requestedBy', (select ${personLabel('p')} from person p where p.id = d.requested_by_id),
           'decidedBy', (select ${personLabel('p')} from person p where p.id = d.decided_by_id))
         order by d.created_at, d.id), '[]')
  from due_date_change d where d.commitment_id = ${c}.id)`;

/** A commitments connection: totalCount and the first `limit` nodes in due-date order. */
const commitmentPage = (where: string, limit: number, fields: string) => `json_build_object(
  'totalCount', (select count(*) from commitment c where ${where}),
  'nodes', (select coalesce(json_agg(${commitmentRow('c', fields)} order by ${COMMITMENT_ORDER('c')}), '[]')
            from (select * from commitment c where ${where} order by ${COMMITMENT_ORDER('c')} limit ${limit}) c))`;

/** Pairs (commitment, group key) and the groups' labels and sort keys, as in Prachum's commitmentStats. */
const GROUPINGS = {
  ORGANIZATION: {
    pairs: 'select f.id, f.lead_organization_id::text as key from f',
    labels: `select o.id::text as key, coalesce(o.name, o.acronym) as label, o.name_km as label_km, o.acronym as sort
             from organization o`,
  },
  PLAN_GOAL: {
    pairs: `select distinct f.id, po.goal_id::text as key from f
            join commitment_plan_objective cpo on cpo.commitment_id = f.id
            join plan_objective po on po.id = cpo.plan_objective_id`,
    labels: `select g.id::text as key, g.title as label, g.title_km as label_km,
             concat(p.period_start, p.id, lpad(g.position::text, 6, '0')) as sort
             from plan_goal g join plan p on p.id = g.plan_id`,
  },
  STATUS: {
    pairs: 'select f.id, f.status as key from f',
    labels: `select s.key, s.label, s.label_km, lpad(s.ord::text, 3, '0') as sort from (values ${STATUS_LABELS.map(
      ([key, label, km], i) => `('${key}', '${label}', '${km}', ${i + 1})`,
    ).join(', ')}) as s(key, label, label_km, ord)`,
  },
  GCM_OBJECTIVE: {
    pairs: 'select distinct f.id, n::text as key from f cross join unnest(f.gcm_objectives) as n',
    labels: `select o.number::text as key, o.title as label, o.title_km as label_km, lpad(o.number::text, 3, '0') as sort
             from gcm_objective o`,
  },
};

/** One commitmentStats list (StatsGroupFields) over the commitments `where`, grouped by `groupBy`. */
const stats = (groupBy: keyof typeof GROUPINGS, where: string) => {
  const { pairs, labels } = GROUPINGS[groupBy];
  const high = `f.status <> 'CANCELLED' and (f.status in ('COMPLETED', 'VERIFIED') or f.progress >= 50)`;
  return `(
    with f as (select c.id, c.status, c.progress, c.lead_organization_id, c.gcm_objectives, ${overdue('c')} as overdue
               from commitment c where ${where}),
         g as (${pairs}),
         l as (${labels}),
         s as (
           select g.key, l.label, l.label_km, l.sort, count(*)::int as total,
                  (count(*) filter (where f.overdue))::int as overdue,
                  round(coalesce(avg(f.progress), 0)::numeric, 1)::float8 as average_progress,
                  (count(*) filter (where ${high}))::int as high_completion,
                  array[${STATUSES.map((s) => `(count(*) filter (where f.status = '${s}'))::int`).join(', ')}] as counts
           from g join f on f.id = g.id left join l on l.key = g.key
           group by g.key, l.label, l.label_km, l.sort)
    select coalesce(json_agg(json_build_object('key', s.key, 'label', s.label, 'labelKm', s.label_km,
             'total', s.total, 'overdue', s.overdue, 'averageProgress', s.average_progress,
             'highCompletion', s.high_completion,
             'byStatus', (select json_agg(json_build_object('status', b.status, 'count', b.count) order by b.ord)
                          from unnest(array[${STATUSES.map((s) => `'${s}'`).join(', ')}], s.counts)
                               with ordinality as b(status, count, ord) where b.count > 0))
           order by s.sort nulls last, s.key), '[]')
    from s)`;
};

const meetingSummary = (m: string) => `json_build_object(
  'id', ${m}.id, 'title', ${m}.title, 'titleKm', ${m}.title_km, 'kind', ${m}.kind, 'status', ${m}.status,
  'startsAt', ${m}.starts_at, 'endsAt', ${m}.ends_at, 'location', ${m}.location, 'visibility', ${m}.visibility,
  'version', ${m}.version,
  'organizer', (select ${organizationLabel('o')} from organization o where o.id = ${m}.organizer_id))`;

/**
 * The client's Dashboard query for a secretariat viewer. Parameters: $1 organizationId (null for
 * staff), $2 from, $3 personId, $4 withAssigned, $5 staff. An alias skipped by @include is null.
 */
export const DASHBOARD = `
select json_build_object(
  'openCommitments', ${commitmentPage(
    `c.status in ${OPEN} and ($1::uuid is null or c.lead_organization_id = $1::uuid or exists (
       select 1 from commitment_supporter s where s.commitment_id = c.id and s.organization_id = $1::uuid))`,
    10,
    dueDates('c'),
  )},
  'assignedToMe', case when $4::boolean then ${commitmentPage(`c.status in ${OPEN} and c.assignee_id = $3::uuid`, 10, dueDates('c'))} end,
  'overdueByOrganization', ${stats('ORGANIZATION', overdue('c'))},
  'upcomingMeetings', json_build_object('nodes', (
    select coalesce(json_agg(${meetingSummary('m')} order by m.starts_at, m.id), '[]')
    from (select * from meeting m where m.starts_at >= $2::timestamptz and m.status = 'PLANNED'
          order by m.starts_at asc, m.id asc limit 5) m)),
  'byPlanGoal', ${stats('PLAN_GOAL', 'true')},
  'byGcmObjective', ${stats('GCM_OBJECTIVE', 'true')},
  'byStatus', ${stats('STATUS', 'true')},
  'dueDateRequests', case when $5::boolean then ${commitmentPage(
    `exists (select 1 from due_date_change r where r.commitment_id = c.id and r.status = 'REQUESTED')`,
    20,
    dueDateChanges('c'),
  )} end
)::text as data`;

/** The statements by query name, with how to turn the request's variables into parameters. */
export const STATEMENTS: Record<string, { text: string; params(variables: Record<string, unknown>): unknown[] }> = {
  Q1: { text: Q1, params: (v) => [v.first ?? 50] },
  Q2: { text: Q2, params: () => [] },
  Dashboard: {
    text: DASHBOARD,
    params: (v) => [v.organizationId ?? null, v.from, v.personId ?? null, v.withAssigned ?? false, v.staff ?? false],
  },
};
