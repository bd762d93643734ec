import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../../test/api.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { anonymous } from '../../auth/viewer.js';
import { focalPoint, partner, secretariat } from '../../../test/viewers.js';
import { commitmentFixtures, daysFromToday } from './commitment.fixtures.js';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof createTestApi>>;
let w: Record<string, any>;

const STATS = `query ($groupBy: StatsGroupBy!, $filter: CommitmentFilter) {
  commitmentStats(groupBy: $groupBy, filter: $filter) { key label labelKm total overdue averageProgress byStatus { status count } }
  commitments(filter: $filter) { totalCount }
}`;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
  const f = commitmentFixtures(db.orm);
  const a = await f.organization('AAA', { name: 'Alpha Ministry', nameKm: 'ក្រសួងអាល់ហ្វា' });
  const b = await f.organization('BBB', { name: 'Beta Agency' });
  const [g1, g2] = await f.plan([
    { title: 'Evidence and data', titleKm: 'ភស្តុតាង និងទិន្នន័យ', objectives: ['1.1', '1.2'] },
    { title: 'Border management', objectives: ['2.1'] },
  ]);
  await f.commitment({
    lead: a.id,
    status: 'IN_PROGRESS',
    progress: 40,
    dueDate: daysFromToday(-2),
    gcmObjectives: [1, 2],
    planObjectives: [g1.objectives[0].id, g1.objectives[1].id],
    visibility: 'PUBLIC',
  });
  await f.commitment({
    lead: a.id,
    status: 'COMPLETED',
    progress: 100,
    dueDate: daysFromToday(-10),
    gcmObjectives: [2],
    planObjectives: [g2.objectives[0].id],
  });
  await f.commitment({
    lead: b.id,
    dueDate: daysFromToday(-1),
    planObjectives: [g1.objectives[0].id, g2.objectives[0].id],
    visibility: 'PARTNERS',
  });
  await f.commitment({ lead: b.id, status: 'AT_RISK', progress: 20, gcmObjectives: [2] });
  w = { a, b, g1, g2 };
});
afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

const stats = async (viewer: any, groupBy: string, filter?: Record<string, unknown>) => {
  const result = await api.run(viewer, STATS, { groupBy, filter });
  expect(result.errors).toBeUndefined();
  return { groups: result.data!.commitmentStats, total: result.data!.commitments.totalCount };
};

