import 'reflect-metadata';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../../test/api.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { partner, secretariat } from '../../../test/viewers.js';
import { DecisionSchema, MeetingSchema } from '../meetings/meeting.entity.js';
import { OrganizationSchema } from '../organizations/organization.entity.js';
import { PersonSchema } from '../people/person.entity.js';
import { PlanGoalSchema, PlanObjectiveSchema, PlanSchema } from '../plans/plan.entity.js';
import {
  CommitmentPlanObjectiveSchema,
  CommitmentSchema,
  CommitmentSupporterSchema,
  EvidenceSchema,
  ProgressUpdateSchema,
} from './commitment.entity.js';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof createTestApi>>;

const COMMITMENTS = 120;
const ORGANIZATIONS = 30;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
  const em = db.orm.em.fork() as unknown as EntityManager;
  const orgs = Array.from({ length: ORGANIZATIONS }, (_, i) =>
    em.create(OrganizationSchema, {
      acronym: `ORG${String(i).padStart(2, '0')}`,
      name: `Org ${i}`,
      kind: 'GOVERNMENT',
    }),
  );
  const people = orgs.map((org, i) => em.create(PersonSchema, { fullName: `Person ${i}`, organization: org.id }));
  const meetings = Array.from({ length: 12 }, (_, i) =>
    em.create(MeetingSchema, {
      title: `Meeting ${i}`,
      kind: 'PLENARY',
      startsAt: new Date(Date.UTC(2023, i, 1, 2)),
      organizer: orgs[i % 5].id,
      visibility: i % 2 ? 'PARTNERS' : 'PUBLIC',
    }),
  );
  const decisions = meetings.map((m) => em.create(DecisionSchema, { meeting: m.id, text: 'Decided', position: 1 }));
  const plan = em.create(PlanSchema, { title: 'Plan' });
  const goal = em.create(PlanGoalSchema, { plan: plan.id, position: 1, title: 'Goal' });
  const objectives = Array.from({ length: 6 }, (_, i) =>
    em.create(PlanObjectiveSchema, { goal: goal.id, position: i + 1, code: `1.${i + 1}` }),
  );
  for (let i = 0; i < COMMITMENTS; i++) {
    const c = em.create(CommitmentSchema, {
      reference: `N1-${String(i).padStart(4, '0')}`,
      title: `Commitment ${i}`,
      leadOrganization: orgs[i % ORGANIZATIONS].id,
      assignee: people[(i * 7) % ORGANIZATIONS].id,
      meeting: meetings[i % meetings.length].id,
      decision: decisions[i % meetings.length].id,
      dueDate: `2024-${String((i % 12) + 1).padStart(2, '0')}-15`,
      gcmObjectives: [(i % 23) + 1, ((i + 5) % 23) + 1],
      visibility: i % 3 ? 'PARTNERS' : 'PUBLIC',
    });
    em.create(CommitmentSupporterSchema, { commitment: c.id, organization: orgs[(i + 1) % ORGANIZATIONS].id });
    em.create(CommitmentSupporterSchema, { commitment: c.id, organization: orgs[(i + 2) % ORGANIZATIONS].id });
    em.create(CommitmentPlanObjectiveSchema, { commitment: c.id, planObjective: objectives[i % 6].id });
    for (let u = 0; u < 2; u++) {
      const update = em.create(ProgressUpdateSchema, {
        commitment: c.id,
        author: people[(i + u + 3) % ORGANIZATIONS].id,
        statusBefore: 'NOT_STARTED',
        status: 'IN_PROGRESS',
        progressBefore: 0,
        progress: 10 * (u + 1),
      });
      em.create(EvidenceSchema, {
        progressUpdate: update.id,
        commitment: c.id,
        url: `https://example.org/${i}/${u}`,
      });
    }
  }
  await em.flush();
});
afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

const DEEP = `query ($first: Int) { commitments(first: $first) { totalCount nodes {
  reference
  leadOrganization { acronym }
  supportingOrganizations { acronym }
  assignee { fullName organization { acronym } }
  meeting { title organizer { acronym } }
  decision { text }
  gcmObjectives { number title }
  planObjectives { code }
  updates { totalCount nodes { author { fullName } evidence { url } } }
  evidence { url }
} } }`;

