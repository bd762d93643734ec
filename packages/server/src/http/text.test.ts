import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createTestAccount, createTestHttp, createTestToken, type TestHttp } from '../../test/http.js';
import { testFactories } from '../test-support/factories.js';

let db: TestDatabase;
let http: TestHttp;
let token: string;

beforeAll(async () => {
  db = await createTestDatabase();
  http = await createTestHttp(db, { production: true });
  const f = testFactories(db.orm);
  const ncct = await f.organization('NCCT');
  await f.commitment({ lead: ncct.id, title: 'Réviser la procédure', visibility: 'PUBLIC' });
  token = await createTestToken(db, (await createTestAccount(db, { role: 'SECRETARIAT' })).id, 'READ');
});
afterAll(async () => {
  await http?.close();
  await db?.drop();
});

const get = (url: string) => http.raw({ method: 'GET', url }, { token });

describe('text in the REST routes’ query strings and paths', () => {
  it.each([
    ['a NUL', '/exports/commitments.csv?search=a%00b', 'search'],
    ['an encoded lone surrogate', '/exports/commitments.csv?search=%ED%A0%80', 'search'],
    ['bytes that are not UTF-8', '/exports/commitments.xlsx?status=%FF', 'status'],
    ['a truncated sequence', '/exports/meetings.ics?from=2024-01-01%E2%82', 'from'],
    ['a NUL in a repeated parameter', '/exports/commitments.csv?status=DONE&status=%00', 'status'],
    ['a NUL in a path parameter', '/exports/meetings/%00.ics', 'id'],
  ])('%s is BAD_USER_INPUT (400) naming the parameter', async (_what, url, field) => {
    const response = await get(url);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      {
        message: expect.any(String),
        extensions: { code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field, code: 'INVALID_CHARACTER' })] },
      },
    ]);
  });

  it('a URL whose path is not UTF-8 is a 400 in the same shape', async () => {
    const response = await get('/exports/meetings/%ED%A0%80.ics');
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('text goes on in NFC: a decomposed search finds the composed title', async () => {
    const decomposed = encodeURIComponent('Re\u0301viser');
    const response = await get(`/exports/commitments.csv?search=${decomposed}`);
    expect(response.status).toBe(200);
    expect(response.body.text).toContain('Réviser la procédure');
  });
});
