import { requireReader, requireStaff } from '../../auth/permissions.js';
import { NotFoundError, Problems } from '../../errors.js';
import type { Page, PageArgs } from '../../graphql/connection.js';
import { queryBuilderPage } from '../../graphql/list-page.js';
import { cleanText, requireEnglishOrKhmer } from '../../validation.js';
import { diff, recordAudit, snapshot } from '../audit/audit.service.js';
import type { Scope } from '../organizations/organization.service.js';
import {
  type GcmObjective,
  GcmObjectiveSchema,
  type Plan,
  type PlanGoal,
  PlanGoalSchema,
  type PlanObjective,
  PlanObjectiveSchema,
  PlanSchema,
} from './plan.entity.js';
import { GCM_OBJECTIVE_COUNT, isGcmObjectiveNumber } from '../committee/rules.js';
const PLAN_FIELDS = ['title', 'titleKm', 'periodStart', 'periodEnd'] as const;
const GOAL_AUDITED = ['plan', 'position', 'title', 'titleKm'];
const OBJECTIVE_FIELDS = ['code', 'title', 'titleKm', 'gcmObjectives'] as const;
const OBJECTIVE_AUDITED = ['goal', 'position', ...OBJECTIVE_FIELDS];
const CODE = /^[0-9A-Za-z][0-9A-Za-z._-]{0,19}$/;
const TITLE_MAX = 1000;

export interface PlanFields {
  title?: string | null;
  titleKm?: string | null;
  periodStart?: string | null;
  periodEnd?: string | null;
}

export interface PlanGoalFields {
  title?: string | null;
  titleKm?: string | null;
  position?: number | null;
}

export interface PlanObjectiveFields {
  code?: string | null;
  title?: string | null;
  titleKm?: string | null;
  gcmObjectives?: number[] | null;
}

/**
 * Audit events name their entity by uuid; GCM objectives are keyed by number, so each
 * gets a fixed uuid-shaped id (…-0000000000NN) that stays the same for every change.
 */
export function gcmObjectiveEntityId(number: number): string {
  return `00000000-0000-0000-0000-${String(number).padStart(12, '0')}`;
}

export async function listPlans(scope: Scope, page: PageArgs): Promise<Page<Plan>> {
  requireReader(scope.viewer, scope.config.publicRead);
  const qb = scope.em.createQueryBuilder(PlanSchema, 'p');
  return queryBuilderPage(qb.orderBy({ periodStart: 'desc nulls last', createdAt: 'desc', id: 'asc' }), page);
}

export async function listGcmObjectives(scope: Scope): Promise<GcmObjective[]> {
  requireReader(scope.viewer, scope.config.publicRead);
  return scope.em.find(GcmObjectiveSchema, {}, { orderBy: { number: 'asc' } });
}

/** GCM objective numbers: integers from 1 to 23, returned sorted without repeats. */
function cleanGcmNumbers(problems: Problems, field: string, values: number[] | null | undefined) {
  if (values === undefined) return undefined;
  if (values === null) return [];
  const bad = values.filter((n) => !isGcmObjectiveNumber(n));
  if (bad.length)
    problems.add(
      field,
      `GCM objectives are numbered 1 to ${GCM_OBJECTIVE_COUNT}, got ${bad.join(', ')}`,
      'OUT_OF_RANGE',
    );
  return [...new Set(values)].sort((a, b) => a - b);
}

function validatePlan(fields: PlanFields, existing?: Plan): PlanFields {
  const problems = new Problems();
  const clean: PlanFields = {
    title: cleanText(problems, 'title', fields.title, TITLE_MAX),
    titleKm: cleanText(problems, 'titleKm', fields.titleKm, TITLE_MAX),
    periodStart: fields.periodStart,
    periodEnd: fields.periodEnd,
  };
  requireEnglishOrKhmer(
    problems,
    'title',
    clean.title === undefined ? existing?.title : clean.title,
    clean.titleKm === undefined ? existing?.titleKm : clean.titleKm,
  );
  const start = clean.periodStart === undefined ? existing?.periodStart : clean.periodStart;
  const end = clean.periodEnd === undefined ? existing?.periodEnd : clean.periodEnd;
  if (start && end && end < start)
    problems.add('periodEnd', `must not be before periodStart (${start})`, 'END_BEFORE_START');
  problems.throwIfAny();
  return clean;
}