async function countQueries(viewer: any, query: string, variables: Record<string, unknown>) {
  db.queries.length = 0;
  const result = await api.run(viewer, query, variables);
  expect(result.errors).toBeUndefined();
  return { count: db.queries.length, data: result.data as any };
}

describe('no N+1 queries', () => {
  it('resolves a deep commitment list with the same, small number of statements for 10 or 100 rows', async () => {
    for (const viewer of [secretariat, partner]) {
      const small = await countQueries(viewer, DEEP, { first: 10 });
      const large = await countQueries(viewer, DEEP, { first: 100 });
      expect(small.data.commitments.nodes).toHaveLength(10);
      expect(large.data.commitments.nodes).toHaveLength(100);
      const node = large.data.commitments.nodes[0];
      expect(node.supportingOrganizations).toHaveLength(2);
      expect(node.updates.nodes).toHaveLength(2);
      expect(node.updates.nodes[0].evidence).toHaveLength(1);
      expect(node.evidence).toHaveLength(2);
      expect(node.gcmObjectives).toHaveLength(2);
      expect(node.meeting.organizer.acronym).toMatch(/^ORG/);
      expect(large.count).toBe(small.count);
      expect(large.count).toBeLessThanOrEqual(12);
    }
  });

  it('pages the commitments of many organisations and meetings in one query per level', async () => {
    const NESTED = `query ($first: Int) { organizations(first: $first) { nodes { acronym
      commitments(first: 3) { totalCount nodes { reference meeting { commitments(first: 2) { totalCount nodes { reference } } }
        decision { commitments { reference } } } } } } }`;
    const small = await countQueries(secretariat, NESTED, { first: 2 });
    const large = await countQueries(secretariat, NESTED, { first: 30 });
    expect(large.data.organizations.nodes).toHaveLength(30);
    // Each organisation leads 4 commitments and supports 8.
    expect(large.data.organizations.nodes[0].commitments.totalCount).toBe(12);
    expect(large.data.organizations.nodes[0].commitments.nodes).toHaveLength(3);
    expect(large.data.organizations.nodes[0].commitments.nodes[0].meeting.commitments.totalCount).toBe(10);
    expect(large.count).toBe(small.count);
  });
});

describe('lists count only when asked', () => {
  const run = async (query: string) => {
    db.queries.length = 0;
    const result = await api.run(secretariat, query);
    expect(result.errors).toBeUndefined();
    return { data: result.data!, counts: db.queries.filter((q) => /select count\(\*\)/i.test(q)).length };
  };

  it('runs no count without totalCount, one with it, and pages the same', async () => {
    const lazy = await run('{ commitments(first: 50) { pageInfo { hasNextPage endCursor } nodes { reference } } }');
    const counted = await run(
      '{ commitments(first: 50) { totalCount pageInfo { hasNextPage endCursor } nodes { reference } } }',
    );
    expect(lazy.counts).toBe(0);
    expect(counted.counts).toBe(1);
    expect(counted.data.commitments.totalCount).toBe(COMMITMENTS);
    expect(lazy.data.commitments.pageInfo).toEqual(counted.data.commitments.pageInfo);
    expect(lazy.data.commitments.pageInfo.hasNextPage).toBe(true);
    expect(lazy.data.commitments.nodes).toEqual(counted.data.commitments.nodes);
  });

  it('knows the last page and an empty first page without counting', async () => {
    const cursor = Buffer.from(`o:${COMMITMENTS - 6}`).toString('base64url');
    const last = await run(
      `{ commitments(first: 50, after: "${cursor}") { pageInfo { hasNextPage hasPreviousPage } nodes { reference } } }`,
    );
    expect(last.data.commitments.nodes).toHaveLength(5);
    expect(last.data.commitments.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
    const none = await run('{ commitments(first: 0) { pageInfo { hasNextPage } nodes { reference } } }');
    expect(none.data.commitments).toEqual({ pageInfo: { hasNextPage: true }, nodes: [] });
    expect(last.counts + none.counts).toBe(0);
    // `last` without `before` needs the total first.
    const tail = await run('{ commitments(last: 3) { totalCount nodes { reference } } }');
    expect(tail.data.commitments.nodes).toHaveLength(3);
    expect(tail.counts).toBe(1);
  });
});
