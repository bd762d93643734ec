import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, createTestHttp, type TestHttp } from '../../../test/http.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { ApiTokenSchema } from './api-token.entity.js';

/** A PARTNER account is offered and allowed only READ tokens (issue #13). */
let db: TestDatabase;
let http: TestHttp;

beforeAll(async () => {
  db = await createTestDatabase();
  http = await createTestHttp(db);
});
afterAll(async () => {
  await http?.close();
  await db?.drop();
});

const CREATE = `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { scope } } }`;
const SCOPES = '{ me { role apiTokenScopes } }';

describe('API tokens of partners', () => {
  it('offers a partner READ only, and refuses a WRITE token with a coded problem on scope', async () => {
    const account = await createTestAccount(db, { role: 'PARTNER' });
    const cookie = await http.login(account.email, account.password);
    expect((await http.gql(SCOPES, undefined, { cookie })).body.data!.me).toEqual({
      role: 'PARTNER',
      apiTokenScopes: ['READ'],
    });
    const write = await http.gql(CREATE, { input: { name: 'IOM dashboard', scope: 'WRITE' } }, { cookie });
    expect(write.body.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [
        {
          field: 'scope',
          message: 'a PARTNER account may only create READ tokens',
          code: 'NOT_ALLOWED',
          params: { allowed: ['READ'] },
        },
      ],
    });
    expect(await db.orm.em.fork().count(ApiTokenSchema, { account: account.id })).toBe(0);
    const read = await http.gql(CREATE, { input: { name: 'IOM dashboard', scope: 'READ' } }, { cookie });
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data!.createApiToken.apiToken.scope).toBe('READ');
  });

  it('offers staff and focal points both scopes', async () => {
    const account = await createTestAccount(db, { role: 'SECRETARIAT' });
    const cookie = await http.login(account.email, account.password);
    expect((await http.gql(SCOPES, undefined, { cookie })).body.data!.me.apiTokenScopes).toEqual(['READ', 'WRITE']);
    const write = await http.gql(CREATE, { input: { name: 'sync script', scope: 'WRITE' } }, { cookie });
    expect(write.body.data!.createApiToken.apiToken.scope).toBe('WRITE');
  });
});
