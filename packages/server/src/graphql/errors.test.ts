import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createTestAccount, createTestHttp, type TestHttp } from '../../test/http.js';
import { captureLogs } from '../../test/logs.js';
import { testFactories } from '../test-support/factories.js';
import { FIELD_PROBLEM_CODES } from '../errors.js';
import { repoRoot } from '../paths.js';
import { LIMITS } from './limits.js';

let broken: TestDatabase;
let http: TestHttp;
const logs = captureLogs();
let cookie: string;

beforeAll(async () => {
  broken = await createTestDatabase();
  http = await createTestHttp(broken, { production: true, logger: logs.logger });
  const moi = await testFactories(broken.orm).organization('MOI');
  const account = await createTestAccount(broken, { role: 'FOCAL_POINT', organizationId: moi.id });
  cookie = await http.login(account.email, account.password);
  // A database fault the code does not expect.
  await broken.orm.em.fork().getConnection().execute('alter table organization rename to organization_gone');
});
afterAll(async () => {
  await http?.close();
  await broken?.drop();
});

describe('unexpected errors', () => {
  it('are logged once, through the request logger, with the request id and the viewer’s role', async () => {
    const before = logs.errors().length;
    const result = await http.gql('{ organizations { totalCount } }', undefined, {
      cookie,
      headers: { 'x-request-id': 'gql-fault-1' },
    });
    expect(result.body.errors).toEqual([
      { message: 'Internal server error', path: ['organizations'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    ]);
    const logged = logs.errors().slice(before);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      msg: 'unexpected error',
      requestId: 'gql-fault-1',
      // The request's own logger (Fastify's child) adds its id too.
      reqId: 'gql-fault-1',
      role: 'FOCAL_POINT',
      path: ['organizations'],
      err: { message: expect.stringMatching(/organization/) },
    });
  });

  it('name an anonymous viewer so', async () => {
    const before = logs.errors().length;
    // Anonymous readers are refused before any SQL unless public reading is on: no fault, nothing logged.
    const refused = await http.gql('{ organizations { totalCount } }');
    expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(logs.errors().slice(before)).toEqual([]);

    const open = await createTestHttp(broken, { production: true, publicRead: true, logger: logs.logger });
    try {
      const fault = await open.gql('{ organizations { totalCount } }', undefined, {
        headers: { 'x-request-id': 'gql-fault-2' },
      });
      expect(fault.body.errors?.map((e) => e.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
      const logged = logs.errors().slice(before);
      expect(logged.map((line) => [line.requestId, line.role, line.path])).toEqual([
        ['gql-fault-2', 'ANONYMOUS', ['organizations']],
      ]);
    } finally {
      await open.close();
    }
  });

  it('are not what refusals are: bad input, syntax errors and limits log nothing', async () => {
    const before = logs.errors().length;
    await http.gql('{ organizations(first: 101) { totalCount } }', undefined, { cookie });
    await http.gql('{ organizations(', undefined, { cookie });
    await http.gql(`{ ${'__typename '.repeat(LIMITS.maxTokens + 10)} }`, undefined, { cookie });
    await http.gql('query ($n: Int) { organizations(first: $n) { totalCount } }', { n: 'many' }, { cookie });
    expect(logs.errors().slice(before)).toEqual([]);
  });
});

describe('QUERY_TOO_COMPLEX for too many tokens', () => {
  // `{ nodes(ids: [` and `]) { __typename } }` are 12 tokens; each id is one more.
  const withTokens = (count: number) => `{ nodes(ids: [${' "x"'.repeat(count - 12)} ]) { __typename } }`;

  it('is told apart from an ordinary syntax error by where the parser stopped, not by its message', async () => {
    const tooMany = await http.gql(withTokens(LIMITS.maxTokens + 1), undefined, { cookie });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual([
      { message: `The document has more than ${LIMITS.maxTokens} tokens.`, extensions: { code: 'QUERY_TOO_COMPLEX' } },
    ]);
    // Exactly at the limit the document is parsed (and its 4,988 ids refused by the resolver).
    const atLimit = await http.gql(withTokens(LIMITS.maxTokens), undefined, { cookie });
    expect(atLimit.body.errors?.map((e) => e.extensions)).toEqual([
      { code: 'BAD_USER_INPUT', fields: [{ field: 'ids', message: expect.any(String), code: 'TOO_MANY' }] },
    ]);
    // A long document with a syntax error before the limit is a syntax error.
    const early = await http.gql(`{ ( ${withTokens(LIMITS.maxTokens + 10).slice(1)}`, undefined, { cookie });
    expect(early.status).toBe(400);
    expect(early.body.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_PARSE_FAILED']);
  });
});

describe('docs/api.md', () => {
  it('lists every field problem code, so that clients can translate each one', () => {
    const guide = readFileSync(path.join(repoRoot, 'docs/api.md'), 'utf8');
    const section = guide.slice(guide.indexOf('### Field problems'), guide.indexOf('## Common questions'));
    const listed = [...section.matchAll(/^\| `([A-Z_]+)` +\|/gm)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...FIELD_PROBLEM_CODES].sort());
  });
});
