import 'reflect-metadata';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../../test/api.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { focalPoint, partner, secretariat } from '../../../test/viewers.js';
import { anonymous, type Viewer } from '../../auth/viewer.js';
import { DecisionSchema, MeetingSchema, ParticipationSchema } from '../meetings/meeting.entity.js';
import { OrganizationSchema } from '../organizations/organization.entity.js';
import { PersonSchema } from '../people/person.entity.js';
import { CommitmentSchema } from './commitment.entity.js';

// Narrow reads (decision 0024): a commitments list whose selection asks for plain columns only reads
// those columns, and its lead organisation, assignee and meeting as small JSON objects, in one statement;
// several lists of one request share one statement; totalCount comes in the page's statement. These
// tests hold each to what the whole-row path answers for the same commitments (`nodes(ids)`, every relation
// from its own loader), for every kind of viewer, hidden meetings included.

let db: TestDatabase;
let api: Awaited<ReturnType<typeof createTestApi>>;
let viewers: Record<string, Viewer>;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm, { publicRead: true });
  const em = db.orm.em.fork() as unknown as EntityManager;
  const orgs = Array.from({ length: 6 }, (_, i) =>
    em.create(OrganizationSchema, { acronym: `LR${i}`, name: `List org ${i}`, kind: 'GOVERNMENT' }),
  );
  const people = orgs.map((org, i) => em.create(PersonSchema, { fullName: `List person ${i}`, organization: org.id }));
  const loner = em.create(PersonSchema, { fullName: 'No organisation' });
  const visibilities = ['INTERNAL', 'PARTNERS', 'PUBLIC'] as const;
  const meetings = Array.from({ length: 6 }, (_, i) =>
    em.create(MeetingSchema, {
      title: `List meeting ${i}`,
      kind: 'PLENARY',
      startsAt: new Date(Date.UTC(2025, i, 1, 2)),
      organizer: orgs[i % 3]!.id,
      visibility: visibilities[i % 3]!,
    }),
  );
  // The focal point of org 4 takes part in the INTERNAL meeting 3 (so may see it).
  em.create(ParticipationSchema, {
    meeting: meetings[3]!.id,
    person: people[4]!.id,
    organization: orgs[4]!.id,
    role: 'PARTICIPANT',
    attendance: 'CONFIRMED',
  });
  const decisions = meetings.map((m) => em.create(DecisionSchema, { meeting: m.id, text: 'Decided', position: 1 }));
  for (let i = 0; i < 40; i++) {
    em.create(CommitmentSchema, {
      reference: `LR-${String(i).padStart(3, '0')}`,
      title: `List commitment ${i}`,
      leadOrganization: orgs[i % 6]!.id,
      assignee: i % 5 === 0 ? null : i % 7 === 0 ? loner.id : people[(i * 5) % 6]!.id,
      meeting: i % 4 === 0 ? null : meetings[i % 6]!.id,
      decision: i % 4 === 0 ? null : decisions[i % 6]!.id,
      dueDate: i % 9 === 0 ? null : `2025-${String((i % 12) + 1).padStart(2, '0')}-10`,
      visibility: visibilities[(i + 1) % 3]!,
    });
  }
  await em.flush();
  viewers = {
    secretariat,
    partner,
    anonymous,
    focalPoint: focalPoint(orgs[4]!.id, people[4]!.id),
  };
});
afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

const NARROW = `id reference title titleKm status progress dueDate originalDueDate isOverdue slippedDays completionLevel
  priority visibility version lastUpdateAt createdAt updatedAt __typename
  leadOrganization { id acronym name nameKm __typename } assignee { id fullName fullNameKm } meeting { id title startsAt }`;

const selects = () => db.queries.filter((q) => /^\s*(select|with)/i.test(q));

