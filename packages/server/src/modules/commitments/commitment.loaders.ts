import type { Page, PageArgs, Window } from '../../graphql/connection.js';
import { pageWindow, settleWindow, toPage } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import type { EntityName } from '@mikro-orm/core';
import { jsonOf, narrowColumns, type ResolverProps } from '../../db/narrow.js';
import { plainMapper } from '../../db/plain.js';
import type { Selection } from '../../graphql/selection.js';
import { type Meeting, MeetingSchema } from '../meetings/meeting.entity.js';
import { meetingVisibilityWhere } from '../meetings/meeting.service.js';
import { type Organization, OrganizationSchema } from '../organizations/organization.entity.js';
import { type Person, PersonSchema } from '../people/person.entity.js';
import { type PlanObjective, PlanObjectiveSchema } from '../plans/plan.entity.js';
import {
  type Commitment,
  CommitmentSchema,
  type Evidence,
  EvidenceSchema,
  type ProgressUpdate,
  ProgressUpdateSchema,
} from './commitment.entity.js';
import {
  type CommitmentListRequest,
  commitmentOrderSql,
  commitmentWhere,
  findVisibleCommitments,
  type ListExtra,
  listCommitmentsMany,
} from './commitment.service.js';
import { type CommitmentFilterValues, mapCommitments, type SqlPart } from './commitment.sql.js';

/** Which rows of a per-parent numbered list (`__pos` from 0, `__total`) a window keeps, plus row 0 for the total. */
function windowSql(window: Window): SqlPart {
  if (window.last !== undefined && window.beforeOffset === undefined) {
    const start = window.afterOffset === undefined ? 0 : window.afterOffset + 1;
    return { sql: '(__pos >= greatest(?::int, __total - ?::int) or __pos = 0)', params: [start, window.last] };
  }
  return { sql: '((__pos >= ? and __pos < ?) or __pos = 0)', params: [window.offset, window.offset + window.limit] };
}

/**
 * One page per parent, in ONE query for all parents of a batch: rows are numbered per parent with
 * `row_number() over (partition by parent)` and counted with `count(*) over (...)`.
 * `source` must select the row columns plus `__parent`, `__pos` (from 0) and `__total`.
 */
async function pagesPerParent<T>(
  ctx: Context,
  parents: readonly string[],
  page: PageArgs,
  source: (parentValues: SqlPart) => SqlPart,
  map: (rows: Record<string, unknown>[]) => T[],
): Promise<Page<T>[]> {
  const window = pageWindow(page);
  const values: SqlPart = { sql: parents.map(() => '(?::uuid)').join(', '), params: [...parents] };
  const inner = source(values);
  const keep = windowSql(window);
  const rows = await ctx.em.execute<Record<string, unknown>[]>(
    `select * from (${inner.sql}) numbered where ${keep.sql} order by __parent, __pos`,
    [...inner.params, ...keep.params],
  );
  const byParent = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const key = String(row.__parent);
    if (!byParent.has(key)) byParent.set(key, []);
    byParent.get(key)!.push(row);
  }
  return parents.map((parent) => {
    const list = byParent.get(parent) ?? [];
    const total = list.length ? Number(list[0].__total) : 0;
    const settled = settleWindow(window, total);
    const inWindow = list.filter((row) => {
      const pos = Number(row.__pos);
      return pos >= settled.offset && pos < settled.offset + settled.limit;
    });
    return toPage(map(inWindow), settled, total);
  });
}

export type CommitmentParent = 'organization' | 'meeting' | 'planObjective';

