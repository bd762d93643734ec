import 'reflect-metadata';
import { getNamedType, type GraphQLSchema, isInputObjectType, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createTestAccount, createTestHttp, createTestToken, type TestHttp } from '../../test/http.js';
import { testFactories } from '../test-support/factories.js';
import { getSchema, printPublicSchema } from './schema.js';
import { operationText, textRuleOf } from './text-input.js';
import { maxLengthOf, textPositions } from './text-limits.js';

let schema: GraphQLSchema;
let db: TestDatabase;
let http: TestHttp;
let token: string;
let ncct: { id: string; gid: string };

beforeAll(async () => {
  schema = await getSchema();
  db = await createTestDatabase();
  http = await createTestHttp(db, { production: true, publicRead: true });
  ncct = await testFactories(db.orm).organization('NCCT', { kind: 'COMMITTEE' });
  token = await createTestToken(db, (await createTestAccount(db, { role: 'SECRETARIAT' })).id, 'WRITE');
});
afterAll(async () => {
  await http?.close();
  await db?.drop();
});

const maxOf = (position: string) => {
  const found = textPositions(schema).find((p) => p.name === position);
  if (!found) throw new Error(`no position ${position}`);
  return textRuleOf(found.field).limit!;
};

describe('every String an operation can send has a maximum length', () => {
  it('of its own (graphql/text-limits.ts), said in its description in schema.graphql', async () => {
    const positions = textPositions(schema);
    expect(positions.length).toBeGreaterThan(100);
    const withoutOwnLimit = positions.filter((p) => !maxLengthOf(p.name, p.field.name).explicit).map((p) => p.name);
    expect(withoutOwnLimit, 'give these a limit in graphql/text-limits.ts').toEqual([]);
    const printed = await printPublicSchema();
    for (const { field } of positions) {
      const max = textRuleOf(field).limit!;
      expect(field.description).toMatch(new RegExp(`At most ${max.toLocaleString('en-US')} characters\\.$`));
      expect(printed).toContain(`At most ${max.toLocaleString('en-US')} characters.`);
    }
  });

  it('is the edge’s own for filters and arguments; a mutation’s input may be twice as long before its service refuses it', () => {
    for (const { name, field } of textPositions(schema)) {
      const { max, limit } = textRuleOf(field);
      expect(max, name).toBe(/^\w+Input\./.test(name) ? 2 * limit! : limit);
    }
  });

  it('is enforced at the edge for every String field of every input type, at its bound and one past it', () => {
    let checked = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isInputObjectType(type) || type.name.startsWith('__')) continue;
      const document = parse(`query ($v: ${type.name}) { __typename }`);
      const operation = document.definitions[0] as Parameters<typeof operationText>[2];
      for (const field of Object.values(type.getFields())) {
        if (getNamedType(field.type).name !== 'String') continue;
        const { max, limit } = textRuleOf(field);
        const at = operationText(schema, document, operation, { v: { [field.name]: 'x'.repeat(max!) } });
        expect(at.problems, `${type.name}.${field.name}`).toEqual([]);
        const past = operationText(schema, document, operation, { v: { [field.name]: 'x'.repeat(max! + 1) } });
        expect(past.problems, `${type.name}.${field.name}`).toEqual([
          {
            field: `v.${field.name}`,
            message: `must be at most ${limit} characters, got ${max! + 1}`,
            code: 'TOO_LONG',
            params: { max: limit, length: max! + 1 },
          },
        ]);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(90);
  });

  it('and ids, cursors and dates are bounded too', () => {
    const document = parse(
      'query ($id: ID!, $after: String, $from: Date) { node(id: $id) { id } organizations(after: $after) { totalCount } progressReport(from: $from) { __typename } }',
    );
    const operation = document.definitions[0] as Parameters<typeof operationText>[2];
    const { problems } = operationText(schema, document, operation, {
      id: 'x'.repeat(201),
      after: 'x'.repeat(201),
      from: 'x'.repeat(65),
    });
    expect(problems.map((p) => `${p.field} ${p.code}`)).toEqual(['id TOO_LONG', 'after TOO_LONG', 'from TOO_LONG']);
  });
});

