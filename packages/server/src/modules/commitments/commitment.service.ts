import { LockMode, OptimisticLockError } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requireReader, requireStaff } from '../../auth/permissions.js';
import { VISIBILITIES, type Visibility } from '../../db/base.entity.js';
import { ConflictError, NotFoundError, Problems } from '../../errors.js';
import {
  needsTotalFirst,
  type Page,
  type PageArgs,
  pageWindow,
  settleWindow,
  toLazyPage,
  toPage,
} from '../../graphql/connection.js';
import { cleanText, requireEnglishOrKhmer } from '../../validation.js';
import { diff, recordAudit, snapshot } from '../audit/audit.service.js';
import { recordAppliedDueDate } from '../due-dates/due-date.service.js';
import { followUp } from '../notifications/follow-up.js';
import { DecisionSchema, MeetingSchema } from '../meetings/meeting.entity.js';
import { OrganizationSchema } from '../organizations/organization.entity.js';
import type { Scope } from '../organizations/organization.service.js';
import { PersonSchema } from '../people/person.entity.js';
import { GcmObjectiveSchema, PlanObjectiveSchema } from '../plans/plan.entity.js';
import {
  COMMITMENT_STATUSES,
  type Commitment,
  CommitmentPlanObjectiveSchema,
  CommitmentSchema,
  type CommitmentStatus,
  CommitmentSupporterSchema,
  PRIORITIES,
  type Priority,
  ProgressUpdateSchema,
} from './commitment.entity.js';
import {
  andSql,
  type CommitmentFilterValues,
  commitmentFilterSql,
  commitmentVisibilitySql,
  mapCommitments,
} from './commitment.sql.js';
import { OPEN_STATUSES } from '../committee/rules.js';

export type { Scope };

export type CommitmentOrderValue = {
  field: 'DUE_DATE' | 'REFERENCE' | 'PROGRESS' | 'UPDATED_AT';
  direction: 'ASC' | 'DESC';
};

/** ORDER BY for commitments aliased `alias`: the chosen field, then reference and id so pages are stable. */
export function commitmentOrderSql(order: CommitmentOrderValue | null | undefined, alias: string): string {
  const direction = order?.direction === 'DESC' ? 'desc' : 'asc';
  const column = { DUE_DATE: 'due_date', REFERENCE: 'reference', PROGRESS: 'progress', UPDATED_AT: 'updated_at' }[
    order?.field ?? 'DUE_DATE'
  ];
  return `${alias}.${column} ${direction} nulls last, ${alias}.reference ${direction}, ${alias}.id ${direction}`;
}

/** The viewer's visibility rule and the filter together, on the commitment aliased `alias`. */
export function commitmentWhere(scope: Scope, filter: CommitmentFilterValues | null | undefined, alias: string) {
  return andSql(
    commitmentVisibilitySql(scope.viewer, scope.config.publicRead, alias),
    commitmentFilterSql(filter, alias),
  );
}

/**
 * What a caller adds to the page's one statement: the to-one relations the query will ask for
 * (commitment.loaders.ts `commitmentRelationsSql` and `narrowCommitmentList`), only the columns it needs,
 * and the total when `totalCount` is asked for. `onRows` gets the raw rows before they are mapped,
 * `onMapped` each raw row with its commitment.
 */
export interface ListExtra {
  /** The page's columns instead of `c.*` (a narrow read); must hold the order's columns. */
  pageColumns?: string;
  columns?: string;
  joins?: string;
  params?: unknown[];
  /** Counts the whole list in the page's own statement (totalCount will be asked for). */
  withTotal?: boolean;
  onRows?(rows: Record<string, unknown>[]): void;
  onMapped?(rows: Record<string, unknown>[], commitments: Commitment[]): void;
}

/** One commitments page a request asks for. */
export interface CommitmentListRequest {
  filter: CommitmentFilterValues | null | undefined;
  order: CommitmentOrderValue | null | undefined;
  page: PageArgs;
  extra?: ListExtra;
}

/**
 * A page that one statement answers (all but `last` without `before`, which counts first): the statement,
 * its order on another alias, and how to finish the page from its rows.
 */
