import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type GraphqlResult } from '../../test/api.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { focalPoint, partner, secretariat } from '../../test/viewers.js';
import { anonymous, type Viewer } from '../auth/viewer.js';
import { loadDemo } from '../demo/demo.service.js';
import { testFactories } from '../test-support/factories.js';
import { type RequestFacts, withRequestFacts } from '../logger.js';
import { toGlobalId } from './global-id.js';
import { withGlobalIds } from './sql-answers.js';

// Answers in SQL (sql-answers.ts) against the usual way (resolvers and loaders), on the demo data, for every
// kind of viewer: the same answer, from one statement.

type Api = Awaited<ReturnType<typeof createTestApi>>;
let db: TestDatabase;
let inSql: Api;
let usual: Api;
let publicInSql: Api;
let publicUsual: Api;
let viewers: [string, Viewer][];

const CONNECTION = `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor __typename } __typename`;

const QUERIES: Record<string, { query: string; variables?: Record<string, unknown> }> = {
  'Q1 (the peers benchmark)': {
    query: `query Q1($first: Int!) { commitments(first: $first) { nodes {
      id reference title status progress dueDate
      leadOrganization { id acronym name } assignee { id fullName } meeting { id title startsAt } } } }`,
    variables: { first: 50 },
  },
  'Q2 (the peers benchmark)': {
    query: `query Q2 { meetings(first: 20) { nodes { id title startsAt
      participations { role attendance person { id fullName } organization { id acronym } }
      commitments(first: 10) { nodes { id reference title status } } } } }`,
  },
  'a second page, with edges, cursors, totals and every order': {
    query: `query Page($after: String, $order: CommitmentOrder) {
      commitments(first: 7, after: $after, orderBy: $order) {
        ${CONNECTION} edges { cursor __typename node { __typename id title titleKm isOverdue priority visibility completionLevel slippedDays originalDueDate } } } }`,
    variables: { after: 'bzo2', order: { field: 'PROGRESS', direction: 'DESC' } },
  },
  'a page counted from the end before a cursor': {
    query: `{ commitments(last: 3, before: "bzoxMA") { ${CONNECTION} nodes { reference } } }`,
  },
  'a filter, fragments, aliases and contact details': {
    query: `query Filtered($filter: CommitmentFilter) {
      open: commitments(first: 100, filter: $filter) { count: totalCount nodes { ...Row } }
      all: commitments(first: 0) { totalCount pageInfo { hasNextPage startCursor } nodes { id } } }
      fragment Row on Commitment { id ... on Commitment { ref: reference } assignee { ...Who } dueDate status }
      fragment Who on Person { id fullName email phone organization { acronym parent { id } } }`,
    variables: { filter: { status: ['NOT_STARTED', 'IN_PROGRESS', 'AT_RISK'], search: 'a' } },
  },
  '@include and @skip, on fields and fragments, by variables': {
    query: `query Choose($yes: Boolean!, $no: Boolean!) { commitments(first: 5) {
      totalCount @include(if: $no) nodes { id title @skip(if: $yes) reference @include(if: $yes)
        ...Lead @include(if: $yes) ... on Commitment @skip(if: $no) { status } } } }
      fragment Lead on Commitment { leadOrganization { acronym } }`,
    variables: { yes: true, no: false },
  },
  'every column of a commitment, timestamps and versions included': {
    query: `{ commitments(first: 100) { totalCount nodes { id reference title titleKm description descriptionKm
      status progress dueDate originalDueDate isOverdue slippedDays completionLevel priority visibility version
      lastUpdateAt createdAt updatedAt statusReason __typename } } }`,
  },
  'a count alone, of an empty list, and an empty page': {
    query: `{ none: commitments(filter: { search: "no such words" }) { totalCount }
      empty: meetings(filter: { search: "no such words" }) { ${CONNECTION} nodes { id } edges { cursor } } }`,
  },
  'meetings by title, with organisers, chairs and nested pages': {
    query: `query Meetings($order: MeetingOrder, $after: String) { meetings(first: 5, orderBy: $order) { ${CONNECTION}
      nodes { id title titleKm location status visibility startsAt endsAt
        organizer { id acronym } chair { id fullName email }
        participations { attendance role meeting { id } }
        commitments(first: 2, after: $after) { ${CONNECTION} nodes { id meeting { id } } } } } }`,
    variables: { order: { field: 'TITLE', direction: 'ASC' }, after: 'bzow' },
  },
  'meetings filtered by date and status, updated last first': {
    query: `query Meetings($filter: MeetingFilter) {
      meetings(first: 10, filter: $filter, orderBy: { field: UPDATED_AT, direction: DESC }) {
        totalCount nodes { id title status } } }`,
    variables: { filter: { from: '2020-01-01T00:00:00Z', status: ['HELD', 'PLANNED'] } },
  },
};

