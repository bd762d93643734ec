import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createTestAccount, createTestHttp, createTestToken, type TestHttp } from '../../test/http.js';
import { revokeApiToken } from '../modules/accounts/api-token.service.js';
import { ApiTokenSchema } from '../modules/accounts/api-token.entity.js';
import { updateAccount } from '../modules/accounts/account.service.js';
import { BufferedRequestCounter, PostgresRateLimitStore } from './rate-limit.js';
import { systemViewer } from './viewer.js';

let db: TestDatabase;
let http: TestHttp;
beforeAll(async () => {
  db = await createTestDatabase();
  http = await createTestHttp(db, { env: { PRACHUM_RATE_LIMIT_PER_MINUTE: '1000' } });
});
afterAll(async () => {
  await http?.close();
  await db?.drop();
});

const ME = '{ me { role } }';
const scope = () => ({ em: db.orm.em.fork(), viewer: systemViewer, config: { publicRead: false } });
const authStatements = () => db.queries.filter((q) => /api_token|rate_limit_counter|"?account"? a\b/.test(q));

describe('per-request authentication and rate limit off the hot path', () => {
  it('a request with a known API token runs no authentication or rate-limit statement', async () => {
    const account = await createTestAccount(db, { role: 'PARTNER' });
    const token = await createTestToken(db, account.id, 'READ');
    expect((await http.gql('{ __typename }', undefined, { token })).status).toBe(200);
    db.queries.length = 0;
    for (let i = 0; i < 5; i++) {
      const answer = await http.gql('{ __typename }', undefined, { token });
      expect(answer.status).toBe(200);
    }
    // Nothing at all: the token comes from this instance's cache, the counter from its memory.
    expect(db.queries).toEqual([]);
    expect((await http.gql(ME, undefined, { token })).body.data?.me.role).toBe('PARTNER');
  });

  it('a revoked token is refused by the next request, a changed role seen at once', async () => {
    const account = await createTestAccount(db, { role: 'SECRETARIAT' });
    const token = await createTestToken(db, account.id, 'READ');
    expect((await http.gql(ME, undefined, { token })).body.data?.me.role).toBe('SECRETARIAT');
    await updateAccount(scope(), account.id, { role: 'PARTNER' });
    expect((await http.gql(ME, undefined, { token })).body.data?.me.role).toBe('PARTNER');
    const [row] = await db.orm.em.fork().find(ApiTokenSchema, { account: account.id });
    await revokeApiToken(scope(), row!.id, { operator: true });
    expect((await http.gql(ME, undefined, { token })).status).toBe(401);
  });

  it('a change written to the tokens by any statement of this instance is seen at once', async () => {
    const account = await createTestAccount(db, { role: 'PARTNER' });
    const token = await createTestToken(db, account.id, 'READ');
    expect((await http.gql(ME, undefined, { token })).status).toBe(200);
    await db.orm.em
      .fork()
      .nativeUpdate(ApiTokenSchema, { account: account.id }, { expiresAt: new Date(Date.now() - 1) });
    expect((await http.gql(ME, undefined, { token })).status).toBe(401);
  });

  it('counts requests in memory and adds them to the shared counter in one statement per key', async () => {
    const store = new PostgresRateLimitStore(db.orm.em);
    const first = new BufferedRequestCounter(store, 60_000);
    const second = new BufferedRequestCounter(store, 60_000);
    const key = `test:buffered:${Math.random()}`;
    // Stay inside one counter window.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 55_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
    db.queries.length = 0;
    const counts = [];
    for (let i = 0; i < 10; i++) counts.push(first.hit(key, 60_000).count);
    expect(counts).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(authStatements()).toEqual([]);
    await first.flush();
    expect(db.queries.filter((q) => /rate_limit_counter/.test(q))).toHaveLength(1);
    expect((await store.peek(key, 60_000)).count).toBe(10);
    // Another instance sees them after its own flush.
    expect(second.hit(key, 60_000).count).toBe(1);
    await second.flush();
    expect(second.hit(key, 60_000).count).toBe(12);
    await first.close();
    await second.close();
    expect((await store.peek(key, 60_000)).count).toBe(12);
  });
});