describe('narrow commitments lists', () => {
  it.each(['secretariat', 'partner', 'anonymous', 'focalPoint'])(
    'answer exactly as the whole-row path does, as %s',
    async (name) => {
      const viewer = viewers[name]!;
      db.queries.length = 0;
      const list = await api.run(viewer, `{ commitments(first: 100) { totalCount nodes { ${NARROW} } } }`);
      expect(list.errors).toBeUndefined();
      // One statement, narrow (no whole rows as JSON), with the total in it.
      expect(selects()).toHaveLength(1);
      expect(selects()[0]).toContain('json_build_object');
      expect(selects()[0]).not.toContain('to_jsonb');
      const nodes = list.data!.commitments.nodes as { id: string; meeting: unknown }[];
      expect(nodes.length).toBe(list.data!.commitments.totalCount);
      expect(nodes.length).toBeGreaterThan(0);
      const separately = await api.run(
        viewer,
        `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Commitment { ${NARROW} } } }`,
        { ids: nodes.map((node) => node.id) },
      );
      expect(separately.errors).toBeUndefined();
      expect(nodes).toEqual(separately.data!.nodes);
      if (name === 'partner') expect(nodes.some((node) => node.meeting === null)).toBe(true);
    },
  );

  it('answers pages, cursors, orders and totals as before, in one statement at 10 and at 100 items', async () => {
    for (const first of [10, 100]) {
      db.queries.length = 0;
      const page = await api.run(
        partner,
        `query($first: Int) { commitments(first: $first, orderBy: { field: PROGRESS, direction: DESC }) {
           totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id reference } }
           nodes { id reference leadOrganization { acronym } } } }`,
        { first },
      );
      expect(page.errors).toBeUndefined();
      expect(selects()).toHaveLength(1);
      const whole = await api.run(
        partner,
        `query($first: Int) { commitments(first: $first, orderBy: { field: PROGRESS, direction: DESC }) {
           totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id reference } }
           nodes { id reference leadOrganization { acronym } decision { id } } } }`,
        { first },
      );
      expect(whole.errors).toBeUndefined();
      const { nodes: wholeNodes, ...wholeRest } = whole.data!.commitments;
      const { nodes, ...rest } = page.data!.commitments;
      expect(rest).toEqual(wholeRest);
      expect(nodes).toEqual((wholeNodes as { decision: unknown }[]).map(({ decision: _decision, ...node }) => node));
    }
  });

  it('counts a page past the end separately (it has no row to carry the total)', async () => {
    const after = Buffer.from('o:500').toString('base64url');
    const page = await api.run(secretariat, `{ commitments(first: 5, after: "${after}") { totalCount nodes { id } } }`);
    expect(page.errors).toBeUndefined();
    expect(page.data!.commitments).toEqual({ totalCount: 40, nodes: [] });
  });

  it('reads several lists of one request in one statement, each as it reads alone', async () => {
    const lists = {
      a: `commitments(first: 5, filter: { status: [NOT_STARTED] }) { totalCount nodes { ${NARROW} } }`,
      b: `commitments(first: 7, orderBy: { field: REFERENCE, direction: DESC }) { totalCount pageInfo { hasNextPage } nodes { reference assignee { fullName organization { acronym } } } }`,
      c: `commitments(first: 3, after: "${Buffer.from('o:2').toString('base64url')}") { nodes { reference meeting { title organizer { acronym } } } }`,
    };
    for (const name of ['secretariat', 'partner', 'focalPoint']) {
      const viewer = viewers[name]!;
      db.queries.length = 0;
      const together = await api.run(
        viewer,
        `{ ${Object.entries(lists)
          .map(([k, q]) => `${k}: ${q}`)
          .join(' ')} }`,
      );
      expect(together.errors).toBeUndefined();
      expect(selects()).toHaveLength(1);
      for (const [key, query] of Object.entries(lists)) {
        const alone = await api.run(viewer, `{ ${key}: ${query} }`);
        expect(alone.errors).toBeUndefined();
        expect(together.data![key]).toEqual(alone.data![key]);
      }
    }
  });

  it('reads lists one by one when one of them needs its total first (last without before)', async () => {
    const result = await api.run(
      secretariat,
      `{ a: commitments(first: 2) { totalCount nodes { reference } } b: commitments(last: 2) { totalCount nodes { reference } } }`,
    );
    expect(result.errors).toBeUndefined();
    const all = await api.run(secretariat, `{ commitments(first: 100) { nodes { reference } } }`);
    const references = (all.data!.commitments.nodes as { reference: string }[]).map((n) => n.reference);
    expect(result.data!.a).toEqual({
      totalCount: 40,
      nodes: references.slice(0, 2).map((reference) => ({ reference })),
    });
    expect(result.data!.b).toEqual({ totalCount: 40, nodes: references.slice(-2).map((reference) => ({ reference })) });
  });

  it('keeps every field rule of the nested lists when they read only the columns they need', async () => {
    for (const name of ['secretariat', 'partner', 'anonymous', 'focalPoint']) {
      const viewer = viewers[name]!;
      const nested = await api.run(
        viewer,
        `{ organizations(first: 20) { nodes { id commitments(first: 5) { totalCount nodes { ${NARROW} } } } } }`,
      );
      expect(nested.errors).toBeUndefined();
      for (const organization of nested.data!.organizations.nodes as { commitments: { nodes: { id: string }[] } }[]) {
        if (!organization.commitments.nodes.length) continue;
        const separately = await api.run(
          viewer,
          `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Commitment { ${NARROW} } } }`,
          { ids: organization.commitments.nodes.map((node) => node.id) },
        );
        expect(organization.commitments.nodes).toEqual(separately.data!.nodes);
      }
    }
  });
});

describe('statistics read only the columns their filters need', () => {
  it.each([
    ['a search', '{ search: "commitment 1" }'],
    ['an overdue flag', '{ overdue: true }'],
    ['a status and a due range', '{ status: [NOT_STARTED], dueFrom: "2025-03-01", dueTo: "2025-09-30" }'],
  ])('counts what the list counts, with %s', async (_name, filter) => {
    for (const name of ['secretariat', 'partner', 'focalPoint']) {
      const viewer = viewers[name]!;
      const result = await api.run(
        viewer,
        `{ commitmentStats(groupBy: STATUS, filter: ${filter}) { total }
           all: commitmentStats(groupBy: ORGANIZATION) { total }
           commitments(first: 1, filter: ${filter}) { totalCount } }`,
      );
      expect(result.errors).toBeUndefined();
      const sum = (groups: { total: number }[]) => groups.reduce((total, group) => total + group.total, 0);
      expect(sum(result.data!.commitmentStats)).toBe(result.data!.commitments.totalCount);
    }
  });
});