function plannedPage(scope: Scope, { filter, order, page, extra }: CommitmentListRequest) {
  const parts = pageParts(scope, { filter, order, page });
  if (!parts) return undefined;
  const { window, where, orderBy } = parts;
  // The total as an InitPlan of the page's statement (run once, not per row), when it will be asked for.
  const counted = extra?.withTotal ? commitmentWhere(scope, filter, 'cc') : undefined;
  const total = counted ? `, (select count(*) from commitment cc where ${counted.sql})::int as __total` : '';
  // One row more than the page says whether more follow.
  const pageSql = `select ${extra?.pageColumns ?? 'c.*'}${total} from commitment c where ${where.sql} order by ${orderBy} limit ? offset ?`;
  const pageParams = [...(counted?.params ?? []), ...where.params, window.limit + 1, window.offset];
  const count = async () =>
    Number(
      (
        await scope.em.execute<{ count: string }[]>(
          `select count(*) as count from commitment c where ${where.sql}`,
          where.params,
        )
      )[0].count,
    );
  return {
    // The page first, then its relations: joined before the limit, PostgreSQL would build them for every row.
    sql: extra?.columns
      ? `select c.*, ${extra.columns} from (${pageSql}) c ${extra.joins ?? ''} order by ${orderBy}`
      : pageSql,
    params: extra?.columns ? [...pageParams, ...(extra.params ?? [])] : pageParams,
    orderOn: (alias: string) => commitmentOrderSql(order, alias),
    finish(rows: Record<string, unknown>[]): Page<Commitment> {
      extra?.onRows?.(rows);
      const commitments = mapCommitments(scope.em, rows);
      extra?.onMapped?.(rows, commitments);
      // The total is counted only if asked for: in the page's own statement when the caller said it would
      // be, unless the page came back empty.
      const known = rows.length && counted ? Number(rows[0].__total) : undefined;
      return toLazyPage(commitments, window, known === undefined ? count : async () => known);
    },
  };
}

/** The window, condition and order of a page that one statement answers (undefined: `last` without `before`). */
function pageParts(scope: Scope, { filter, order, page }: Omit<CommitmentListRequest, 'extra'>) {
  const window = pageWindow(page);
  if (needsTotalFirst(window)) return undefined;
  return { window, where: commitmentWhere(scope, filter, 'c'), orderBy: commitmentOrderSql(order, 'c') };
}

/**
 * A commitments page for a statement of the caller's (graphql/sql-answers.ts): its rows (one more than the
 * window, which says whether more follow), the whole list's count, and the order on another alias.
 * Undefined for `last` without `before`, which counts first.
 */
export function commitmentPageSql(scope: Scope, request: Omit<CommitmentListRequest, 'extra'>) {
  requireReader(scope.viewer, scope.config.publicRead);
  const parts = pageParts(scope, request);
  if (!parts) return undefined;
  const { window, where, orderBy } = parts;
  return {
    window,
    rows: {
      sql: `select c.* from commitment c where ${where.sql} order by ${orderBy} limit ? offset ?`,
      params: [...where.params, window.limit + 1, window.offset],
    },
    count: { sql: `select count(*)::int from commitment c where ${where.sql}`, params: where.params },
    orderOn: (alias: string) => commitmentOrderSql(request.order, alias),
  };
}

export async function listCommitments(
  scope: Scope,
  filter: CommitmentFilterValues | null | undefined,
  order: CommitmentOrderValue | null | undefined,
  page: PageArgs,
  extra?: ListExtra,
): Promise<Page<Commitment>> {
  requireReader(scope.viewer, scope.config.publicRead);
  const planned = plannedPage(scope, { filter, order, page, extra });
  if (planned) return planned.finish(await scope.em.execute<Record<string, unknown>[]>(planned.sql, planned.params));
  // `last` without `before`: the total first, to find the window.
  const where = commitmentWhere(scope, filter, 'c');
  const [{ count }] = await scope.em.execute<{ count: string }[]>(
    `select count(*) as count from commitment c where ${where.sql}`,
    where.params,
  );
  const totalCount = Number(count);
  const window = settleWindow(pageWindow(page), totalCount);
  if (window.limit === 0) return toPage([], window, totalCount);
  const orderBy = commitmentOrderSql(order, 'c');
  const pageSql = `select ${extra?.pageColumns ?? 'c.*'} from commitment c where ${where.sql} order by ${orderBy} limit ? offset ?`;
  const rows = await scope.em.execute<Record<string, unknown>[]>(
    extra?.columns
      ? `select c.*, ${extra.columns} from (${pageSql}) c ${extra.joins ?? ''} order by ${orderBy}`
      : pageSql,
    [...where.params, window.limit, window.offset, ...(extra?.columns ? (extra.params ?? []) : [])],
  );
  extra?.onRows?.(rows);
  const commitments = mapCommitments(scope.em, rows);
  extra?.onMapped?.(rows, commitments);
  return toPage(commitments, window, totalCount);
}