export async function createPlan(scope: Scope, fields: PlanFields): Promise<Plan> {
  requireStaff(scope.viewer, 'add plans');
  const clean = validatePlan(fields);
  return scope.em.transactional(async (em) => {
    const plan = em.create(PlanSchema, {
      title: clean.title ?? null,
      titleKm: clean.titleKm ?? null,
      periodStart: clean.periodStart ?? null,
      periodEnd: clean.periodEnd ?? null,
      createdBy: scope.viewer.personId ?? null,
    });
    recordAudit(em, scope.viewer, {
      entityType: 'Plan',
      entityId: plan.id,
      operation: 'create',
      changes: diff(null, snapshot(plan, [...PLAN_FIELDS]), [...PLAN_FIELDS]),
    });
    return plan;
  });
}

export async function updatePlan(scope: Scope, id: string, fields: PlanFields): Promise<Plan> {
  requireStaff(scope.viewer, 'change plans');
  return scope.em.transactional(async (em) => {
    const plan = await em.findOne(PlanSchema, { id });
    if (!plan) throw new NotFoundError('Plan', id);
    const clean = validatePlan(fields, plan);
    const before = snapshot(plan, [...PLAN_FIELDS]);
    for (const key of PLAN_FIELDS) {
      if (clean[key] !== undefined) (plan as Record<string, unknown>)[key] = clean[key];
    }
    const changes = diff(before, snapshot(plan, [...PLAN_FIELDS]), [...PLAN_FIELDS]);
    if (Object.keys(changes).length > 0)
      recordAudit(em, scope.viewer, { entityType: 'Plan', entityId: id, operation: 'update', changes });
    return plan;
  });
}

export async function addPlanGoal(scope: Scope, planId: string, fields: PlanGoalFields): Promise<PlanGoal> {
  requireStaff(scope.viewer, 'change plans');
  return scope.em.transactional(async (em) => {
    const problems = new Problems();
    const title = cleanText(problems, 'title', fields.title, TITLE_MAX);
    const titleKm = cleanText(problems, 'titleKm', fields.titleKm, TITLE_MAX);
    requireEnglishOrKhmer(problems, 'title', title, titleKm);
    const plan = await em.findOne(PlanSchema, { id: planId });
    if (!plan) problems.add('planId', 'no such plan', 'NOT_FOUND_REFERENCE');
    const siblings = plan ? await em.find(PlanGoalSchema, { plan: planId }, { orderBy: { position: 'asc' } }) : [];
    const last = siblings.reduce((max, goal) => Math.max(max, goal.position), 0);
    const position = fields.position ?? last + 1;
    if (!Number.isInteger(position) || position < 1 || position > last + 1) {
      problems.add('position', `must be from 1 to ${last + 1}, got ${position}`, 'OUT_OF_RANGE');
    }
    problems.throwIfAny();

    // Inserting before existing goals moves them down, so that positions stay 1, 2, 3…
    for (const sibling of siblings.filter((goal) => goal.position >= position)) {
      recordAudit(em, scope.viewer, {
        entityType: 'PlanGoal',
        entityId: sibling.id,
        operation: 'update',
        changes: { position: { before: sibling.position, after: sibling.position + 1 } },
      });
      sibling.position += 1;
    }
    const goal = em.create(PlanGoalSchema, {
      plan: planId,
      position,
      title: title ?? null,
      titleKm: titleKm ?? null,
      createdBy: scope.viewer.personId ?? null,
    });
    recordAudit(em, scope.viewer, {
      entityType: 'PlanGoal',
      entityId: goal.id,
      operation: 'create',
      changes: diff(null, snapshot(goal, GOAL_AUDITED), GOAL_AUDITED),
    });
    return goal;
  });
}