/** Visible commitments of many organisations (lead or supporting) or meetings, one page each, in one query. */
export function commitmentsOfParentLoader(
  ctx: Context,
  parent: CommitmentParent,
  page: PageArgs,
  filter: CommitmentFilterValues | null | undefined,
  /** Only these columns (narrowNestedColumns), or every column. */
  columns?: readonly string[],
) {
  const name = `commitments:of:${parent}:${JSON.stringify({ page, filter, columns })}`;
  const select = columns ? columns.map((column) => `c."${column}"`).join(', ') : 'c.*';
  return ctx.loaders.custom<string, Page<Commitment>>(name, (parents) => {
    const where = commitmentWhere(ctx, filter, 'c');
    const join =
      parent === 'meeting'
        ? 'c.meeting_id = p.id'
        : parent === 'planObjective'
          ? 'exists (select 1 from commitment_plan_objective pp where pp.commitment_id = c.id and pp.plan_objective_id = p.id)'
          : `(c.lead_organization_id = p.id or exists (select 1 from commitment_supporter ps where ps.commitment_id = c.id and ps.organization_id = p.id))`;
    return pagesPerParent(
      ctx,
      parents,
      page,
      (values) => ({
        sql: `select ${select}, p.id as __parent,
                     (row_number() over (partition by p.id order by ${commitmentOrderSql(null, 'c')}) - 1)::int as __pos,
                     (count(*) over (partition by p.id))::int as __total
              from (values ${values.sql}) as p(id) join commitment c on ${join}
              where ${where.sql}`,
        params: [...values.params, ...where.params],
      }),
      (rows) => mapCommitments(ctx.em, rows),
    );
  });
}

/** Progress updates of many commitments, newest first, one page each, in one query (authors primed). */
export function updatesOfCommitmentLoader(ctx: Context, page: PageArgs) {
  return ctx.loaders.custom<string, Page<ProgressUpdate>>(`commitment:updates:${JSON.stringify(page)}`, (parents) =>
    pagesPerParent(
      ctx,
      parents,
      page,
      (values) => ({
        sql: `select u.*, u.commitment_id as __parent, to_jsonb(ap) as __person, to_jsonb(ao) as __organization,
                     (row_number() over (partition by u.commitment_id order by u.created_at desc, u.id desc) - 1)::int as __pos,
                     (count(*) over (partition by u.commitment_id))::int as __total
              from progress_update u
              left join person ap on ap.id = u.author_id left join organization ao on ao.id = ap.organization_id
              where u.commitment_id in (select id from (values ${values.sql}) as p(id))`,
        params: values.params,
      }),
      (rows) =>
        rows.map((row) => {
          primePerson(ctx, row);
          return plainMapper(ctx.em, ProgressUpdateSchema)(row);
        }),
    ),
  );
}

/** The root commitments lists of a request (the dashboard asks for three), in one statement. */
export function commitmentListsLoader(ctx: Context) {
  return ctx.loaders.custom<CommitmentListRequest, Page<Commitment>>('commitment:lists', (requests) =>
    listCommitmentsMany(ctx, requests),
  );
}