/**
 * Several commitments pages of one request (the dashboard asks for three) in ONE statement: each page's
 * own statement as a `json_agg` column, in the page's order. A page that cannot be read in one statement
 * (`last` without `before`) has them all read one by one, as listCommitments does.
 */
export async function listCommitmentsMany(
  scope: Scope,
  requests: readonly CommitmentListRequest[],
): Promise<Page<Commitment>[]> {
  requireReader(scope.viewer, scope.config.publicRead);
  const planned = requests.map((request) => plannedPage(scope, request));
  if (requests.length < 2 || planned.some((page) => !page)) {
    return Promise.all(requests.map((r) => listCommitments(scope, r.filter, r.order, r.page, r.extra)));
  }
  const pages = planned.map((page) => page!);
  const [row] = await scope.em.execute<Record<string, Record<string, unknown>[]>[]>(
    `select ${pages
      .map(
        (page, i) =>
          `(select coalesce(json_agg(x order by ${page.orderOn('x')}), '[]'::json) from (${page.sql}) x) as p${i}`,
      )
      .join(', ')}`,
    pages.flatMap((page) => page.params),
  );
  return pages.map((page, i) => page.finish(row![`p${i}`] ?? []));
}

/** Commitments by id that the viewer may read (others are left out). */
export async function findVisibleCommitments(scope: Scope, ids: readonly string[]): Promise<Commitment[]> {
  if (ids.length === 0) return [];
  const visibility = commitmentVisibilitySql(scope.viewer, scope.config.publicRead, 'c');
  const rows = await scope.em.execute<Record<string, unknown>[]>(
    `select c.* from commitment c where c.id in (${ids.map(() => '?').join(', ')}) and ${visibility.sql}`,
    [...ids, ...visibility.params],
  );
  return mapCommitments(scope.em, rows);
}

// --- writing ---------------------------------------------------------------------------------

/** Fields recorded in the audit trail, including the linked id lists. */
export const AUDITED = [
  'reference',
  'title',
  'titleKm',
  'description',
  'descriptionKm',
  'meeting',
  'decision',
  'leadOrganization',
  'supportingOrganizations',
  'assignee',
  'dueDate',
  'priority',
  'status',
  'progress',
  'gcmObjectives',
  'planObjectives',
  'visibility',
  'statusReason',
];

export interface CommitmentLinks {
  supportingOrganizations: string[];
  planObjectives: string[];
}

/** A commitment's audited fields, with its supporting organisations and plan objectives. */
export function commitmentSnapshot(commitment: Commitment, links: CommitmentLinks): Record<string, unknown> {
  return {
    ...snapshot(commitment, AUDITED),
    supportingOrganizations: [...links.supportingOrganizations].sort(),
    planObjectives: [...links.planObjectives].sort(),
  };
}

export async function loadLinks(em: EntityManager, id: string): Promise<CommitmentLinks> {
  const [supporters, objectives] = await Promise.all([
    em.find(CommitmentSupporterSchema, { commitment: id }),
    em.find(CommitmentPlanObjectiveSchema, { commitment: id }),
  ]);
  return {
    supportingOrganizations: supporters.map((s) => s.organization),
    planObjectives: objectives.map((o) => o.planObjective),
  };
}

/**
 * Loads a commitment for a change, locking its row for the transaction, and checks the version
 * the client read. Stale: CONFLICT with the current version, before anything is written.
 */
export async function lockCommitment(em: EntityManager, id: string, version: number): Promise<Commitment> {
  const commitment = await em.findOne(CommitmentSchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!commitment) throw new NotFoundError('Commitment', id);
  if (commitment.version !== version) throw new ConflictError('Commitment', commitment.version);
  return commitment;
}

/** Runs a write transaction; an optimistic-lock failure at flush becomes CONFLICT with the version now stored. */
export async function writeTransaction<T>(
  scope: Scope,
  id: string | undefined,
  work: (em: EntityManager) => Promise<T>,
) {
  try {
    return await scope.em.transactional(work);
  } catch (error) {
    if (error instanceof OptimisticLockError && id) {
      const current = await scope.em.fork().findOne(CommitmentSchema, { id });
      throw new ConflictError('Commitment', current?.version ?? 0);
    }
    throw error;
  }
}