describe('over HTTP, before any work is done', () => {
  const LISTS = ['commitments', 'meetings', 'people', 'organizations'];

  it.each([201, 5_000, 900_000])(
    'a search of %i characters is BAD_USER_INPUT naming filter.search, for anyone',
    async (size) => {
      const search = 'x'.repeat(size);
      for (const list of LISTS) {
        db.queries.length = 0;
        const started = performance.now();
        const result = await http.gql(`query ($q: String) { ${list}(filter: { search: $q }) { totalCount } }`, {
          q: search,
        });
        expect(result.status, list).toBe(400);
        expect(result.body.errors?.[0]?.extensions).toEqual({
          code: 'BAD_USER_INPUT',
          fields: [
            {
              field: 'filter.search',
              message: `must be at most 200 characters, got ${size}`,
              code: 'TOO_LONG',
              params: { max: 200, length: size },
            },
          ],
        });
        expect(performance.now() - started).toBeLessThan(1_000);
        // No SQL was built with the text (the rate limit and sign-in look-ups are small).
        expect(Math.max(0, ...db.queries.map((q) => q.length))).toBeLessThan(2_000);
      }
      // In the document as a literal too.
      const literal = await http.gql(`{ commitments(filter: { search: "${search}" }) { totalCount } }`);
      expect(literal.body.errors?.[0]?.extensions?.fields).toEqual([
        expect.objectContaining({ field: 'filter.search', code: 'TOO_LONG' }),
      ]);
    },
  );

  it('a search at the limit runs', async () => {
    const result = await http.gql('query ($q: String) { commitments(filter: { search: $q }) { totalCount } }', {
      q: 'x'.repeat(200),
    });
    expect(result.body).toEqual({ data: { commitments: { totalCount: 0 } } });
  });

  it('five huge searches at once do not hold up /healthz', async () => {
    const huge = 'x'.repeat(900_000);
    const searches = Array.from({ length: 5 }, () =>
      http.gql('query ($q: String) { meetings(filter: { search: $q }) { totalCount } }', { q: huge }),
    );
    const started = performance.now();
    const health = await http.raw({ method: 'GET', url: '/healthz' });
    const waited = performance.now() - started;
    expect(health.status).toBe(200);
    expect((await Promise.all(searches)).map((r) => r.status)).toEqual([400, 400, 400, 400, 400]);
    expect(waited).toBeLessThan(1_500);
  });

  it.each([
    ['title', 500],
    ['location', 500],
  ])(
    'createMeeting %s (at most %i): the service refuses one more with the other mistakes; the edge refuses twice as many before any work',
    async (field, max) => {
      const mutation = 'mutation ($input: CreateMeetingInput!) { createMeeting(input: $input) { meeting { id } } }';
      const input = (value: string, extra: Record<string, unknown> = {}) => ({
        input: {
          title: 'x',
          kind: 'PLENARY',
          startsAt: '2024-01-01T02:00:00Z',
          organizerId: ncct.gid,
          [field]: value,
          ...extra,
        },
      });
      expect((await http.gql(mutation, input('x'.repeat(max)), { token })).body.errors).toBeUndefined();
      const byService = await http.gql(mutation, input('x'.repeat(max + 1), { endsAt: '2023-12-31T00:00:00Z' }), {
        token,
      });
      expect(byService.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(byService.body.errors?.[0]?.extensions?.fields).toEqual(
        expect.arrayContaining([
          {
            field,
            message: `must be at most ${max} characters, got ${max + 1}`,
            code: 'TOO_LONG',
            params: { max, length: max + 1 },
          },
          expect.objectContaining({ field: 'endsAt' }),
        ]),
      );
      for (const size of [2 * max + 1, 900_000]) {
        db.queries.length = 0;
        const byEdge = await http.gql(mutation, input('x'.repeat(size), { endsAt: '2023-12-31T00:00:00Z' }), { token });
        expect(byEdge.status).toBe(400);
        expect(byEdge.body.errors?.[0]?.extensions?.fields).toEqual([
          {
            field,
            message: `must be at most ${max} characters, got ${size}`,
            code: 'TOO_LONG',
            params: { max, length: size },
          },
        ]);
        // Only the token look-up ran: nothing of the meeting's.
        expect(db.queries.filter((q) => !/api_token|rate_limit|^(begin|commit)/.test(q))).toEqual([]);
      }
    },
  );

  it('the REST routes bound their query strings the same way', async () => {
    const read = await createTestToken(db, (await createTestAccount(db, { role: 'SECRETARIAT' })).id, 'READ');
    const at = await http.raw(
      { method: 'GET', url: `/exports/commitments.csv?search=${'x'.repeat(200)}` },
      { token: read },
    );
    expect(at.status).toBe(200);
    for (const size of [201, 100_000]) {
      const past = await http.raw(
        { method: 'GET', url: `/exports/commitments.csv?search=${'x'.repeat(size)}` },
        { token: read },
      );
      expect(past.status).toBe(400);
      expect(past.body.errors?.[0]?.extensions?.fields).toEqual([
        expect.objectContaining({ field: 'search', code: 'TOO_LONG' }),
      ]);
    }
    const other = await http.raw(
      { method: 'GET', url: `/exports/meetings.ics?from=${'1'.repeat(1_001)}` },
      { token: read },
    );
    expect(other.body.errors?.[0]?.extensions?.fields).toEqual([
      expect.objectContaining({ field: 'from', code: 'TOO_LONG' }),
    ]);
  });

  it('the limits are the same numbers the schema documents', () => {
    expect(maxOf('CommitmentFilter.search')).toBe(200);
    expect(maxOf('CreateMeetingInput.title')).toBe(500);
    expect(maxOf('ReviseMinutesInput.minutes')).toBe(200_000);
    expect(maxOf('CreatePlanInput.title')).toBe(1_000);
    expect(maxOf('CreateApiTokenInput.name')).toBe(100);
  });
});