async function validateObjective(
  scope: Scope,
  fields: PlanObjectiveFields,
  goal: PlanGoal | null,
  existing?: PlanObjective,
): Promise<PlanObjectiveFields> {
  const problems = new Problems();
  if (!goal) problems.add('goalId', 'no such plan goal', 'NOT_FOUND_REFERENCE');
  const clean: PlanObjectiveFields = {
    code: cleanText(problems, 'code', fields.code, 20),
    title: cleanText(problems, 'title', fields.title, TITLE_MAX),
    titleKm: cleanText(problems, 'titleKm', fields.titleKm, TITLE_MAX),
    gcmObjectives: cleanGcmNumbers(problems, 'gcmObjectives', fields.gcmObjectives),
  };
  if (fields.code === null || (!existing && !clean.code)) problems.add('code', 'is required', 'REQUIRED');
  else if (clean.code && !CODE.test(clean.code)) {
    problems.add('code', 'may use only letters, digits, ".", "-" and "_" (at most 20), e.g. 1.2', 'INVALID_FORMAT');
  }
  requireEnglishOrKhmer(
    problems,
    'title',
    clean.title === undefined ? existing?.title : clean.title,
    clean.titleKm === undefined ? existing?.titleKm : clean.titleKm,
  );
  if (goal && clean.code && CODE.test(clean.code)) {
    const goals = await scope.em.find(PlanGoalSchema, { plan: goal.plan }, { fields: ['id'] });
    const clash = await scope.em.findOne(PlanObjectiveSchema, {
      goal: { $in: goals.map((g) => g.id) },
      code: { $ilike: clean.code.replace(/[\\%_]/g, '\\$&') },
    });
    if (clash && clash.id !== existing?.id)
      problems.add('code', `is already used in this plan (${clash.code})`, 'DUPLICATE');
  }
  problems.throwIfAny();
  return clean;
}

export async function addPlanObjective(
  scope: Scope,
  goalId: string,
  fields: PlanObjectiveFields,
): Promise<PlanObjective> {
  requireStaff(scope.viewer, 'change plans');
  return scope.em.transactional(async (em) => {
    const goal = await em.findOne(PlanGoalSchema, { id: goalId });
    const clean = await validateObjective({ ...scope, em }, fields, goal);
    const siblings = await em.find(PlanObjectiveSchema, { goal: goalId }, { fields: ['position'] });
    const objective = em.create(PlanObjectiveSchema, {
      goal: goalId,
      position: siblings.reduce((max, o) => Math.max(max, o.position), 0) + 1,
      code: clean.code!,
      title: clean.title ?? null,
      titleKm: clean.titleKm ?? null,
      gcmObjectives: clean.gcmObjectives ?? [],
      createdBy: scope.viewer.personId ?? null,
    });
    recordAudit(em, scope.viewer, {
      entityType: 'PlanObjective',
      entityId: objective.id,
      operation: 'create',
      changes: diff(null, snapshot(objective, OBJECTIVE_AUDITED), OBJECTIVE_AUDITED),
    });
    return objective;
  });
}

export async function updatePlanObjective(
  scope: Scope,
  id: string,
  fields: PlanObjectiveFields,
): Promise<PlanObjective> {
  requireStaff(scope.viewer, 'change plans');
  return scope.em.transactional(async (em) => {
    const objective = await em.findOne(PlanObjectiveSchema, { id });
    if (!objective) throw new NotFoundError('PlanObjective', id);
    const goal = await em.findOne(PlanGoalSchema, { id: objective.goal });
    const clean = await validateObjective({ ...scope, em }, fields, goal, objective);
    const before = snapshot(objective, OBJECTIVE_AUDITED);
    for (const key of OBJECTIVE_FIELDS) {
      if (clean[key] !== undefined) (objective as Record<string, unknown>)[key] = clean[key];
    }
    const changes = diff(before, snapshot(objective, OBJECTIVE_AUDITED), OBJECTIVE_AUDITED);
    if (Object.keys(changes).length > 0)
      recordAudit(em, scope.viewer, { entityType: 'PlanObjective', entityId: id, operation: 'update', changes });
    return objective;
  });
}

