/**
 * Property-based: documents and variables generated from the schema (valid, near misses and
 * garbage: broken Unicode, huge and deep values, wrong types, hidden ids) are thrown at the real
 * HTTP app as anonymous, partner and focal-point callers. Whatever they send, no answer is a 500 or
 * INTERNAL_SERVER_ERROR, and none contains a record, an e-mail address or a suggestion that the
 * caller may not see. PRACHUM_FUZZ_RUNS sets the number of cases per property (default 150); a
 * failure prints the seed to replay it with.
 */
import fc from 'fast-check';
import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createTestAccount, createTestHttp, createTestToken, type HttpResult, type TestHttp } from '../../test/http.js';
import { getSchema } from '../graphql/schema.js';
import { testFactories } from '../test-support/factories.js';
import { PersonSchema } from '../modules/people/person.entity.js';

const RUNS = Number(process.env.PRACHUM_FUZZ_RUNS || 150);

let schema: GraphQLSchema;
let db: TestDatabase;
let http: TestHttp;

/** Who asks, and what each may never be shown. */
interface Caller {
  name: string;
  token?: string;
  secrets: string[];
}
const callers: Caller[] = [];
/** Ids the generator uses: visible and hidden records, and ids of nothing. */
const ids: string[] = [];

const SECRET_TITLE = 'Confidential referral plan qx7';
const SECRET_MEETING = 'Closed session on case files qx7';
const PARTNER_ONLY = 'Shared with partners only qx7';
const SECRET_EMAIL = 'hidden.person.qx7@moi.example.org';

beforeAll(async () => {
  schema = await getSchema();
  db = await createTestDatabase();
  http = await createTestHttp(db, {
    production: true,
    publicRead: true,
    env: {
      PRACHUM_RATE_LIMIT_PER_MINUTE: '0',
      PRACHUM_LOGIN_MAX_FAILURES: '1000',
      PRACHUM_LOGIN_MAX_FAILURES_PER_IP: '1000',
    },
  });
  const f = testFactories(db.orm);
  const own = await f.organization('OWN');
  const other = await f.organization('OTHER');
  const hiddenMeeting = await f.meeting({
    organizer: other.id,
    startsAt: '2024-01-10T02:00:00Z',
    visibility: 'INTERNAL',
    title: SECRET_MEETING,
  });
  const publicMeeting = await f.meeting({
    organizer: own.id,
    startsAt: '2024-01-11T02:00:00Z',
    visibility: 'PUBLIC',
    title: 'Open review',
  });
  const hidden = await f.commitment({
    lead: other.id,
    title: SECRET_TITLE,
    visibility: 'INTERNAL',
    meeting: hiddenMeeting.id,
  });
  const partners = await f.commitment({ lead: other.id, title: PARTNER_ONLY, visibility: 'PARTNERS' });
  const visible = await f.commitment({
    lead: own.id,
    title: 'Open commitment',
    visibility: 'PUBLIC',
    meeting: publicMeeting.id,
  });
  const person = await f.person(other.id, 'Hidden Person');
  const em = db.orm.em.fork();
  const row = await em.findOneOrFail(PersonSchema, { id: person.id });
  row.email = SECRET_EMAIL;
  await em.flush();
  ids.push(hidden.gid, partners.gid, visible.gid, hiddenMeeting.gid, publicMeeting.gid, person.gid, own.gid, other.gid);
  ids.push('Q29tbWl0bWVudDowMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDA', 'nope', '');

  const partner = await createTestAccount(db, { role: 'PARTNER' });
  const focalPoint = await createTestAccount(db, { role: 'FOCAL_POINT', organizationId: own.id });
  callers.push(
    { name: 'anonymous', secrets: [SECRET_TITLE, SECRET_MEETING, PARTNER_ONLY, SECRET_EMAIL] },
    {
      name: 'partner',
      token: await createTestToken(db, partner.id, 'READ'),
      secrets: [SECRET_TITLE, SECRET_MEETING, SECRET_EMAIL],
    },
    {
      name: 'focal point',
      token: await createTestToken(db, focalPoint.id, 'WRITE'),
      secrets: [SECRET_TITLE, SECRET_MEETING],
    },
  );
});
afterAll(async () => {
  await http?.close();
  await db?.drop();
});

// ------------------------------------------------------------------ text and values

/** Text of every kind: ordinary, Khmer, decomposed, broken (lone surrogates, NUL), huge, and pieces of the secrets. */
const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('ប្រជុំ', 'Cafe\u0301', '\ud800', 'a\udc00b', '\u0000', '%', '_', "'; drop table x; --", '\\', 'qx7'),
  fc.constantFrom(SECRET_TITLE.slice(0, 12), 'referral', 'Closed session', 'hidden.person'),
  fc.integer({ min: 190, max: 100_000 }).map((n) => 'x'.repeat(n)),
);

