import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createTestAccount, createTestHttp, createTestToken, type TestHttp } from '../../test/http.js';
import { captureLogs } from '../../test/logs.js';
import { testFactories } from '../test-support/factories.js';

let db: TestDatabase;
let http: TestHttp;
let token: string;
const logs = captureLogs();

beforeAll(async () => {
  db = await createTestDatabase();
  http = await createTestHttp(db, { production: true, publicRead: true, logger: logs.logger });
  await testFactories(db.orm).organization('NCCT');
  token = await createTestToken(db, (await createTestAccount(db, { role: 'SECRETARIAT' })).id, 'READ');
});
afterAll(async () => {
  await http?.close();
  await db?.drop();
});

const linesOf = (requestId: string) => logs.lines.filter((line) => line.reqId === requestId);

describe('one log line per request', () => {
  it('with its id, role, operation, duration and SQL count, and nothing else', async () => {
    const result = await http.gql(
      'query Organisations { organizations(first: 5) { totalCount nodes { acronym } } }',
      undefined,
      { token, headers: { 'x-request-id': 'log-test-1' } },
    );
    expect(result.status).toBe(200);
    const lines = linesOf('log-test-1');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'request',
        reqId: 'log-test-1',
        method: 'POST',
        path: '/graphql',
        status: 200,
        role: 'SECRETARIAT',
        operation: 'Organisations',
        ms: expect.any(Number),
        sql: expect.any(Number),
      }),
    ]);
    // The token look-up, the rate limit, the count and the page at least.
    expect(lines[0]?.sql).toBeGreaterThanOrEqual(3);
  });

  it('counts each request’s own SQL when requests run at once', async () => {
    const query = 'query Counted { organizations { totalCount } }';
    await http.gql(query, undefined, { token, headers: { 'x-request-id': 'alone' } });
    const alone = linesOf('alone')[0]?.sql;
    await Promise.all(
      ['together-1', 'together-2', 'together-3'].map((id) =>
        http.gql(query, undefined, { token, headers: { 'x-request-id': id } }),
      ),
    );
    for (const id of ['together-1', 'together-2', 'together-3']) expect(linesOf(id)[0]?.sql).toBe(alone);
  });

  it('says ANONYMOUS for nobody, leaves out the query string, and keeps the probes at debug', async () => {
    await http.raw({
      method: 'GET',
      url: '/exports/commitments.csv?search=secret',
      headers: { 'x-request-id': 'anon' },
    });
    expect(linesOf('anon')).toEqual([
      expect.objectContaining({ path: '/exports/commitments.csv', role: 'ANONYMOUS', status: 200 }),
    ]);
    expect(JSON.stringify(linesOf('anon'))).not.toContain('secret');
    await http.raw({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'probe' } });
    expect(linesOf('probe')).toEqual([]);
    expect(logs.lines.map((line) => line.msg)).not.toContain('incoming request');
    expect(logs.lines.map((line) => line.msg)).not.toContain('request completed');
  });
});
