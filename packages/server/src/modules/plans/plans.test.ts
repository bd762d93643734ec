import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../auth/viewer.js';
import { createTestApi } from '../../../test/api.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { focalPoint, partner, secretariat } from '../../../test/viewers.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { AuditEventSchema } from '../audit/audit-event.entity.js';
import { PlanGoalSchema, PlanObjectiveSchema, PlanSchema } from './plan.entity.js';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof createTestApi>>;
let publicApi: Awaited<ReturnType<typeof createTestApi>>;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
  publicApi = await createTestApi(db.orm, { publicRead: true });
});
afterAll(async () => {
  await api?.stop();
  await publicApi?.stop();
  await db?.drop();
});

const CREATE_PLAN = `mutation ($input: CreatePlanInput!) {
  createPlan(input: $input) { plan { id title titleKm periodStart periodEnd goals { id } } }
}`;
const ADD_GOAL = `mutation ($input: AddPlanGoalInput!) {
  addPlanGoal(input: $input) { goal { id position title titleKm plan { title } objectives { id } } }
}`;
const ADD_OBJECTIVE = `mutation ($input: AddPlanObjectiveInput!) {
  addPlanObjective(input: $input) { objective { id code title titleKm gcmObjectives { number title } goal { position } } }
}`;
const UPDATE_OBJECTIVE = `mutation ($input: UpdatePlanObjectiveInput!) {
  updatePlanObjective(input: $input) { objective { id code title gcmObjectives { number } } }
}`;
const PLANS = `{ plans { totalCount nodes { title titleKm periodStart periodEnd
  goals { position title objectives { code titleKm gcmObjectives { number titleKm } goal { title } } } } } }`;

const auditCount = () => db.orm.em.fork().count(AuditEventSchema, {});

/** A plan with `goals` goals of two objectives each, inserted directly. */
async function insertPlan(database: TestDatabase, title: string, goals = 3): Promise<void> {
  const em = database.orm.em.fork();
  const plan = em.create(PlanSchema, { title, periodStart: '2030-01-01', periodEnd: '2030-12-31' });
  for (let g = 1; g <= goals; g++) {
    const goal = em.create(PlanGoalSchema, { plan: plan.id, position: g, title: `${title} goal ${g}` });
    for (let o = 1; o <= 2; o++) {
      em.create(PlanObjectiveSchema, {
        goal: goal.id,
        position: o,
        code: `${g}.${o}`,
        title: `Objective ${g}.${o}`,
        gcmObjectives: [g, 20 + o],
      });
    }
  }
  await em.flush();
}