/** A JSON value for where `type` is expected: usually of its shape, sometimes anything at all. */
function valueFor(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  const wrongly = fc.oneof(
    text,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant([]),
    fc.constant({}),
  );
  if (depth > 4) return wrongly;
  const inner = isNonNullType(type) ? type.ofType : type;
  const shaped: fc.Arbitrary<unknown> = isListType(inner)
    ? fc.array(valueFor(inner.ofType, depth + 1), { maxLength: 3 })
    : scalarOrObject(getNamedType(inner), depth);
  return fc.oneof(
    { weight: 6, arbitrary: shaped },
    { weight: 1, arbitrary: wrongly },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

function scalarOrObject(named: GraphQLNamedType, depth: number): fc.Arbitrary<unknown> {
  if (isEnumType(named))
    return fc.oneof(
      fc.constantFrom(...named.getValues().map((v) => v.value as string)),
      fc.constantFrom('NOPE', 'COMPLETD', ''),
    );
  if (isInputObjectType(named)) {
    const fields = Object.values(named.getFields());
    const entries = fields.map((field) => [field.name, valueFor(field.type, depth + 1)] as const);
    return fc
      .tuple(
        fc.record(Object.fromEntries(entries), { requiredKeys: [] }),
        fc.option(fc.tuple(fc.constantFrom('serach', 'tittle', '__proto__', 'x'), text), { nil: undefined }),
      )
      .map(([object, extra]) => (extra ? { ...object, [extra[0]]: extra[1] } : object));
  }
  switch (named.name) {
    case 'ID':
      return fc.oneof(fc.constantFrom(...ids), text);
    case 'Int':
      return fc.oneof(fc.integer({ min: -5, max: 150 }), fc.integer(), fc.constant(2 ** 31), fc.constant(-(2 ** 53)));
    case 'Float':
      return fc.double();
    case 'Boolean':
      return fc.boolean();
    case 'Date':
      return fc.oneof(fc.constantFrom('2024-01-01', '0000-01-01', '2024-02-30', '9999-12-31'), text);
    case 'DateTime':
      return fc.oneof(fc.constantFrom('2024-01-01T00:00:00Z', '0000-01-01T00:00:00Z', '2024-13-01T00:00:00Z'), text);
    default:
      return text;
  }
}

// ------------------------------------------------------------------ documents

/** A GraphQL literal for a value (strings as JSON strings, which GraphQL reads the same way). */
function literal(value: unknown, asEnum: boolean): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((item) => literal(item, asEnum)).join(', ')}]`;
  if (typeof value === 'object')
    return `{ ${Object.entries(value)
      .filter(([key]) => /^[A-Za-z_]\w*$/.test(key))
      .map(([key, item]) => `${key}: ${literal(item, asEnum)}`)
      .join(', ')} }`;
  if (typeof value === 'string') return asEnum && /^[A-Za-z_]\w*$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
  return String(value);
}

/** A selection set for `type`, a few levels deep, with fragments on interfaces and unions. */
function selections(type: GraphQLNamedType, depth: number): fc.Arbitrary<string> {
  if (isLeafType(type)) return fc.constant('');
  if (depth <= 0) return fc.constant('{ __typename }');
  if (isUnionType(type) || isInterfaceType(type)) {
    const possible = schema.getPossibleTypes(type);
    return fc
      .constantFrom(...possible)
      .chain((concrete) =>
        selections(concrete, depth).map((inner) => `{ __typename ... on ${concrete.name} ${inner} }`),
      );
  }
  if (!isObjectType(type)) return fc.constant('');
  const fields = Object.values(type.getFields());
  return fc
    .uniqueArray(fc.constantFrom(...fields), { minLength: 1, maxLength: 4, selector: (field) => field.name })
    .chain((chosen) => fc.tuple(...chosen.map((field) => fieldSelection(field, depth - 1))))
    .map((parts) => `{ ${parts.join(' ')} }`);
}

function fieldSelection(field: GraphQLField<unknown, unknown>, depth: number): fc.Arbitrary<string> {
  const args = field.args.map((arg) =>
    fc.option(
      valueFor(arg.type).map((value) => `${arg.name}: ${literal(value, isEnumType(getNamedType(arg.type)))}`),
      { nil: undefined, freq: 2 },
    ),
  );
  return fc.tuple(fc.tuple(...args), selections(getNamedType(field.type), depth)).map(([given, inner]) => {
    const present = given.filter((arg): arg is string => arg !== undefined);
    return `${field.name}${present.length ? `(${present.join(', ')})` : ''} ${inner}`;
  });
}

/** A query or mutation document from the schema: one to three root fields. */
const documents = fc
  .tuple(fc.constantFrom('query', 'mutation'), fc.integer({ min: 1, max: 3 }))
  .chain(([operation, count]) => {
    const root = operation === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
    const fields = Object.values(root.getFields());
    return fc
      .uniqueArray(fc.constantFrom(...fields), { minLength: 1, maxLength: count, selector: (field) => field.name })
      .chain((chosen) => fc.tuple(...chosen.map((field) => fieldSelection(field, 3))))
      .map((parts) => `${operation} { ${parts.join(' ')} }`);
  });

/** Garbage: tokens in any order, nesting thousands deep, a document cut anywhere. */
const garbage = fc.oneof(
  fc
    .array(
      fc.constantFrom(
        '{',
        '}',
        '(',
        ')',
        '[',
        ']',
        ':',
        '$',
        '@',
        '...',
        '"x"',
        '"\\u0000"',
        'node',
        'id',
        'on',
        '#',
        '1',
        '=',
        'query',
        'fragment',
      ),
      {
        maxLength: 60,
      },
    )
    .map((tokens) => tokens.join(' ')),
  fc.integer({ min: 1, max: 4_900 }).map((n) => `{ node(id: ${'['.repeat(n)}${']'.repeat(n)}) { id } }`),
  fc.tuple(documents, fc.nat()).map(([document, at]) => document.slice(0, at % (document.length + 1))),
);

// ------------------------------------------------------------------ operations with variables

/** Each input type as a variable of an operation that uses it. */
function operationsWithVariables(): { query: string; types: Record<string, GraphQLInputType> }[] {
  const operations: { query: string; types: Record<string, GraphQLInputType> }[] = [];
  for (const root of [schema.getQueryType()!, schema.getMutationType()!]) {
    for (const field of Object.values(root.getFields())) {
      if (field.args.length === 0) continue;
      const definitions = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
      const uses = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
      const named = getNamedType(field.type);
      const inner = isLeafType(named) ? '' : '{ __typename }';
      operations.push({
        query: `${root === schema.getQueryType() ? 'query' : 'mutation'} Fuzz(${definitions}) { ${field.name}(${uses}) ${inner} }`,
        types: Object.fromEntries(field.args.map((arg) => [arg.name, arg.type])),
      });
    }
  }
  return operations;
}

const withVariables = fc.constant(null).chain(() => {
  const operations = operationsWithVariables();
  return fc.constantFrom(...operations).chain((operation) =>
    fc
      .record(Object.fromEntries(Object.entries(operation.types).map(([name, type]) => [name, valueFor(type)])), {
        requiredKeys: [],
      })
      .map((variables) => ({ query: operation.query, variables })),
  );
});

// ------------------------------------------------------------------ the properties

/** What no answer may ever be or contain. */
function expectSafe(result: HttpResult, caller: Caller, sent: string): void {
  const body = JSON.stringify(result.body);
  const context = `${caller.name} sent ${sent.slice(0, 500)}\ngot ${result.status} ${body.slice(0, 1_000)}`;
  expect(result.status, context).toBeLessThan(500);
  expect(body, context).not.toContain('INTERNAL_SERVER_ERROR');
  expect(body, context).not.toMatch(/Did you mean|call stack|stacktrace| {4}at /);
  for (const secret of caller.secrets) expect(body, context).not.toContain(secret);
}

const callerArbitrary = fc.constant(null).chain(() => fc.constantFrom(...callers));

describe('fuzz: generated documents and variables', { timeout: 600_000 }, () => {
  it('documents from the schema never get a 500, nor anything hidden', async () => {
    await fc.assert(
      fc.asyncProperty(callerArbitrary, documents, async (caller, query) => {
        expectSafe(await http.gql(query, undefined, { token: caller.token }), caller, query);
      }),
      { numRuns: RUNS },
    );
  });

  it('garbage documents never get a 500', async () => {
    await fc.assert(
      fc.asyncProperty(callerArbitrary, garbage, async (caller, query) => {
        expectSafe(await http.gql(query, undefined, { token: caller.token }), caller, query);
      }),
      { numRuns: RUNS },
    );
  });

  it('variables of every operation, of their types or not, never get a 500, nor anything hidden', async () => {
    await fc.assert(
      fc.asyncProperty(callerArbitrary, withVariables, async (caller, { query, variables }) => {
        expectSafe(
          await http.gql(query, variables, { token: caller.token }),
          caller,
          `${query} ${JSON.stringify(variables)}`,
        );
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('request bodies that are not GraphQL requests never get a 500', async () => {
    const bodies = fc.oneof(
      fc.json(),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc
        .record(
          { query: fc.oneof(fc.string(), fc.json()), variables: fc.oneof(fc.json(), fc.string()) },
          { requiredKeys: [] },
        )
        .map((b) => JSON.stringify(b)),
    );
    await fc.assert(
      fc.asyncProperty(
        callerArbitrary,
        bodies,
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
        async (caller, payload, type) => {
          const result = await http.raw(
            { method: 'POST', payload, headers: { 'content-type': type, 'apollo-require-preflight': 'true' } },
            { token: caller.token },
          );
          expectSafe(result, caller, payload);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