export async function updateGcmObjective(
  scope: Scope,
  number: number,
  fields: { titleKm?: string | null },
): Promise<GcmObjective> {
  requireStaff(scope.viewer, 'translate GCM objectives');
  const problems = new Problems();
  if (!isGcmObjectiveNumber(number)) {
    problems.add('number', `GCM objectives are numbered 1 to ${GCM_OBJECTIVE_COUNT}, got ${number}`, 'OUT_OF_RANGE');
  }
  const titleKm = cleanText(problems, 'titleKm', fields.titleKm, TITLE_MAX);
  problems.throwIfAny();
  return scope.em.transactional(async (em) => {
    const objective = await em.findOne(GcmObjectiveSchema, { number });
    if (!objective) throw new NotFoundError('GcmObjective', String(number));
    if (titleKm === undefined) return objective;
    const before = snapshot(objective, ['titleKm']);
    objective.titleKm = titleKm;
    const changes = diff(before, snapshot(objective, ['titleKm']), ['titleKm']);
    if (Object.keys(changes).length > 0) {
      recordAudit(em, scope.viewer, {
        entityType: 'GcmObjective',
        entityId: gcmObjectiveEntityId(number),
        operation: 'update',
        changes: { number: { before: number, after: number }, ...changes },
      });
    }
    return objective;
  });
}

/** Gives `ordered` the positions 1, 2, 3… (audited where a position changes). */
function renumber(
  em: Scope['em'],
  scope: Scope,
  entityType: 'PlanGoal' | 'PlanObjective',
  ordered: { id: string; position: number }[],
): void {
  ordered.forEach((row, index) => {
    if (row.position === index + 1) return;
    recordAudit(em, scope.viewer, {
      entityType,
      entityId: row.id,
      operation: 'update',
      changes: { position: { before: row.position, after: index + 1 } },
    });
    row.position = index + 1;
  });
}

/** Checks that `ids` lists each of `rows` exactly once. */
function requireSameSet(field: string, ids: string[], rows: { id: string }[], what: string): void {
  const known = new Set(rows.map((row) => row.id));
  if (new Set(ids).size !== ids.length || ids.length !== rows.length || ids.some((id) => !known.has(id))) {
    new Problems()
      .add(field, `must list each of the ${rows.length} ${what} exactly once, in the new order`, 'INVALID', {
        count: rows.length,
      })
      .throwIfAny();
  }
}

export async function updatePlanGoal(scope: Scope, id: string, fields: PlanGoalFields): Promise<PlanGoal> {
  requireStaff(scope.viewer, 'change plans');
  return scope.em.transactional(async (em) => {
    const goal = await em.findOne(PlanGoalSchema, { id });
    if (!goal) throw new NotFoundError('PlanGoal', id);
    const problems = new Problems();
    const title = cleanText(problems, 'title', fields.title, TITLE_MAX);
    const titleKm = cleanText(problems, 'titleKm', fields.titleKm, TITLE_MAX);
    requireEnglishOrKhmer(
      problems,
      'title',
      title === undefined ? goal.title : title,
      titleKm === undefined ? goal.titleKm : titleKm,
    );
    problems.throwIfAny();
    const before = snapshot(goal, GOAL_AUDITED);
    if (title !== undefined) goal.title = title;
    if (titleKm !== undefined) goal.titleKm = titleKm;
    const changes = diff(before, snapshot(goal, GOAL_AUDITED), GOAL_AUDITED);
    if (Object.keys(changes).length > 0)
      recordAudit(em, scope.viewer, { entityType: 'PlanGoal', entityId: id, operation: 'update', changes });
    return goal;
  });
}

