import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../../test/database.js';
import { partner, secretariat } from '../../../test/viewers.js';
import { type Viewer } from '../../auth/viewer.js';
import { type ApiSuite, closeApiSuite, openApiSuite, type TestApi } from '../../test-support/api-suite.js';
import { seedListCommitments } from './commitment.fixtures.js';

// The commitments list loads the lead organisation, assignee and meeting it is asked for in its own
// statement (commitment.loaders.ts commitmentRelationsSql). These tests hold it to what the separate
// loaders answer for the same commitments, for every kind of viewer, hidden meetings included.

let suite: ApiSuite;
let db: TestDatabase;
/** With public reading on, so that anonymous visitors read lists too. */
let api: TestApi;
let viewers: Record<string, Viewer>;

beforeAll(async () => {
  suite = await openApiSuite();
  ({ db, publicApi: api } = suite);
  viewers = await seedListCommitments(db.orm);
});
afterAll(() => closeApiSuite(suite));

const ITEM = `id reference title status progress dueDate
  leadOrganization { id acronym name }
  assignee { id fullName organization { id acronym } }
  meeting { id title startsAt organizer { acronym } }
  decision { id text }`;

describe('commitments list with its to-one relations in one statement', () => {
  it.each(['secretariat', 'partner', 'anonymous', 'focalPoint'])(
    'answers exactly as the separate loaders do, as %s',
    async (name) => {
      const viewer = viewers[name]!;
      const list = await api.run(viewer, `{ commitments(first: 100) { totalCount nodes { ${ITEM} } } }`);
      expect(list.errors).toBeUndefined();
      const nodes = list.data!.commitments.nodes as { id: string; meeting: unknown }[];
      expect(nodes.length).toBe(list.data!.commitments.totalCount);
      expect(nodes.length).toBeGreaterThan(0);
      // The same commitments one by one through node ids: nothing primed, every relation from its own loader.
      const separately = await api.run(
        viewer,
        `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Commitment { ${ITEM} } } }`,
        {
          ids: nodes.map((node) => node.id),
        },
      );
      expect(separately.errors).toBeUndefined();
      expect(nodes).toEqual(separately.data!.nodes);
      if (name === 'partner') {
        // A commitment partners may read whose meeting they may not: null, as before.
        expect(nodes.some((node) => node.meeting === null)).toBe(true);
      }
    },
  );

  it('through fragments and edges too, in one statement for the page and its relations', async () => {
    db.queries.length = 0;
    const result = await api.run(
      secretariat,
      `fragment Row on Commitment { leadOrganization { acronym } ... on Commitment { assignee { fullName } } }
       { commitments(first: 50) { edges { node { reference ...Row meeting { title } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.commitments.edges).toHaveLength(40);
    expect(db.queries.filter((q) => /^\s*select/i.test(q))).toHaveLength(1);
  });

  it('Q1 of the peers benchmark runs one statement, at 10 and at 100 items', async () => {
    for (const first of [10, 100]) {
      db.queries.length = 0;
      const result = await api.run(
        partner,
        `query($first: Int) { commitments(first: $first) { nodes { id reference title status progress dueDate
           leadOrganization { id acronym name } assignee { id fullName } meeting { id title startsAt } } } }`,
        { first },
      );
      expect(result.errors).toBeUndefined();
      expect(db.queries).toHaveLength(1);
    }
  });
});