describe('plans', () => {
  let planId: string;
  let goalId: string;
  let objectiveId: string;

  it('builds a plan with goals and objectives, audited, and everyone signed in reads it', async () => {
    const created = await api.run(secretariat, CREATE_PLAN, {
      input: {
        title: 'National Plan for the Implementation of the GCM 2024–2026',
        titleKm: 'ផែនការជាតិសម្រាប់ការអនុវត្តកតិកាសញ្ញាសកលស្តីពីចំណាកស្រុក ២០២៤–២០២៦',
        periodStart: '2024-01-01',
        periodEnd: '2026-12-31',
      },
    });
    expect(created.errors).toBeUndefined();
    const plan = created.data!.createPlan.plan;
    expect(plan).toMatchObject({ periodStart: '2024-01-01', periodEnd: '2026-12-31', goals: [] });
    planId = plan.id;

    const second = await api.run(secretariat, ADD_GOAL, {
      input: { planId, title: 'Safe border management', titleKm: 'ការគ្រប់គ្រងព្រំដែនប្រកបដោយសុវត្ថិភាព' },
    });
    expect(second.data!.addPlanGoal.goal).toMatchObject({ position: 1, objectives: [] });
    // Inserted before it: the border goal moves to position 2.
    const first = await api.run(secretariat, ADD_GOAL, {
      input: { planId, title: 'Evidence and data', position: 1 },
    });
    expect(first.errors).toBeUndefined();
    expect(first.data!.addPlanGoal.goal).toMatchObject({
      position: 1,
      title: 'Evidence and data',
      plan: { title: 'National Plan for the Implementation of the GCM 2024–2026' },
    });
    goalId = first.data!.addPlanGoal.goal.id;

    const objective = await api.run(secretariat, ADD_OBJECTIVE, {
      input: {
        goalId,
        code: '1.1',
        title: 'Harmonise migration data',
        titleKm: 'ធ្វើសុខដុមនីយកម្មទិន្នន័យចំណាកស្រុក',
        gcmObjectives: [23, 1, 1],
      },
    });
    expect(objective.errors).toBeUndefined();
    expect(objective.data!.addPlanObjective.objective).toMatchObject({
      code: '1.1',
      gcmObjectives: [
        {
          number: 1,
          title: 'Collect and utilize accurate and disaggregated data as a basis for evidence-based policies',
        },
        { number: 23, title: expect.stringContaining('international cooperation') },
      ],
      goal: { position: 1 },
    });
    objectiveId = objective.data!.addPlanObjective.objective.id;

    for (const viewer of [partner, focalPoint('00000000-0000-4000-8000-000000000001')]) {
      const listed = await api.run(viewer, PLANS);
      expect(listed.errors).toBeUndefined();
      expect(listed.data!.plans.totalCount).toBe(1);
      expect(listed.data!.plans.nodes[0].goals).toEqual([
        {
          position: 1,
          title: 'Evidence and data',
          objectives: [
            {
              code: '1.1',
              titleKm: 'ធ្វើសុខដុមនីយកម្មទិន្នន័យចំណាកស្រុក',
              gcmObjectives: [
                // Every GCM objective has a Khmer title from the migrations (docs/gcm-objectives-km.md).
                { number: 1, titleKm: expect.stringContaining('ទិន្នន័យ') },
                { number: 23, titleKm: expect.stringContaining('សហប្រតិបត្តិការអន្តរជាតិ') },
              ],
              goal: { title: 'Evidence and data' },
            },
          ],
        },
        { position: 2, title: 'Safe border management', objectives: [] },
      ]);
    }

    const node = await api.run(
      partner,
      `query ($id: ID!) { node(id: $id) { __typename ... on PlanObjective { code } } }`,
      {
        id: objectiveId,
      },
    );
    expect(node.data!.node).toEqual({ __typename: 'PlanObjective', code: '1.1' });

    const events = await db.orm.em.fork().find(AuditEventSchema, {}, { orderBy: { at: 'asc' } });
    expect(events.map((e) => `${e.entityType}:${e.operation}`)).toEqual([
      'Plan:create',
      'PlanGoal:create',
      'PlanGoal:update',
      'PlanGoal:create',
      'PlanObjective:create',
    ]);
    expect(events[2].changes).toEqual({ position: { before: 1, after: 2 } });
    expect(events[4].changes).toMatchObject({
      code: { before: null, after: '1.1' },
      gcmObjectives: { after: [1, 23] },
    });
  });

  it('updates a plan and an objective, recording only what changed', async () => {
    const updated = await api.run(
      secretariat,
      `mutation ($input: UpdatePlanInput!) { updatePlan(input: $input) { plan { title titleKm periodEnd } } }`,
      { input: { id: planId, periodEnd: '2027-06-30' } },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updatePlan.plan).toMatchObject({ periodEnd: '2027-06-30', titleKm: expect.any(String) });

    const objective = await api.run(secretariat, UPDATE_OBJECTIVE, {
      input: { id: objectiveId, code: '1.1a', gcmObjectives: [1, 10] },
    });
    expect(objective.errors).toBeUndefined();
    expect(objective.data!.updatePlanObjective.objective).toMatchObject({
      code: '1.1a',
      title: 'Harmonise migration data',
      gcmObjectives: [{ number: 1 }, { number: 10 }],
    });
    const events = await db.orm.em.fork().find(AuditEventSchema, { operation: 'update' }, { orderBy: { at: 'asc' } });
    expect(events.slice(-2).map((e) => e.changes)).toEqual([
      { periodEnd: { before: '2026-12-31', after: '2027-06-30' } },
      { code: { before: '1.1', after: '1.1a' }, gcmObjectives: { before: [1, 23], after: [1, 10] } },
    ]);
  });

  it('refuses bad input with one entry per field and writes nothing', async () => {
    const before = await auditCount();
    const plan = await api.run(secretariat, CREATE_PLAN, {
      input: { title: '  ', periodStart: '2026-01-01', periodEnd: '2025-12-31' },
    });
    expect(plan.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'title' }, { field: 'periodEnd' }],
    });

    const badDate = await api.run(secretariat, CREATE_PLAN, { input: { title: 'X', periodStart: '2026-02-30' } });
    expect(badDate.errors).toBeDefined();

    const goal = await api.run(secretariat, ADD_GOAL, { input: { planId, title: 'Too far', position: 9 } });
    expect(goal.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'position', message: 'must be from 1 to 3, got 9' }],
    });

    const wrongId = await api.run(secretariat, ADD_GOAL, { input: { planId: goalId, title: 'Goal' } });
    expect(wrongId.errors?.[0].extensions?.fields).toEqual([
      { field: 'planId', message: 'is not a valid Plan id', code: 'INVALID_FORMAT' },
    ]);

    const objective = await api.run(secretariat, ADD_OBJECTIVE, {
      input: { goalId, code: '1.1A', titleKm: '', gcmObjectives: [0, 5, 24] },
    });
    expect(objective.errors?.[0].extensions?.fields).toEqual([
      { field: 'gcmObjectives', message: 'GCM objectives are numbered 1 to 23, got 0, 24', code: 'OUT_OF_RANGE' },
      { field: 'title', message: 'give the English or the Khmer text (title or titleKm)', code: 'REQUIRED' },
      { field: 'code', message: 'is already used in this plan (1.1a)', code: 'DUPLICATE' },
    ]);

    const badCode = await api.run(secretariat, ADD_OBJECTIVE, { input: { goalId, code: 'one two', title: 'T' } });
    expect(badCode.errors?.[0].extensions?.fields.map((f: { field: string }) => f.field)).toEqual(['code']);

    const missing = await api.run(secretariat, UPDATE_OBJECTIVE, {
      input: { id: toGlobalId('PlanObjective', randomUUID()), code: '9' },
    });
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    expect(await auditCount()).toBe(before);
  });

  it('lets only the secretariat change plans; anonymous reads only with public read', async () => {
    for (const viewer of [partner, focalPoint('00000000-0000-4000-8000-000000000001')]) {
      const result = await api.run(viewer, CREATE_PLAN, { input: { title: 'Mine' } });
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const gcm = await api.run(
        viewer,
        `mutation { updateGcmObjective(input: { number: 1, titleKm: "x" }) { gcmObjective { number } } }`,
      );
      expect(gcm.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const readOnly = await api.run({ ...secretariat, canWrite: false }, CREATE_PLAN, { input: { title: 'Mine' } });
    expect(readOnly.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const closed = await api.run(anonymous, '{ plans { totalCount } }');
    expect(closed.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const write = await publicApi.run(anonymous, CREATE_PLAN, { input: { title: 'Mine' } });
    expect(write.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const open = await publicApi.run(anonymous, '{ plans { totalCount } gcmObjectives { number } }');
    expect(open.errors).toBeUndefined();
    expect(open.data!.plans.totalCount).toBe(1);
    expect(open.data!.gcmObjectives).toHaveLength(23);
  });

  it('lists the 23 GCM objectives in order and lets a translator fill in Khmer titles', async () => {
    const khmer = 'ពង្រឹងកិច្ចសហប្រតិបត្តិការអន្តរជាតិ និងភាពជាដៃគូសកល';
    const updated = await api.run(
      secretariat,
      `mutation ($input: UpdateGcmObjectiveInput!) { updateGcmObjective(input: $input) { gcmObjective { number title titleKm } } }`,
      { input: { number: 23, titleKm: `  ${khmer} ` } },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateGcmObjective.gcmObjective).toMatchObject({ number: 23, titleKm: khmer });

    const listed = await api.run(partner, '{ gcmObjectives { number title titleKm } }');
    const numbers = listed.data!.gcmObjectives.map((o: { number: number }) => o.number);
    expect(numbers).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    expect(listed.data!.gcmObjectives[22].titleKm).toBe(khmer);

    const event = await db.orm.em.fork().findOneOrFail(AuditEventSchema, { entityType: 'GcmObjective' });
    expect(event.changes).toEqual({
      number: { before: 23, after: 23 },
      titleKm: { before: expect.stringContaining('ចំណាកស្រុកប្រកបដោយសុវត្ថិភាព'), after: khmer },
    });

    const bad = await api.run(
      secretariat,
      `mutation { updateGcmObjective(input: { number: 24, titleKm: "x" }) { gcmObjective { number } } }`,
    );
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'number' }] });
  });

  it('loads goals, objectives and GCM objectives in batches: as many queries for 5 plans as for 1', async () => {
    const fresh = await createTestDatabase();
    const freshApi = await createTestApi(fresh.orm);
    try {
      const count = async () => {
        fresh.queries.length = 0;
        const result = await freshApi.run(partner, PLANS);
        expect(result.errors).toBeUndefined();
        return { queries: fresh.queries.length, plans: result.data!.plans.totalCount };
      };
      await insertPlan(fresh, 'A');
      const one = await count();
      for (const title of ['B', 'C', 'D', 'E']) await insertPlan(fresh, title);
      const five = await count();
      expect(one.plans).toBe(1);
      expect(five.plans).toBe(5);
      expect(five.queries).toBe(one.queries);
      expect(one.queries).toBeLessThanOrEqual(6);
    } finally {
      await freshApi.stop();
      await fresh.drop();
    }
  });
});
