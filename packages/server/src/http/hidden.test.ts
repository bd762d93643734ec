import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createTestAccount, createTestHttp, createTestToken, type TestHttp } from '../../test/http.js';

let db: TestDatabase;
let http: TestHttp;
let partner: string;
let secretariat: string;

beforeAll(async () => {
  db = await createTestDatabase();
  http = await createTestHttp(db, { production: true, publicRead: true });
  partner = await createTestToken(db, (await createTestAccount(db, { role: 'PARTNER' })).id, 'READ');
  secretariat = await createTestToken(db, (await createTestAccount(db, { role: 'SECRETARIAT' })).id, 'READ');
});
afterAll(async () => {
  await http?.close();
  await db?.drop();
});

/** Near misses of names in the schema (in variables, the document, variable definitions), and what a suggestion would name. */
/** The last item says whether staff get a suggestion there (unknown input fields in variables get none, for anyone). */
const NEAR_MISSES: [string, string, Record<string, unknown> | undefined, string, boolean?][] = [
  [
    'an enum value in a variable',
    'query ($f: CommitmentFilter) { commitments(filter: $f) { totalCount } }',
    { f: { status: ['COMPLETD'] } },
    'COMPLETED',
  ],
  [
    'an enum value as a single list item',
    'query ($s: [CommitmentStatus!]) { commitments(filter: { status: $s }) { totalCount } }',
    { s: 'VERIFED' },
    'VERIFIED',
  ],
  [
    'an input field in a variable',
    'query ($f: CommitmentFilter) { commitments(filter: $f) { totalCount } }',
    { f: { serach: 'x' } },
    'Did you mean "search"',
    false,
  ],
  [
    'a nested enum in a variable',
    'query ($o: CommitmentOrder) { commitments(orderBy: $o) { totalCount } }',
    { o: { field: 'DUE_DAT', direction: 'ASC' } },
    'DUE_DATE',
  ],
  [
    'a mutation input field',
    'mutation ($i: LoginInput!) { login(input: $i) { viewer { role } } }',
    { i: { emial: 'a@b.org', password: 'x' } },
    'Did you mean "email"',
    false,
  ],
  [
    'an enum value in the document',
    '{ commitments(filter: { status: [COMPLETD] }) { totalCount } }',
    undefined,
    'COMPLETED',
  ],
  ['an argument', '{ commitments(filtr: {}) { totalCount } }', undefined, '"filter"'],
  ['a field', '{ commitments { totalCont } }', undefined, '"totalCount"'],
  [
    'a type in a variable definition',
    'query ($f: CommitmentFiltr) { commitments(filter: $f) { totalCount } }',
    { f: {} },
    '"CommitmentFilter"',
  ],
];

describe('hidden means hidden: what refusals tell anonymous and partner callers', () => {
  it.each(NEAR_MISSES)(
    'no "Did you mean …?" for %s',
    async (_what, query, variables, suggestion, staffGetOne = true) => {
      for (const token of [undefined, partner]) {
        const result = await http.gql(query, variables, { token });
        expect(result.status).toBe(400);
        const text = JSON.stringify(result.body).replaceAll('\\"', '"');
        expect(text).not.toMatch(/Did you mean/);
        expect(text).not.toContain(suggestion);
      }
      // The same refusal to staff names it: the test would notice if the near miss stopped being one.
      if (staffGetOne)
        expect(JSON.stringify((await http.gql(query, variables, { token: secretariat })).body)).toMatch(/Did you mean/);
    },
  );

  it.each([
    ['lists', (n: number) => `{ node(id: ${'['.repeat(n)}1${']'.repeat(n)}) { id } }`],
    ['objects', (n: number) => `{ node(id: ${'{a:'.repeat(n)}1${'}'.repeat(n)}) { id } }`],
    ['a default value', (n: number) => `query ($a: [ID] = ${'['.repeat(n)}${']'.repeat(n)}) { node(id: $a) { id } }`],
    ['selections', (n: number) => `{ ${'organizations { nodes { parent {'.repeat(n)} id ${'} } }'.repeat(n)} }`],
  ])(
    'a document nested thousands of levels deep in %s is QUERY_TOO_COMPLEX, never the parser’s own failure',
    async (_what, nested) => {
      for (const depth of [2_400, 4_990]) {
        const result = await http.gql(nested(depth));
        expect(result.status).toBe(400);
        expect(JSON.stringify(result.body)).not.toMatch(/call stack|Maximum|RangeError|stack/i);
        expect(result.body.errors?.map((e) => e.extensions?.code)).toEqual(
          expect.arrayContaining([expect.stringMatching(/^(QUERY_TOO_COMPLEX|GRAPHQL_PARSE_FAILED)$/)]),
        );
      }
      const overflow = await http.gql(nested(4_990));
      expect(overflow.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      // And the server goes on serving.
      expect((await http.gql('{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
    },
  );
});