/** An answer and the facts of the request that gave it: whether it was answered in SQL, and how many statements ran. */
async function ask(api: Api, viewer: Viewer, query: string, variables?: Record<string, unknown>) {
  const facts: RequestFacts = { sql: 0 };
  const result = await withRequestFacts(facts, () => api.run(viewer, query, variables));
  return { result, facts };
}

beforeAll(async () => {
  db = await createTestDatabase();
  await loadDemo(db.orm);
  [inSql, usual, publicInSql, publicUsual] = await Promise.all([
    createTestApi(db.orm),
    createTestApi(db.orm, { sqlAnswers: false }),
    createTestApi(db.orm, { publicRead: true }),
    createTestApi(db.orm, { publicRead: true, sqlAnswers: false }),
  ]);
  // A focal point of the organisation that leads the most commitments, invited to a meeting it does not organise.
  const [lead] = await db.orm.em.fork().execute<{ organization: string; person: string }[]>(
    `select c.lead_organization_id as organization,
            (select p.person_id from participation p join meeting m on m.id = p.meeting_id
             where m.visibility = 'INTERNAL' and m.organizer_id <> c.lead_organization_id limit 1) as person
     from commitment c group by c.lead_organization_id order by count(*) desc limit 1`,
  );
  // A commitment of theirs agreed in a meeting they may not see (neither organised nor attended by them).
  const make = testFactories(db.orm);
  const host = await make.organization('HOST');
  const meeting = await make.meeting({ organizer: host.id, visibility: 'INTERNAL' });
  await make.commitment({ lead: lead!.organization, meeting: meeting.id, dueDate: '2000-01-01', visibility: 'PUBLIC' });
  // Text that looks like the mark of a global id (sql-answers.ts GlobalId), stored as it is.
  await make.commitment({
    lead: lead!.organization,
    dueDate: '2000-01-02',
    visibility: 'PUBLIC',
    title: `x\u0001Commitment" : "${lead!.organization}`,
    titleKm: `\\u0001Commitment" : "${lead!.organization}"`,
  });
  viewers = [
    ['the secretariat', secretariat],
    ['a partner', partner],
    ['a focal point', focalPoint(lead!.organization, lead!.person)],
  ];
}, 120_000);

afterAll(async () => {
  await Promise.all([inSql, usual, publicInSql, publicUsual].map((api) => api?.stop()));
  await db?.drop();
});

describe('global ids written on the way out', () => {
  const uuid = '0b9e7d64-2f6c-4a8e-9d3f-5c1a2b3c4d5e';
  it('turns each marked uuid into the global id, and leaves everything else', () => {
    const json = `{"id\\u0001Commitment" : "${uuid}", "title" : "x", "lead" : {"key\\u0001Organization" : "${uuid}"}}`;
    expect(JSON.parse(withGlobalIds(json))).toEqual({
      id: toGlobalId('Commitment', uuid),
      title: 'x',
      lead: { key: toGlobalId('Organization', uuid) },
    });
  });

  it('leaves text that only looks like a mark (in a value it is never followed by a key colon)', () => {
    for (const json of [
      `{"title" : "a\\u0001Commitment", "n" : 1}`,
      `{"title" : "a\\u0001Commitment\\" : \\"${uuid}\\""}`,
      `{"title" : "\\\\u0001Commitment" , "x" : "${uuid}"}`,
      `{"title" : "\\u0001Commitment"}`,
    ]) {
      expect(withGlobalIds(json), json).toBe(json);
    }
  });
});