export interface CommitmentFields {
  title?: string | null;
  titleKm?: string | null;
  description?: string | null;
  descriptionKm?: string | null;
  leadOrganization?: string | null;
  supportingOrganizations?: string[] | null;
  assignee?: string | null;
  meeting?: string | null;
  decision?: string | null;
  dueDate?: string | null;
  priority?: Priority | null;
  gcmObjectives?: number[] | null;
  planObjectives?: string[] | null;
  visibility?: Visibility | null;
}

export interface CommitmentChange extends CommitmentFields {
  status?: CommitmentStatus | null;
  progress?: number | null;
  statusReason?: string | null;
  /** Why the due date changes (kept in its history). */
  dueDateReason?: string | null;
}

/** Checks one progress value: an integer from 0 to 100. */
export function checkProgress(problems: Problems, field: string, value: number | null | undefined): void {
  if (value === undefined || value === null) return;
  if (!Number.isInteger(value) || value < 0 || value > 100)
    problems.add(field, 'must be a whole number from 0 to 100', 'OUT_OF_RANGE', { min: 0, max: 100 });
}

async function existingIds(
  em: EntityManager,
  entity: typeof OrganizationSchema | typeof PersonSchema | typeof PlanObjectiveSchema,
  ids: string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = (await em.find(entity as typeof OrganizationSchema, { id: { $in: ids } })) as { id: string }[];
  return new Set(rows.map((r) => r.id));
}

/** Validates and normalises the fields of a create or update; `existing` is the commitment being changed. */
async function validateFields(
  em: EntityManager,
  problems: Problems,
  fields: CommitmentFields,
  existing?: Commitment,
): Promise<CommitmentFields> {
  const clean: CommitmentFields = {
    title: cleanText(problems, 'title', fields.title, 500),
    titleKm: cleanText(problems, 'titleKm', fields.titleKm, 500),
    description: cleanText(problems, 'description', fields.description, 10_000),
    descriptionKm: cleanText(problems, 'descriptionKm', fields.descriptionKm, 10_000),
    dueDate: fields.dueDate,
    assignee: fields.assignee,
    meeting: fields.meeting,
    decision: fields.decision,
  };
  requireEnglishOrKhmer(
    problems,
    'title',
    clean.title === undefined ? existing?.title : clean.title,
    clean.titleKm === undefined ? existing?.titleKm : clean.titleKm,
  );
  if (fields.priority === null) problems.add('priority', 'cannot be empty', 'REQUIRED');
  else if (fields.priority !== undefined && !PRIORITIES.includes(fields.priority))
    problems.add('priority', 'is unknown', 'INVALID_CHOICE');
  else clean.priority = fields.priority;
  if (fields.visibility === null) problems.add('visibility', 'cannot be empty', 'REQUIRED');
  else if (fields.visibility !== undefined && !VISIBILITIES.includes(fields.visibility))
    problems.add('visibility', 'is unknown', 'INVALID_CHOICE');
  else clean.visibility = fields.visibility;

  // Organisations and people.
  const lead = fields.leadOrganization === undefined ? existing?.leadOrganization : fields.leadOrganization;
  if (fields.leadOrganization === null || (!existing && !fields.leadOrganization))
    problems.add('leadOrganizationId', 'is required', 'REQUIRED');
  const supporters = fields.supportingOrganizations === null ? [] : fields.supportingOrganizations;
  const orgIds = [...new Set([...(fields.leadOrganization ? [fields.leadOrganization] : []), ...(supporters ?? [])])];
  const orgs = await existingIds(em, OrganizationSchema, orgIds);
  if (fields.leadOrganization && !orgs.has(fields.leadOrganization))
    problems.add('leadOrganizationId', 'no such organisation', 'NOT_FOUND_REFERENCE');
  clean.leadOrganization = fields.leadOrganization ?? undefined;
  if (supporters) {
    const unique = [...new Set(supporters)];
    if (unique.some((id) => !orgs.has(id)))
      problems.add('supportingOrganizationIds', 'no such organisation', 'NOT_FOUND_REFERENCE');
    if (lead && unique.includes(lead))
      problems.add('supportingOrganizationIds', 'cannot include the lead organisation', 'INVALID_COMBINATION');
    clean.supportingOrganizations = unique;
  }
  if (fields.assignee && !(await existingIds(em, PersonSchema, [fields.assignee])).has(fields.assignee))
    problems.add('assigneeId', 'no such person', 'NOT_FOUND_REFERENCE');

  // Origin: the decision must belong to the meeting; without a meeting, take the decision's.
  if (fields.meeting && !(await em.findOne(MeetingSchema, { id: fields.meeting })))
    problems.add('meetingId', 'no such meeting', 'NOT_FOUND_REFERENCE');
  if (fields.decision) {
    const decision = await em.findOne(DecisionSchema, { id: fields.decision });
    const meeting = fields.meeting === undefined ? (existing?.meeting ?? undefined) : fields.meeting;
    if (!decision) problems.add('decisionId', 'no such decision', 'NOT_FOUND_REFERENCE');
    else if (meeting && decision.meeting !== meeting)
      problems.add('decisionId', 'belongs to another meeting', 'INVALID_COMBINATION');
    else if (!meeting) clean.meeting = decision.meeting;
  } else if (fields.meeting !== undefined && existing?.decision && fields.decision === undefined) {
    // Moving to another meeting detaches a decision of the old one.
    const decision = await em.findOne(DecisionSchema, { id: existing.decision });
    if (decision && decision.meeting !== fields.meeting) clean.decision = null;
  }

  if (fields.gcmObjectives === null) clean.gcmObjectives = [];
  else if (fields.gcmObjectives) {
    const numbers = [...new Set(fields.gcmObjectives)].sort((a, b) => a - b);
    const known = await em.find(GcmObjectiveSchema, { number: { $in: numbers } });
    if (numbers.some((n) => !Number.isInteger(n) || n < 1 || n > 23) || known.length !== numbers.length)
      problems.add('gcmObjectives', 'GCM objectives are numbered 1 to 23', 'OUT_OF_RANGE', { min: 1, max: 23 });
    clean.gcmObjectives = numbers;
  }
  if (fields.planObjectives === null) clean.planObjectives = [];
  else if (fields.planObjectives) {
    const unique = [...new Set(fields.planObjectives)];
    const known = await existingIds(em, PlanObjectiveSchema, unique);
    if (unique.some((id) => !known.has(id)))
      problems.add('planObjectiveIds', 'no such plan objective', 'NOT_FOUND_REFERENCE');
    clean.planObjectives = unique;
  }
  await checkVisibilityFitsMeeting(em, problems, clean, existing);
  return clean;
}