/** Removes a goal without objectives (remove or move them first); later goals move up. */
export async function removePlanGoal(scope: Scope, id: string): Promise<Plan> {
  requireStaff(scope.viewer, 'change plans');
  return scope.em.transactional(async (em) => {
    const goal = await em.findOne(PlanGoalSchema, { id });
    if (!goal) throw new NotFoundError('PlanGoal', id);
    const objectives = await em.count(PlanObjectiveSchema, { goal: id });
    if (objectives > 0) {
      new Problems()
        .add('id', `this goal has ${objectives} objective(s): remove them first`, 'IN_USE', { count: objectives })
        .throwIfAny();
    }
    const before = snapshot(goal, GOAL_AUDITED);
    em.remove(goal);
    await em.flush();
    const rest = await em.find(PlanGoalSchema, { plan: goal.plan }, { orderBy: { position: 'asc', createdAt: 'asc' } });
    renumber(em, scope, 'PlanGoal', rest);
    recordAudit(em, scope.viewer, {
      entityType: 'PlanGoal',
      entityId: id,
      operation: 'remove',
      changes: diff(before, null, GOAL_AUDITED),
    });
    return (await em.findOne(PlanSchema, { id: goal.plan }))!;
  });
}

/** Removes an objective no commitment is linked to (unlink them first); later objectives move up. */
export async function removePlanObjective(scope: Scope, id: string): Promise<PlanGoal> {
  requireStaff(scope.viewer, 'change plans');
  return scope.em.transactional(async (em) => {
    const objective = await em.findOne(PlanObjectiveSchema, { id });
    if (!objective) throw new NotFoundError('PlanObjective', id);
    const [{ count, refs }] = await em.execute<{ count: number; refs: string[] | null }[]>(
      `select count(*)::int as count, (array_agg(c.reference order by c.reference))[1:5] as refs
         from commitment_plan_objective l join commitment c on c.id = l.commitment_id where l.plan_objective_id = ?`,
      [id],
    );
    if (count > 0) {
      new Problems()
        .add(
          'id',
          `${count} commitment(s) are linked to this objective (${(refs ?? []).join(', ')}): unlink them first`,
          'IN_USE',
          { count, references: refs ?? [] },
        )
        .throwIfAny();
    }
    const before = snapshot(objective, OBJECTIVE_AUDITED);
    em.remove(objective);
    await em.flush();
    const rest = await em.find(
      PlanObjectiveSchema,
      { goal: objective.goal },
      { orderBy: { position: 'asc', createdAt: 'asc' } },
    );
    renumber(em, scope, 'PlanObjective', rest);
    recordAudit(em, scope.viewer, {
      entityType: 'PlanObjective',
      entityId: id,
      operation: 'remove',
      changes: diff(before, null, OBJECTIVE_AUDITED),
    });
    return (await em.findOne(PlanGoalSchema, { id: objective.goal }))!;
  });
}

export async function reorderPlanGoals(scope: Scope, planId: string, goalIds: string[]): Promise<Plan> {
  requireStaff(scope.viewer, 'change plans');
  return scope.em.transactional(async (em) => {
    const plan = await em.findOne(PlanSchema, { id: planId });
    if (!plan) throw new NotFoundError('Plan', planId);
    const goals = await em.find(PlanGoalSchema, { plan: planId }, { orderBy: { position: 'asc', createdAt: 'asc' } });
    requireSameSet('goalIds', goalIds, goals, 'goals of the plan');
    const byId = new Map(goals.map((goal) => [goal.id, goal]));
    renumber(
      em,
      scope,
      'PlanGoal',
      goalIds.map((id) => byId.get(id)!),
    );
    return plan;
  });
}

export async function reorderPlanObjectives(scope: Scope, goalId: string, objectiveIds: string[]): Promise<PlanGoal> {
  requireStaff(scope.viewer, 'change plans');
  return scope.em.transactional(async (em) => {
    const goal = await em.findOne(PlanGoalSchema, { id: goalId });
    if (!goal) throw new NotFoundError('PlanGoal', goalId);
    const objectives = await em.find(
      PlanObjectiveSchema,
      { goal: goalId },
      { orderBy: { position: 'asc', createdAt: 'asc' } },
    );
    requireSameSet('objectiveIds', objectiveIds, objectives, 'objectives of the goal');
    const byId = new Map(objectives.map((objective) => [objective.id, objective]));
    renumber(
      em,
      scope,
      'PlanObjective',
      objectiveIds.map((id) => byId.get(id)!),
    );
    return goal;
  });
}
