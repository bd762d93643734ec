import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../../test/api.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { focalPoint, partner, secretariat } from '../../../test/viewers.js';
import { AuditEventSchema } from '../audit/audit-event.entity.js';
import { testFactories } from '../../test-support/factories.js';

/** Managing a plan from the product (issue #13): goals and objectives edited, ordered, removed; progress per objective. */
let db: TestDatabase;
let api: Awaited<ReturnType<typeof createTestApi>>;
let f: ReturnType<typeof testFactories>;
let lead: { id: string; gid: string };

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
  f = testFactories(db.orm);
  lead = await f.organization('MOI');
});
afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

const problemsOf = (result: { errors?: { extensions?: Record<string, any> }[] }) =>
  result.errors?.[0]?.extensions?.fields;
const auditOf = (entityId: string) => db.orm.em.fork().find(AuditEventSchema, { entityId }, { orderBy: { at: 'asc' } });

async function planWithGoals() {
  const goals = await f.plan([
    { title: 'Evidence', objectives: ['1.1', '1.2', '1.3'] },
    { title: 'Borders', objectives: ['2.1'] },
    { title: 'Cooperation', objectives: [] },
  ]);
  const found = await api.run(secretariat, `query ($id: ID!) { node(id: $id) { ... on PlanGoal { plan { id } } } }`, {
    id: goals[0].gid,
  });
  return { goals, planId: found.data!.node.plan.id as string };
}