const VISIBILITY_RANK: Record<Visibility, number> = { INTERNAL: 0, PARTNERS: 1, PUBLIC: 2 };

/**
 * A commitment is read no further than its meeting (auth/permissions.ts `parentVisibility`): one more
 * visible than its meeting would silently mean nobody more, so it is refused on `visibility`.
 */
async function checkVisibilityFitsMeeting(
  em: EntityManager,
  problems: Problems,
  clean: CommitmentFields,
  existing?: Commitment,
): Promise<void> {
  // Only a change of visibility or meeting is checked: older data is left to whoever next changes either.
  if (existing && clean.visibility === undefined && clean.meeting === undefined) return;
  const meetingId = clean.meeting === undefined ? existing?.meeting : clean.meeting;
  const visibility: Visibility = clean.visibility ?? existing?.visibility ?? 'INTERNAL';
  if (!meetingId || visibility === 'INTERNAL') return;
  const meeting = await em.findOne(MeetingSchema, { id: meetingId });
  if (!meeting || VISIBILITY_RANK[visibility] <= VISIBILITY_RANK[meeting.visibility as Visibility]) return;
  problems.add(
    clean.visibility === undefined ? 'meetingId' : 'visibility',
    `cannot be ${visibility}: its meeting is ${meeting.visibility}, so nobody beyond ${meeting.visibility} would see it; make the meeting more visible first`,
    'VISIBILITY_ABOVE_MEETING',
    { visibility, meetingVisibility: meeting.visibility },
  );
}

