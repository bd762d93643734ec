import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createTestAccount, createTestHttp, createTestToken, type HttpResult, type TestHttp } from '../../test/http.js';
import { LIMITS } from '../graphql/limits.js';

let db: TestDatabase;
let http: TestHttp;
let production: TestHttp;
let cookie: string;

beforeAll(async () => {
  db = await createTestDatabase();
  http = await createTestHttp(db);
  production = await createTestHttp(db, { production: true });
  const account = await createTestAccount(db, { role: 'SECRETARIAT' });
  cookie = await http.login(account.email, account.password);
});
afterAll(async () => {
  await http?.close();
  await production?.close();
  await db?.drop();
});

const codes = (result: HttpResult) => (result.body.errors ?? []).map((e) => e.extensions?.code);

/** After every refusal the server still answers an ordinary query. */
async function stillServes(app: TestHttp = http): Promise<void> {
  const result = await app.gql('{ organizations(first: 1) { totalCount } }', undefined, { cookie });
  expect(result.status).toBe(200);
  expect(result.body.errors).toBeUndefined();
  expect(result.body.data?.organizations.totalCount).toEqual(expect.any(Number));
}

describe('hostile requests are refused before they execute', () => {
  const cases: { name: string; send: () => Promise<HttpResult>; status: number; code: string }[] = [
    {
      name: 'deep nesting',
      send: () => {
        let inner = 'acronym';
        for (let i = 0; i < LIMITS.maxDepth + 2; i++) inner = `parent { ${inner} }`;
        return http.gql(`{ organizations { nodes { ${inner} } } }`, undefined, { cookie });
      },
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
    },
    {
      name: 'alias flood',
      send: () => {
        const aliases = Array.from({ length: LIMITS.maxAliases + 5 }, (_, i) => `a${i}: organizations { totalCount }`);
        return http.gql(`{ ${aliases.join(' ')} }`, undefined, { cookie });
      },
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
    },
    {
      name: 'directive flood',
      send: () => {
        const directives = Array.from({ length: LIMITS.maxDirectives + 5 }, () => '@skip(if: false)').join(' ');
        return http.gql(`{ __typename ${directives} }`, undefined, { cookie });
      },
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
    },
    {
      name: 'thousands of tokens',
      send: () => http.gql(`{ ${'__typename '.repeat(LIMITS.maxTokens + 10)} }`, undefined, { cookie }),
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
    },
    {
      name: 'duplicated fields',
      send: () => http.gql(`{ organizations { ${'totalCount '.repeat(2000)} } }`, undefined, { cookie }),
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
    },
    {
      name: 'circular fragments',
      send: () =>
        http.gql(
          'query { ...A } fragment A on Query { organizations { totalCount } ...B } fragment B on Query { ...A }',
          undefined,
          { cookie },
        ),
      status: 400,
      code: 'GRAPHQL_VALIDATION_FAILED',
    },
    {
      name: 'huge first',
      send: () => http.gql('query($n: Int) { organizations(first: $n) { totalCount } }', { n: 1_000_000 }, { cookie }),
      status: 200,
      code: 'BAD_USER_INPUT',
    },
    {
      name: 'batched array body',
      send: () =>
        http.raw(
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            payload: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
          },
          { cookie },
        ),
      status: 400,
      code: 'BAD_REQUEST',
    },
    {
      name: 'mutation over GET',
      send: () =>
        http.raw(
          {
            method: 'GET',
            url: `/graphql?query=${encodeURIComponent('mutation { logout }')}`,
            headers: { 'apollo-require-preflight': 'true' },
          },
          { cookie },
        ),
      status: 405,
      code: 'BAD_REQUEST',
    },
    {
      name: 'GET without a CSRF preflight header',
      send: () =>
        http.raw({ method: 'GET', url: `/graphql?query=${encodeURIComponent('{ me { role } }')}` }, { cookie }),
      status: 400,
      code: 'BAD_REQUEST',
    },
    {
      name: 'text/plain POST (a CSRF "simple request")',
      send: () =>
        http.raw(
          {
            method: 'POST',
            headers: { 'content-type': 'text/plain' },
            payload: JSON.stringify({ query: 'mutation { logout }' }),
          },
          { cookie },
        ),
      status: 415,
      code: 'BAD_REQUEST',
    },
    {
      name: 'oversized body',
      send: () =>
        http.raw(
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            payload: JSON.stringify({ query: '{ __typename }', variables: { x: 'x'.repeat(1_100_000) } }),
          },
          { cookie },
        ),
      status: 413,
      code: 'BAD_REQUEST',
    },
    {
      name: 'malformed JSON',
      send: () =>
        http.raw(
          { method: 'POST', headers: { 'content-type': 'application/json' }, payload: '{"query": ' },
          { cookie },
        ),
      status: 400,
      code: 'BAD_REQUEST',
    },
  ];

  for (const hostile of cases) {
    it(`refuses ${hostile.name} with ${hostile.code}, then still serves`, async () => {
      const result = await hostile.send();
      expect(result.status).toBe(hostile.status);
      expect(codes(result), JSON.stringify(result.body)).toContain(hostile.code);
      expect(result.body.data ?? null).toBeNull();
      await stillServes();
    });
  }

  it('refuses first: 101 written in the document with BAD_USER_INPUT', async () => {
    const result = await http.gql('{ organizations(first: 101) { totalCount } }', undefined, { cookie });
    expect(result.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'first', message: expect.stringMatching(/100/) }],
    });
  });

  it('lets a query within the limits through', async () => {
    const nested = 'parent { parent { parent { acronym } } }';
    const result = await http.gql(
      `{ a: organizations(first: 100) { nodes { ${nested} } } b: me { role } }`,
      undefined,
      {
        cookie,
      },
    );
    expect(result.body.errors).toBeUndefined();
  });
});

