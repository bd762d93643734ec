import { randomUUID } from 'node:crypto';
import {
  getNamedType,
  type GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createTestAccount, createTestHttp, createTestToken, type HttpResult, type TestHttp } from '../../test/http.js';
import { toGlobalId } from '../graphql/global-id.js';
import { getSchema } from '../graphql/schema.js';
import { testFactories } from '../test-support/factories.js';

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

describe('hidden means hidden: a record the caller may not see answers like one that does not exist', () => {
  const TARGETS = ['id', 'commitmentId', 'meetingId'];

  /** The smallest input of `type`: its required fields, with `target` set to `id`. */
  function inputFor(type: GraphQLInputType, target: string, id: string, organization: string, name = ''): unknown {
    const inner = isNonNullType(type) ? type.ofType : type;
    const named = getNamedType(inner);
    let value: unknown;
    if (isInputObjectType(named)) {
      const fields = Object.values(named.getFields()).filter((f) => isNonNullType(f.type) || f.name === target);
      value = Object.fromEntries(fields.map((f) => [f.name, inputFor(f.type, target, id, organization, f.name)]));
    } else if (isEnumType(named)) value = named.getValues()[0]!.value;
    else if (isScalarType(named))
      value =
        {
          ID: name === target ? id : organization,
          Int: 1,
          Boolean: true,
          DateTime: '2030-01-01T00:00:00Z',
          Date: '2030-01-01',
        }[named.name] ?? 'text';
    return isListType(inner) ? [value] : value;
  }

  /** An answer with the ids it echoes left out. */
  const answer = (result: HttpResult) =>
    JSON.stringify({ errors: result.body.errors, data: result.body.data }).replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, 'ID');

  it('on every mutation that takes a commitment or a meeting, and on node and nodes', async () => {
    const f = testFactories(db.orm);
    const mine = await f.organization('MINE');
    const theirs = await f.organization('THEIRS');
    const meeting = await f.meeting({ organizer: theirs.id, startsAt: '2024-01-10T02:00:00Z', visibility: 'INTERNAL' });
    const commitment = await f.commitment({ lead: theirs.id, visibility: 'INTERNAL', meeting: meeting.id });
    const focalPoint = await createTestAccount(db, { role: 'FOCAL_POINT', organizationId: mine.id });
    const writer = await createTestAccount(db, { role: 'PARTNER' });
    const viewers = {
      'focal point': await createTestToken(db, focalPoint.id, 'WRITE'),
      partner: await createTestToken(db, writer.id, 'WRITE'),
    };
    const hidden = { Commitment: commitment.gid, Meeting: meeting.gid };
    const schema = await getSchema();
    let compared = 0;
    for (const field of Object.values(schema.getMutationType()!.getFields())) {
      const input = field.args.find((arg) => arg.name === 'input');
      const type = input && getNamedType(input.type);
      if (!input || !isInputObjectType(type)) continue;
      const target = TARGETS.find((name) => type.getFields()[name]);
      if (!target) continue;
      const query = `mutation ($input: ${type.name}!) { ${field.name}(input: $input) { __typename } }`;
      for (const [kind, id] of Object.entries(hidden)) {
        const missing = toGlobalId(kind, randomUUID());
        for (const [who, token] of Object.entries(viewers)) {
          const seen = await http.gql(query, { input: inputFor(input.type, target, id, mine.gid) }, { token });
          const none = await http.gql(query, { input: inputFor(input.type, target, missing, mine.gid) }, { token });
          expect(answer(seen), `${field.name}(${target}: hidden ${kind}) as ${who}`).toBe(answer(none));
          expect(seen.body.errors?.[0]?.extensions?.code, `${field.name} as ${who}`).not.toBe('INTERNAL_SERVER_ERROR');
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(40);
    for (const [who, token] of Object.entries(viewers)) {
      for (const [kind, id] of Object.entries(hidden)) {
        const query = 'query ($id: ID!) { node(id: $id) { id } nodes(ids: [$id]) { id } }';
        const seen = await http.gql(query, { id }, { token });
        const none = await http.gql(query, { id: toGlobalId(kind, randomUUID()) }, { token });
        expect(seen.body, `node(${kind}) as ${who}`).toEqual({ data: { node: null, nodes: [null] } });
        expect(none.body).toEqual(seen.body);
      }
    }
  });
});