/** Next reference for a meeting (organiser acronym and meeting date) or, without one, the lead and today. */
async function nextReference(em: EntityManager, meeting: string | null | undefined, lead: string): Promise<string> {
  const [origin] = meeting
    ? await em.execute<{ acronym: string; day: string }[]>(
        `select o.acronym, to_char((m.starts_at at time zone 'Asia/Phnom_Penh')::date, 'YYYY-MM-DD') as day
           from meeting m join organization o on o.id = m.organizer_id where m.id = ?`,
        [meeting],
      )
    : await em.execute<{ acronym: string; day: string }[]>(
        `select o.acronym, to_char((now() at time zone 'Asia/Phnom_Penh')::date, 'YYYY-MM-DD') as day
           from organization o where o.id = ?`,
        [lead],
      );
  const prefix = `${origin.acronym.toUpperCase()}-${origin.day}-C`;
  // Serialises numbering per prefix until this transaction ends.
  await em.execute('select pg_advisory_xact_lock(hashtext(?))', [prefix]);
  const [{ n }] = await em.execute<{ n: number }[]>(
    `select coalesce(max(substring(reference from ?)::int), 0)::int as n from commitment where starts_with(reference, ?)`,
    [`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\d+)$`, prefix],
  );
  return `${prefix}${Number(n) + 1}`;
}

async function replaceLinks(em: EntityManager, id: string, before: CommitmentLinks, clean: CommitmentFields) {
  const links = { ...before };
  if (clean.supportingOrganizations) {
    await em.nativeDelete(CommitmentSupporterSchema, { commitment: id });
    for (const organization of clean.supportingOrganizations)
      em.create(CommitmentSupporterSchema, { commitment: id, organization });
    links.supportingOrganizations = clean.supportingOrganizations;
  }
  if (clean.planObjectives) {
    await em.nativeDelete(CommitmentPlanObjectiveSchema, { commitment: id });
    for (const planObjective of clean.planObjectives)
      em.create(CommitmentPlanObjectiveSchema, { commitment: id, planObjective });
    links.planObjectives = clean.planObjectives;
  }
  return links;
}

export async function createCommitment(scope: Scope, fields: CommitmentFields): Promise<Commitment> {
  requireStaff(scope.viewer, 'record commitments');
  return writeTransaction(scope, undefined, async (em) => {
    const problems = new Problems();
    const clean = await validateFields(em, problems, fields);
    problems.throwIfAny();
    const reference = await nextReference(em, clean.meeting, clean.leadOrganization!);
    const commitment = em.create(CommitmentSchema, {
      reference,
      title: clean.title ?? null,
      titleKm: clean.titleKm ?? null,
      description: clean.description ?? null,
      descriptionKm: clean.descriptionKm ?? null,
      meeting: clean.meeting ?? null,
      decision: clean.decision ?? null,
      leadOrganization: clean.leadOrganization!,
      assignee: clean.assignee ?? null,
      dueDate: clean.dueDate ?? null,
      originalDueDate: clean.dueDate ?? null,
      priority: clean.priority ?? 'MEDIUM',
      gcmObjectives: clean.gcmObjectives ?? [],
      visibility: clean.visibility ?? 'INTERNAL',
      createdBy: scope.viewer.personId ?? null,
    });
    const links = await replaceLinks(em, commitment.id, { supportingOrganizations: [], planObjectives: [] }, clean);
    const event = recordAudit(em, scope.viewer, {
      entityType: 'Commitment',
      entityId: commitment.id,
      operation: 'create',
      changes: diff(null, commitmentSnapshot(commitment, links), AUDITED),
    });
    if (commitment.assignee) {
      const actor = scope.viewer.personId ?? null;
      await followUp(em, {
        id: event,
        kind: 'ASSIGNED',
        commitment: commitment.id,
        assignee: commitment.assignee,
        actor,
      });
    }
    return commitment;
  });
}

/** Records an append-only ProgressUpdate for a status or progress change and stamps lastUpdateAt. */
export function recordProgress(
  em: EntityManager,
  scope: Scope,
  commitment: Commitment,
  before: { status: CommitmentStatus; progress: number },
  note: { note?: string | null; noteKm?: string | null },
) {
  const now = new Date();
  commitment.lastUpdateAt = now;
  return em.create(ProgressUpdateSchema, {
    commitment: commitment.id,
    author: scope.viewer.personId ?? null,
    statusBefore: before.status,
    status: commitment.status,
    progressBefore: before.progress,
    progress: commitment.progress,
    note: note.note ?? null,
    noteKm: note.noteKm ?? null,
    createdBy: scope.viewer.personId ?? null,
    createdAt: now,
    updatedAt: now,
  });
}