describe('answers in SQL', () => {
  for (const [label, { query, variables }] of Object.entries(QUERIES)) {
    it(`${label}: the same answer as the resolvers give, in one statement, for every viewer`, async () => {
      for (const [who, viewer] of viewers) {
        const fast = await ask(inSql, viewer, query, variables);
        const slow = await ask(usual, viewer, query, variables);
        expect(fast.result.errors, who).toBeUndefined();
        // As sent: the resolvers' DateTime values are Date objects until the answer is serialised.
        expect(JSON.stringify(fast.result), who).toBe(JSON.stringify(slow.result));
        expect(fast.facts, who).toMatchObject({ inSql: true, sql: 1 });
        expect(slow.facts.inSql, who).toBeUndefined();
      }
      // Anonymous visitors, where public reading is on.
      const fast = await ask(publicInSql, anonymous, query, variables);
      expect(fast.facts).toMatchObject({ inSql: true, sql: 1 });
      expect(JSON.stringify(fast.result)).toBe(
        JSON.stringify((await ask(publicUsual, anonymous, query, variables)).result),
      );
    });
  }

  it('lists something for each viewer, so that the comparisons compare', async () => {
    for (const [who, viewer] of viewers) {
      const { result } = await ask(inSql, viewer, QUERIES['Q1 (the peers benchmark)']!.query, { first: 50 });
      expect((result as GraphqlResult).data?.commitments.nodes.length, who).toBeGreaterThan(0);
    }
    const hidden = await ask(inSql, viewers[2]![1], '{ commitments(first: 100) { nodes { meeting { id } } } }');
    expect(hidden.facts.inSql).toBe(true);
    const meetings = (hidden.result.data!.commitments.nodes as { meeting: unknown }[]).map((node) => node.meeting);
    expect(meetings).toContain(null);
    expect(meetings.some((meeting) => meeting !== null)).toBe(true);
  });

  it('refuses as the usual way does: the same error, code and path', async () => {
    for (const [query, viewer] of [
      ['{ commitments(first: 500) { nodes { id } } }', secretariat],
      ['{ commitments(after: "nonsense") { nodes { id } } }', secretariat],
      ['{ commitments(filter: { leadOrganizationId: "x" }) { nodes { id } } }', secretariat],
      ['{ meetings { nodes { id } } }', anonymous],
    ] as const) {
      const fast = await ask(inSql, viewer, query);
      const slow = await ask(usual, viewer, query);
      expect(fast.result.errors?.length, query).toBeGreaterThan(0);
      expect(JSON.stringify(fast.result), query).toBe(JSON.stringify(slow.result));
      expect(fast.facts.inSql, query).toBeUndefined();
    }
  });

  it('answers the usual way what it cannot write in SQL, with the same answer', async () => {
    for (const query of [
      '{ commitments(first: 5) { nodes { id decision { id } updates { totalCount } } } }',
      '{ commitments(first: 5) { nodes { id supportingOrganizations { acronym } } } }',
      '{ commitments(last: 2) { nodes { id } } }',
      '{ meetings(first: 2) { nodes { id agendaItems { id } } } organizations(first: 1) { nodes { id } } }',
    ]) {
      const fast = await ask(inSql, secretariat, query);
      const slow = await ask(usual, secretariat, query);
      expect(fast.result.errors, query).toBeUndefined();
      expect(JSON.stringify(fast.result), query).toBe(JSON.stringify(slow.result));
      expect(fast.facts.inSql, query).toBeUndefined();
    }
  });
});
