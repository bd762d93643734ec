import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../../test/database.js';
import { partner, secretariat } from '../../../test/viewers.js';
import { type Viewer } from '../../auth/viewer.js';
import { type ApiSuite, closeApiSuite, openApiSuite, type TestApi } from '../../test-support/api-suite.js';
import { seedListCommitments } from './commitment.fixtures.js';

// Narrow reads (decision 0024): a commitments list whose selection asks for plain columns only reads
// those columns, and its lead organisation, assignee and meeting as small JSON objects, in one statement;
// several lists of one request share one statement; totalCount comes in the page's statement. These
// tests hold each to what the whole-row path answers for the same commitments (`nodes(ids)`, every relation
// from its own loader), for every kind of viewer, hidden meetings included.

let suite: ApiSuite;
let db: TestDatabase;
/** With public reading on, so that anonymous visitors read lists too. */
let api: TestApi;
let viewers: Record<string, Viewer>;

beforeAll(async () => {
  // The narrow reads are the resolvers' way: answers in SQL, which would take these queries first, are off
  // here (graphql/sql-answers.test.ts holds those to the resolvers' answers).
  suite = await openApiSuite({ sqlAnswers: false });
  ({ db, publicApi: api } = suite);
  viewers = await seedListCommitments(db.orm);
});
afterAll(() => closeApiSuite(suite));

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