describe('commitment statistics', () => {
  it('groups by lead organisation; the groups add up to the filtered total', async () => {
    const { groups, total } = await stats(secretariat, 'ORGANIZATION');
    expect(groups).toEqual([
      {
        key: w.a.gid,
        label: 'Alpha Ministry',
        labelKm: 'ក្រសួងអាល់ហ្វា',
        total: 2,
        overdue: 1,
        averageProgress: 70,
        byStatus: [
          { status: 'IN_PROGRESS', count: 1 },
          { status: 'COMPLETED', count: 1 },
        ],
      },
      {
        key: w.b.gid,
        label: 'Beta Agency',
        labelKm: null,
        total: 2,
        overdue: 1,
        averageProgress: 10,
        byStatus: [
          { status: 'NOT_STARTED', count: 1 },
          { status: 'AT_RISK', count: 1 },
        ],
      },
    ]);
    expect(groups.reduce((sum: number, g: any) => sum + g.total, 0)).toBe(total);
    expect(total).toBe(4);

    const overdue = await stats(secretariat, 'ORGANIZATION', { overdue: true });
    expect(overdue.groups.map((g: any) => [g.key, g.total, g.overdue])).toEqual([
      [w.a.gid, 1, 1],
      [w.b.gid, 1, 1],
    ]);
    expect(overdue.total).toBe(2);
  });

  it('groups by status, in the order of the workflow, with English and Khmer labels', async () => {
    const { groups, total } = await stats(secretariat, 'STATUS');
    expect(groups.map((g: any) => [g.key, g.total])).toEqual([
      ['NOT_STARTED', 1],
      ['IN_PROGRESS', 1],
      ['AT_RISK', 1],
      ['COMPLETED', 1],
    ]);
    expect(groups[0]).toMatchObject({ label: 'Not started', labelKm: 'មិនទាន់ចាប់ផ្តើម' });
    expect(groups.reduce((sum: number, g: any) => sum + g.total, 0)).toBe(total);
  });

  it('counts a commitment once in each plan goal and GCM objective it links to', async () => {
    const goals = await stats(secretariat, 'PLAN_GOAL');
    expect(goals.groups.map((g: any) => [g.key, g.label, g.labelKm, g.total, g.overdue])).toEqual([
      [w.g1.gid, 'Evidence and data', 'ភស្តុតាង និងទិន្នន័យ', 2, 2],
      [w.g2.gid, 'Border management', null, 2, 1],
      // Commitments linked to no plan objective show up too, so that the gap is visible.
      ['UNLINKED', 'Not linked to the plan', 'មិនទាន់ភ្ជាប់ទៅនឹងផែនការ', 1, 0],
    ]);
    const gcm = await stats(secretariat, 'GCM_OBJECTIVE');
    expect(gcm.groups.map((g: any) => [g.key, g.total, g.averageProgress])).toEqual([
      ['1', 1, 40],
      ['2', 3, 53.3],
      ['UNLINKED', 1, 0],
    ]);
    expect(gcm.groups[0].label).toBeTruthy();
    expect(gcm.groups.at(-1)).toMatchObject({
      label: 'Not linked to a GCM objective',
      labelKm: 'មិនទាន់ភ្ជាប់ទៅនឹងគោលបំណង GCM',
    });
    const filtered = await stats(secretariat, 'GCM_OBJECTIVE', { gcmObjective: 1 });
    expect(filtered.groups.map((g: any) => [g.key, g.total])).toEqual([
      ['1', 1],
      ['2', 1],
    ]);
  });

  it('counts only what the viewer may see', async () => {
    const forPartner = await stats(partner, 'ORGANIZATION');
    expect(forPartner.groups.map((g: any) => [g.key, g.total])).toEqual([
      [w.a.gid, 1],
      [w.b.gid, 1],
    ]);
    expect(forPartner.total).toBe(2);
    const forFocal = await stats(focalPoint(w.a.id), 'STATUS');
    expect(forFocal.groups.reduce((sum: number, g: any) => sum + g.total, 0)).toBe(3);
    const refused = await api.run(anonymous, STATS, { groupBy: 'STATUS' });
    expect(refused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('several statistics in one request', () => {
  it('cost one statement and answer each as alone', async () => {
    const alone = [];
    for (const query of [
      '{ commitmentStats(groupBy: ORGANIZATION, filter: { overdue: true }) { key total overdue byStatus { status count } } }',
      '{ commitmentStats(groupBy: PLAN_GOAL) { key label total averageProgress highCompletion } }',
      '{ commitmentStats(groupBy: GCM_OBJECTIVE) { key total } }',
    ])
      alone.push((await api.run(secretariat, query)).data!.commitmentStats);
    db.queries.length = 0;
    const together = await api.run(
      secretariat,
      `{ a: commitmentStats(groupBy: ORGANIZATION, filter: { overdue: true }) { key total overdue byStatus { status count } }
         b: commitmentStats(groupBy: PLAN_GOAL) { key label total averageProgress highCompletion }
         c: commitmentStats(groupBy: GCM_OBJECTIVE) { key total } }`,
    );
    expect(together.errors).toBeUndefined();
    expect(db.queries.filter((q) => /^\s*(with|select)/i.test(q))).toHaveLength(1);
    expect([together.data!.a, together.data!.b, together.data!.c]).toEqual(alone);
    expect(alone.every((groups) => groups.length > 0)).toBe(true);
  });
});