export async function updateCommitment(
  scope: Scope,
  id: string,
  version: number,
  change: CommitmentChange,
): Promise<Commitment> {
  requireStaff(scope.viewer, 'change commitments');
  return writeTransaction(scope, id, async (em) => {
    const commitment = await lockCommitment(em, id, version);
    const problems = new Problems();
    const clean = await validateFields(em, problems, change, commitment);
    checkProgress(problems, 'progress', change.progress);
    if (change.progress === null) problems.add('progress', 'cannot be empty', 'REQUIRED');
    const statusReason = cleanText(problems, 'statusReason', change.statusReason, 2000);
    const dueDateReason = cleanText(problems, 'dueDateReason', change.dueDateReason, 2000);
    const status = change.status ?? undefined;
    if (change.status === null) problems.add('status', 'cannot be empty', 'REQUIRED');
    if (status && !COMMITMENT_STATUSES.includes(status)) problems.add('status', 'is unknown', 'INVALID_CHOICE');
    const closed = commitment.status === 'VERIFIED' || commitment.status === 'CANCELLED';
    if (closed && !(status && OPEN_STATUSES.includes(status))) {
      problems.add(
        'status',
        `the commitment is ${commitment.status}; re-open it (NOT_STARTED, IN_PROGRESS or AT_RISK) to change it`,
        'INVALID_STATE',
        { status: commitment.status },
      );
    } else if (status && status !== commitment.status) {
      if (status === 'VERIFIED')
        problems.add('status', 'only a COMPLETED commitment can be verified, with verifyCommitment', 'INVALID_STATE', {
          status: commitment.status,
        });
      if (status === 'COMPLETED')
        problems.add('status', 'report completion with addProgressUpdate, giving evidence', 'EVIDENCE_REQUIRED');
      if (status === 'CANCELLED' && !statusReason)
        problems.add('statusReason', 'give the reason for cancelling', 'REQUIRED');
    }
    if (!closed && commitment.status === 'COMPLETED' && status && status !== 'COMPLETED' && status !== 'CANCELLED') {
      problems.add('status', 'a COMPLETED commitment is verified or returned with verifyCommitment', 'INVALID_STATE', {
        status: commitment.status,
      });
    }
    problems.throwIfAny();

    const linksBefore = await loadLinks(em, id);
    // A supporter that becomes the lead stops being a supporter.
    const newLead = clean.leadOrganization;
    if (newLead && !clean.supportingOrganizations && linksBefore.supportingOrganizations.includes(newLead))
      clean.supportingOrganizations = linksBefore.supportingOrganizations.filter((org) => org !== newLead);
    const before = commitmentSnapshot(commitment, linksBefore);
    const progressBefore = { status: commitment.status, progress: commitment.progress };
    const dueDateBefore = commitment.dueDate ?? null;
    const assign = commitment as Record<string, unknown>;
    for (const key of [
      'title',
      'titleKm',
      'description',
      'descriptionKm',
      'leadOrganization',
      'assignee',
      'meeting',
      'decision',
      'dueDate',
      'priority',
      'gcmObjectives',
      'visibility',
    ] as const) {
      if (clean[key] !== undefined) assign[key] = clean[key];
    }
    if (status) commitment.status = status;
    if (change.progress != null) commitment.progress = change.progress;
    if (statusReason !== undefined) commitment.statusReason = statusReason;
    const links = await replaceLinks(em, id, linksBefore, clean);
    const changes = diff(before, commitmentSnapshot(commitment, links), AUDITED);
    if (changes.status || changes.progress) {
      recordProgress(em, scope, commitment, progressBefore, { note: statusReason });
    }
    if (changes.dueDate) recordAppliedDueDate(em, scope, commitment, dueDateBefore, dueDateReason);
    if (Object.keys(changes).length > 0) {
      // Link changes alone do not touch the row; bump it so the version moves on.
      if (!changes.status && !changes.progress && (changes.supportingOrganizations || changes.planObjectives))
        commitment.updatedAt = new Date();
      const event = recordAudit(em, scope.viewer, {
        entityType: 'Commitment',
        entityId: id,
        operation: 'update',
        changes,
      });
      const actor = scope.viewer.personId ?? null;
      if (changes.assignee && commitment.assignee)
        await followUp(em, { id: event, kind: 'ASSIGNED', commitment: id, assignee: commitment.assignee, actor });
      if (changes.status)
        await followUp(em, { id: event, kind: 'STATUS_CHANGED', commitment: id, actor, reason: statusReason });
    }
    return commitment;
  });
}