/** Visible commitments by id (null when missing or hidden), batched. */
export function visibleCommitmentLoader(ctx: Context) {
  return ctx.loaders.custom<string, Commitment | null>('commitment:visible', async (ids) => {
    const rows = await findVisibleCommitments(ctx, ids);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Visible commitments of many decisions, by reference, in one query. */
export function commitmentsOfDecisionLoader(ctx: Context) {
  return ctx.loaders.custom<string, Commitment[]>('commitments:of:decision', async (decisions) => {
    const where = commitmentWhere(ctx, null, 'c');
    const rows = await ctx.em.execute<Record<string, unknown>[]>(
      `select c.* from commitment c where c.decision_id in (${decisions.map(() => '?').join(', ')}) and ${where.sql}
       order by c.reference`,
      [...decisions, ...where.params],
    );
    const commitments = mapCommitments(ctx.em, rows);
    return decisions.map((decision) => commitments.filter((c) => c.decision === decision));
  });
}

/** The supporting organisations of many commitments, by acronym, in one query. */
export function supportersLoader(ctx: Context) {
  return ctx.loaders.custom<string, Organization[]>('commitment:supporters', async (ids) => {
    const rows = await ctx.em.execute<Record<string, unknown>[]>(
      `select o.*, s.commitment_id as __parent from commitment_supporter s join organization o on o.id = s.organization_id
       where s.commitment_id in (${ids.map(() => '?').join(', ')}) order by o.acronym`,
      [...ids],
    );
    return groupMapped(ids, rows, plainMapper(ctx.em, OrganizationSchema));
  });
}

/** The plan objectives of many commitments, by code, in one query. */
export function planObjectivesLoader(ctx: Context) {
  return ctx.loaders.custom<string, PlanObjective[]>('commitment:planObjectives', async (ids) => {
    const rows = await ctx.em.execute<Record<string, unknown>[]>(
      `select po.*, l.commitment_id as __parent from commitment_plan_objective l
       join plan_objective po on po.id = l.plan_objective_id
       where l.commitment_id in (${ids.map(() => '?').join(', ')}) order by po.code, po.id`,
      [...ids],
    );
    return groupMapped(ids, rows, plainMapper(ctx.em, PlanObjectiveSchema));
  });
}

/** Every piece of evidence of many commitments (oldest first), in one query; progress updates filter theirs. */
export function evidenceLoader(ctx: Context) {
  return ctx.loaders.childrenOf(EvidenceSchema, 'commitment', { createdAt: 'asc', id: 'asc' }) as unknown as {
    load(id: string): Promise<Evidence[]>;
  };
}

/**
 * The meetings of commitments, when the viewer may read them (else null), in one query; their
 * organisers are loaded in the same query and primed, so `meeting { organizer }` costs nothing more.
 */
export function visibleMeetingLoader(ctx: Context) {
  return ctx.loaders.custom<string, Meeting | null>('commitment:meeting', async (ids) => {
    const visible = meetingVisibilityWhere(ctx.viewer, ctx.config.publicRead, 'm');
    const rows = await ctx.em.execute<Record<string, unknown>[]>(
      `select m.*, to_jsonb(o) as __organization from meeting m join organization o on o.id = m.organizer_id
       where m.id in (${ids.map(() => '?').join(', ')}) and ${visible?.sql ?? 'true'}`,
      [...ids, ...(visible?.params ?? [])],
    );
    const byId = new Map<string, Meeting>();
    for (const row of rows) {
      primeOrganization(ctx, row.__organization);
      const meeting = plainMapper(ctx.em, MeetingSchema)(row);
      ctx.loaders.byId(MeetingSchema).prime(meeting.id, meeting);
      byId.set(meeting.id, meeting);
    }
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** People by id with their organisations, in one query; both are primed for later fields. */
export function personWithOrganizationLoader(ctx: Context) {
  return ctx.loaders.custom<string, Person | null>('commitment:person', async (ids) => {
    const rows = await ctx.em.execute<Record<string, unknown>[]>(
      `select to_jsonb(p) as __person, to_jsonb(o) as __organization
       from person p left join organization o on o.id = p.organization_id where p.id in (${ids.map(() => '?').join(', ')})`,
      [...ids],
    );
    const byId = new Map<string, Person>();
    for (const row of rows) {
      const person = primePerson(ctx, row);
      if (person) byId.set(person.id, person);
    }
    return ids.map((id) => byId.get(id) ?? null);
  });
}

function primeOrganization(ctx: Context, json: unknown): Organization | undefined {
  if (!json) return undefined;
  const organization = plainMapper(ctx.em, OrganizationSchema)(json as Record<string, unknown>);
  ctx.loaders.byId(OrganizationSchema).prime(organization.id, organization);
  return organization;
}

/** Maps `__person` (and `__organization`) of a row and primes the shared byId loaders with them. */
function primePerson(ctx: Context, row: Record<string, unknown>): Person | undefined {
  if (!row.__person) return undefined;
  primeOrganization(ctx, row.__organization);
  const person = plainMapper(ctx.em, PersonSchema)(row.__person as Record<string, unknown>);
  ctx.loaders.byId(PersonSchema).prime(person.id, person);
  return person;
}

function groupMapped<T>(
  ids: readonly string[],
  rows: Record<string, unknown>[],
  map: (data: Record<string, unknown>) => T,
): T[][] {
  const groups = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) {
    const data = Object.fromEntries(Object.entries(row).filter(([key]) => !key.startsWith('__')));
    groups.get(String(row.__parent))?.push(map(data));
  }
  return ids.map((id) => groups.get(id) ?? []);
}

/**
 * The to-one relations of a commitments page, in the page's own statement (Q1 of the peers benchmark):
 * columns and joins for those of `fields` the query selects (`leadOrganization`, `assignee`, `meeting`,
 * `decision`), and a function that primes the loaders those fields read with what came back. The meeting
 * is joined under the same visibility rule as visibleMeetingLoader; a meeting the viewer may not see
 * primes null, exactly as that loader answers. Undefined when none of them is selected.
 */
export function commitmentRelationsSql(ctx: Context, fields: Set<string>) {
  const lead = fields.has('leadOrganization');
  const assignee = fields.has('assignee');
  const meeting = fields.has('meeting') || fields.has('decision');
  if (!lead && !assignee && !meeting) return undefined;
  const columns: string[] = [];
  const joins: string[] = [];
  const params: unknown[] = [];
  if (lead) {
    columns.push('to_jsonb(rl) as __lead');
    joins.push('left join organization rl on rl.id = c.lead_organization_id');
  }
  if (assignee) {
    columns.push('to_jsonb(ra) as __assignee', 'to_jsonb(rao) as __assignee_org');
    joins.push(
      'left join person ra on ra.id = c.assignee_id left join organization rao on rao.id = ra.organization_id',
    );
  }
  if (meeting) {
    const visible = meetingVisibilityWhere(ctx.viewer, ctx.config.publicRead, 'rm');
    columns.push('to_jsonb(rm) as __meeting', 'to_jsonb(rmo) as __meeting_org');
    joins.push(
      `left join (meeting rm join organization rmo on rmo.id = rm.organizer_id)
         on rm.id = c.meeting_id and ${visible?.sql ?? 'true'}`,
    );
    params.push(...(visible?.params ?? []));
  }
  return {
    columns: columns.join(', '),
    joins: joins.join(' '),
    params,
    onRows(rows: Record<string, unknown>[]) {
      for (const row of rows) {
        if (lead) primeOrganization(ctx, row.__lead);
        if (assignee && row.assignee_id) {
          const person = primePerson(ctx, { __person: row.__assignee, __organization: row.__assignee_org });
          personWithOrganizationLoader(ctx).prime(String(row.assignee_id), person ?? null);
        }
        if (meeting && row.meeting_id) {
          let seen: Meeting | null = null;
          if (row.__meeting) {
            primeOrganization(ctx, row.__meeting_org);
            seen = plainMapper(ctx.em, MeetingSchema)(row.__meeting as Record<string, unknown>);
            ctx.loaders.byId(MeetingSchema).prime(seen.id, seen);
          }
          visibleMeetingLoader(ctx).prime(String(row.meeting_id), seen);
        }
      }
    },
  };
}

/** The to-one relations a narrow commitments page read with each commitment (absent: not read). */
export interface NearRelations {
  lead?: Organization;
  assignee?: Person | null;
  meeting?: Meeting | null;
}
const NEAR = Symbol('relations read with the page');

/** What a narrow page read with this commitment, for its resolvers only (never primed into shared loaders). */
export function nearOf(commitment: Commitment): NearRelations | undefined {
  return (commitment as Commitment & { [NEAR]?: NearRelations })[NEAR];
}

/** The properties each field resolver of Commitment reads (commitment.resolver.ts, due-date.resolver.ts). */
const COMMITMENT_RESOLVED: ResolverProps = {
  id: ['id'],
  leadOrganization: ['leadOrganization'],
  assignee: ['assignee'],
  meeting: ['meeting'],
  isOverdue: ['dueDate', 'status'],
  slippedDays: ['dueDate', 'originalDueDate'],
  completionLevel: ['status', 'progress'],
};
/**
 * The columns a nested commitments page needs for `selection` (its items), or undefined for every column.
 * Relations are answered by their loaders from the foreign keys, as before.
 */
export function narrowNestedColumns(ctx: Context, selection: Selection): readonly string[] | undefined {
  return narrowColumns(ctx.em, CommitmentSchema, 'Commitment', selection, COMMITMENT_RESOLVED);
}

/** Organization, Person and Meeting resolve `id` from the id column (toGlobalId). */
const ID_ONLY: ResolverProps = { id: ['id'] };
/** Every column commitmentOrderSql may order by. */
const ORDER_COLUMNS = ['id', 'reference', 'due_date', 'progress', 'updated_at'];

/**
 * A narrow commitments page (Q1 of the peers benchmark): when every selected field of the items, and of
 * their lead organisation, assignee and meeting, is a plain column (or a resolver listed above), the page
 * reads only those columns, and the relations as small JSON objects in the same statement. The relations
 * are attached to their commitment (`nearOf`) and answered from there, synchronously, by the resolvers of
 * this very selection; nothing is primed into the request's shared loaders, which keep whole rows. The
 * meeting is joined under the same rule as visibleMeetingLoader: a hidden meeting reads as null.
 * Undefined when the selection needs more: the caller then reads whole rows (commitmentRelationsSql).
 */
export function narrowCommitmentList(ctx: Context, selection: Selection): ListExtra | undefined {
  const own = narrowColumns(ctx.em, CommitmentSchema, 'Commitment', selection, COMMITMENT_RESOLVED);
  if (!own) return undefined;
  const related = <T extends object>(field: string, entity: EntityName<T>, typeName: string) => {
    const below = selection.get(field);
    return below ? narrowColumns(ctx.em, entity, typeName, below, ID_ONLY) : null;
  };
  const lead = related('leadOrganization', OrganizationSchema, 'Organization');
  const assignee = related('assignee', PersonSchema, 'Person');
  const meeting = related('meeting', MeetingSchema, 'Meeting');
  if (lead === undefined || assignee === undefined || meeting === undefined) return undefined;
  const object = (alias: string, columns: readonly string[]) =>
    `case when ${alias}.id is null then null else ${jsonOf(alias, columns)} end`;
  const columns: string[] = [];
  const joins: string[] = [];
  const params: unknown[] = [];
  if (lead) {
    columns.push(`${object('rl', lead)} as __lead`);
    joins.push('left join organization rl on rl.id = c.lead_organization_id');
  }
  if (assignee) {
    columns.push(`${object('ra', assignee)} as __assignee`);
    joins.push('left join person ra on ra.id = c.assignee_id');
  }
  if (meeting) {
    const visible = meetingVisibilityWhere(ctx.viewer, ctx.config.publicRead, 'rm');
    columns.push(`${object('rm', meeting)} as __meeting`);
    joins.push(`left join meeting rm on rm.id = c.meeting_id and ${visible?.sql ?? 'true'}`);
    params.push(...(visible?.params ?? []));
  }
  const pageColumns = [...new Set([...ORDER_COLUMNS, ...own])].map((column) => `c."${column}"`).join(', ');
  if (!columns.length) return { pageColumns };
  const toOrganization = plainMapper(ctx.em, OrganizationSchema);
  const toPerson = plainMapper(ctx.em, PersonSchema);
  const toMeeting = plainMapper(ctx.em, MeetingSchema);
  return {
    pageColumns,
    columns: columns.join(', '),
    joins: joins.join(' '),
    params,
    onMapped(rows, commitments) {
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        const near: NearRelations = {};
        if (lead) near.lead = toOrganization(row.__lead as Record<string, unknown>);
        if (assignee) near.assignee = row.__assignee ? toPerson(row.__assignee as Record<string, unknown>) : null;
        if (meeting) near.meeting = row.__meeting ? toMeeting(row.__meeting as Record<string, unknown>) : null;
        (commitments[i] as Commitment & { [NEAR]?: NearRelations })[NEAR] = near;
      }
    },
  };
}