describe('production mode', () => {
  const INTROSPECTION = '{ __schema { queryType { name } } }';

  it('refuses introspection and suggestions to a partner', async () => {
    const partner = await createTestAccount(db, { role: 'PARTNER' });
    const partnerCookie = await production.login(partner.email, partner.password);
    const introspection = await production.gql(INTROSPECTION, undefined, { cookie: partnerCookie });
    expect(introspection.status).toBe(400);
    expect(introspection.body.errors?.[0]?.extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      validationErrorCode: 'INTROSPECTION_DISABLED',
    });
    const type = await production.gql('{ __type(name: "Account") { name } }', undefined, { cookie: partnerCookie });
    expect(type.status).toBe(400);
    const typo = await production.gql('{ organisations { totalCount } }', undefined, { cookie: partnerCookie });
    expect(typo.body.errors?.[0]?.message).toBe('Cannot query field "organisations" on type "Query".');
    const anonymous = await production.gql(INTROSPECTION);
    expect(anonymous.status).toBe(400);
    // A read token of a partner is no different.
    const token = await createTestToken(db, partner.id, 'READ');
    expect((await production.gql(INTROSPECTION, undefined, { token })).status).toBe(400);
    await stillServes(production);
  });

  it('keeps introspection and suggestions for the secretariat', async () => {
    const introspection = await production.gql(INTROSPECTION, undefined, { cookie });
    expect(introspection.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    const typo = await production.gql('{ organisations { totalCount } }', undefined, { cookie });
    expect(typo.body.errors?.[0]?.message).toMatch(/Did you mean "organizations"[^?]*\?/);
  });

  it('has no stack traces or internals in errors', async () => {
    const result = await production.gql('{ organizations(first: -1) { totalCount } }', undefined, { cookie });
    expect(JSON.stringify(result.body)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
    const parse = await production.gql('{ organizations(', undefined, { cookie });
    expect(parse.status).toBe(400);
    expect(JSON.stringify(parse.body)).not.toMatch(/stacktrace/);
  });
});

describe('rate limit', () => {
  it('answers RATE_LIMITED with Retry-After past the limit, per token, session or address', async () => {
    const limited = await createTestHttp(db, { env: { PRACHUM_RATE_LIMIT_PER_MINUTE: '5' } });
    try {
      // Stay inside one counter window.
      const intoMinute = Date.now() % 60_000;
      if (intoMinute > 55_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
      const account = await createTestAccount(db, { role: 'PARTNER' });
      const first = await createTestToken(db, account.id, 'READ');
      const second = await createTestToken(db, account.id, 'READ');
      for (let i = 0; i < 5; i++) {
        expect((await limited.gql('{ me { role } }', undefined, { token: first })).status).toBe(200);
      }
      const refused = await limited.gql('{ me { role } }', undefined, { token: first });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
      // Another token, and another address, have their own counters.
      expect((await limited.gql('{ me { role } }', undefined, { token: second })).status).toBe(200);
      for (let i = 0; i < 5; i++) await limited.gql('{ __typename }', undefined, { remoteAddress: '10.9.9.9' });
      expect((await limited.gql('{ __typename }', undefined, { remoteAddress: '10.9.9.9' })).status).toBe(429);
      expect((await limited.gql('{ __typename }', undefined, { remoteAddress: '10.9.9.8' })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('HTTP headers', () => {
  it('sends security headers and keeps CORS closed by default', async () => {
    const result = await http.raw(
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://evil.example.com' },
        payload: JSON.stringify({ query: '{ __typename }' }),
      },
      { cookie },
    );
    expect(result.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    expect(result.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(result.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await http.raw({
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('opens CORS only to the configured origins', async () => {
    const open = await createTestHttp(db, { env: { PRACHUM_CORS_ORIGINS: 'https://partner.example.org' } });
    try {
      const preflight = await open.raw({
        method: 'OPTIONS',
        headers: { origin: 'https://partner.example.org', 'access-control-request-method': 'POST' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('https://partner.example.org');
      expect(preflight.headers['access-control-allow-headers']).toMatch(/authorization/);
      expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
      const other = await open.raw({ method: 'OPTIONS', headers: { origin: 'https://other.example.org' } });
      expect(other.status).toBe(403);
    } finally {
      await open.close();
    }
  });
});