describe('managing a plan', () => {
  it('renames a goal, audited; only the secretariat may', async () => {
    const { goals } = await planWithGoals();
    const renamed = await api.run(
      secretariat,
      `mutation ($input: UpdatePlanGoalInput!) { updatePlanGoal(input: $input) { goal { title titleKm } } }`,
      { input: { id: goals[1].gid, titleKm: 'ការគ្រប់គ្រងព្រំដែន' } },
    );
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data!.updatePlanGoal.goal).toEqual({ title: 'Borders', titleKm: 'ការគ្រប់គ្រងព្រំដែន' });
    expect((await auditOf(goals[1].id)).map((e) => e.changes)).toEqual([
      { titleKm: { before: null, after: 'ការគ្រប់គ្រងព្រំដែន' } },
    ]);
    const empty = await api.run(
      secretariat,
      `mutation ($input: UpdatePlanGoalInput!) { updatePlanGoal(input: $input) { goal { title } } }`,
      { input: { id: goals[2].gid, title: ' ' } },
    );
    expect(problemsOf(empty)).toEqual([expect.objectContaining({ field: 'title', code: 'REQUIRED' })]);
    const refused = await api.run(
      focalPoint(lead.id),
      `mutation ($input: UpdatePlanGoalInput!) { updatePlanGoal(input: $input) { goal { title } } }`,
      { input: { id: goals[1].gid, title: 'x' } },
    );
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('reorders goals and objectives, refusing a list that is not the whole set', async () => {
    const { goals, planId } = await planWithGoals();
    const REORDER_GOALS = `mutation ($input: ReorderPlanGoalsInput!) { reorderPlanGoals(input: $input) { plan { goals { title position } } } }`;
    const reordered = await api.run(secretariat, REORDER_GOALS, {
      input: { planId, goalIds: [goals[2].gid, goals[0].gid, goals[1].gid] },
    });
    expect(reordered.errors).toBeUndefined();
    expect(reordered.data!.reorderPlanGoals.plan.goals).toEqual([
      { title: 'Cooperation', position: 1 },
      { title: 'Evidence', position: 2 },
      { title: 'Borders', position: 3 },
    ]);
    expect((await auditOf(goals[2].id)).map((e) => e.changes)).toEqual([{ position: { before: 3, after: 1 } }]);
    const partial = await api.run(secretariat, REORDER_GOALS, { input: { planId, goalIds: [goals[0].gid] } });
    expect(problemsOf(partial)).toEqual([expect.objectContaining({ field: 'goalIds', params: { count: 3 } })]);

    const [o1, o2, o3] = goals[0].objectives;
    const objectives = await api.run(
      secretariat,
      `mutation ($input: ReorderPlanObjectivesInput!) { reorderPlanObjectives(input: $input) { goal { objectives { code position } } } }`,
      { input: { goalId: goals[0].gid, objectiveIds: [o3.gid, o1.gid, o2.gid] } },
    );
    expect(objectives.data!.reorderPlanObjectives.goal.objectives).toEqual([
      { code: '1.3', position: 1 },
      { code: '1.1', position: 2 },
      { code: '1.2', position: 3 },
    ]);
    const foreign = await api.run(
      secretariat,
      `mutation ($input: ReorderPlanObjectivesInput!) { reorderPlanObjectives(input: $input) { goal { id } } }`,
      { input: { goalId: goals[0].gid, objectiveIds: [o3.gid, o1.gid, goals[1].objectives[0].gid] } },
    );
    expect(problemsOf(foreign)).toEqual([expect.objectContaining({ field: 'objectiveIds' })]);
  });

  it('removes an objective no commitment links to, and refuses one that commitments link to (IN_USE)', async () => {
    const { goals } = await planWithGoals();
    const [o1, o2, o3] = goals[0].objectives;
    const linked = await f.commitment({ lead: lead.id, planObjectives: [o2.id] });
    const REMOVE = `mutation ($input: RemovePlanObjectiveInput!) { removePlanObjective(input: $input) { goal { objectives { code position } } } }`;
    const inUse = await api.run(secretariat, REMOVE, { input: { id: o2.gid } });
    expect(problemsOf(inUse)).toEqual([
      expect.objectContaining({ field: 'id', code: 'IN_USE', params: { count: 1, references: [linked.reference] } }),
    ]);
    const removed = await api.run(secretariat, REMOVE, { input: { id: o1.gid } });
    expect(removed.errors).toBeUndefined();
    expect(removed.data!.removePlanObjective.goal.objectives).toEqual([
      { code: '1.2', position: 1 },
      { code: '1.3', position: 2 },
    ]);
    expect((await auditOf(o1.id)).map((e) => e.operation)).toEqual(['remove']);
    expect((await auditOf(o3.id)).map((e) => e.changes)).toEqual([{ position: { before: 3, after: 2 } }]);
  });

  it('removes a goal without objectives; one with objectives is IN_USE', async () => {
    const { goals } = await planWithGoals();
    const REMOVE = `mutation ($input: RemovePlanGoalInput!) { removePlanGoal(input: $input) { plan { goals { title position } } } }`;
    const inUse = await api.run(secretariat, REMOVE, { input: { id: goals[1].gid } });
    expect(problemsOf(inUse)).toEqual([expect.objectContaining({ field: 'id', code: 'IN_USE', params: { count: 1 } })]);
    const removed = await api.run(secretariat, REMOVE, { input: { id: goals[2].gid } });
    expect(removed.data!.removePlanGoal.plan.goals).toEqual([
      { title: 'Evidence', position: 1 },
      { title: 'Borders', position: 2 },
    ]);
    expect((await auditOf(goals[2].id)).map((e) => e.operation)).toEqual(['remove']);
  });
});

describe("an objective's commitments and progress", () => {
  it('lists the visible commitments of each objective with their counts, in batches', async () => {
    const { goals, planId } = await planWithGoals();
    const [o1, o2] = goals[0].objectives;
    await f.commitment({
      lead: lead.id,
      planObjectives: [o1.id],
      progress: 50,
      status: 'IN_PROGRESS',
      visibility: 'PUBLIC',
    });
    await f.commitment({ lead: lead.id, planObjectives: [o1.id, o2.id], progress: 100, status: 'COMPLETED' });
    const QUERY = `query ($id: ID!) { node(id: $id) { ... on Plan { goals { objectives {
      code commitments(first: 10) { totalCount nodes { progress } }
      commitmentStats { key label total averageProgress byStatus { status count } } } } } } }`;
    db.queries.length = 0;
    const result = await api.run(secretariat, QUERY, { id: planId });
    expect(result.errors).toBeUndefined();
    const statements = db.queries.filter((q) => !/^(begin|commit)/i.test(q)).length;
    const [first, second, third] = result.data!.node.goals[0].objectives;
    expect(first).toMatchObject({
      code: '1.1',
      commitments: { totalCount: 2 },
      commitmentStats: { key: o1.gid, label: '1.1', total: 2, averageProgress: 75 },
    });
    expect(first.commitmentStats.byStatus).toEqual([
      { status: 'IN_PROGRESS', count: 1 },
      { status: 'COMPLETED', count: 1 },
    ]);
    expect(second).toMatchObject({ commitments: { totalCount: 1 }, commitmentStats: { total: 1 } });
    expect(third).toMatchObject({
      commitments: { totalCount: 0, nodes: [] },
      commitmentStats: { total: 0, byStatus: [] },
    });
    // However many objectives, the same few statements (plan, goals, objectives, commitments, stats).
    expect(statements).toBeLessThanOrEqual(6);

    // A partner sees only the PUBLIC one.
    const forPartner = await api.run(partner, QUERY, { id: planId });
    expect(forPartner.data!.node.goals[0].objectives[0]).toMatchObject({
      commitments: { totalCount: 1 },
      commitmentStats: { total: 1, averageProgress: 50 },
    });
  });
});
