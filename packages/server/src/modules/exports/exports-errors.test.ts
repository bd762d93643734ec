import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { createTestAccount, createTestHttp, createTestToken, type TestHttp } from '../../../test/http.js';
import { captureLogs } from '../../../test/logs.js';
import { ConflictError, ForbiddenError, RateLimitedError } from '../../errors.js';
import { testFactories } from '../../test-support/factories.js';

// Exports only read, so nothing in them can conflict, be forbidden or be throttled from within: the
// service that finds a meeting is made to throw, once, whatever a test puts here.
const failure = vi.hoisted(() => ({ next: undefined as unknown }));
vi.mock('./exports.service.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./exports.service.js')>();
  return {
    ...actual,
    meetingForCalendar: async (...args: Parameters<typeof actual.meetingForCalendar>) => {
      const error = failure.next;
      failure.next = undefined;
      if (error) throw error;
      return actual.meetingForCalendar(...args);
    },
  };
});

let db: TestDatabase;
let http: TestHttp;
const logs = captureLogs();
let token: string;
let partnerToken: string;
let internal: string;
let shared: string;

beforeAll(async () => {
  db = await createTestDatabase();
  http = await createTestHttp(db, { production: true, logger: logs.logger });
  const f = testFactories(db.orm);
  const ncct = await f.organization('NCCT');
  internal = (await f.meeting({ organizer: ncct.id, startsAt: '2024-01-10T02:00:00Z', visibility: 'INTERNAL' })).gid;
  shared = (await f.meeting({ organizer: ncct.id, startsAt: '2024-01-11T02:00:00Z', visibility: 'PARTNERS' })).gid;
  const secretariat = await createTestAccount(db, { role: 'SECRETARIAT' });
  const partner = await createTestAccount(db, { role: 'PARTNER' });
  token = await createTestToken(db, secretariat.id, 'READ');
  partnerToken = await createTestToken(db, partner.id, 'READ');
});
afterAll(async () => {
  await http?.close();
  await db?.drop();
});

const get = (url: string, auth: { token?: string; requestId?: string; remoteAddress?: string } = {}, app = http) =>
  app.app.inject({
    method: 'GET',
    url,
    remoteAddress: auth.remoteAddress,
    headers: {
      ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
      ...(auth.requestId ? { 'x-request-id': auth.requestId } : {}),
    },
  });

const error = (response: LightMyRequestResponse) => response.json().errors[0];

describe('REST routes answer each domain error with its HTTP status', () => {
  it('401 UNAUTHENTICATED for an anonymous visitor', async () => {
    const response = await get(`/exports/meetings/${shared}.ics`);
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(error(response).extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('404 NOT_FOUND for a meeting the viewer may not see', async () => {
    const response = await get(`/exports/meetings/${internal}.ics`, { token: partnerToken });
    expect(response.statusCode).toBe(404);
    expect(error(response).extensions).toEqual({ code: 'NOT_FOUND' });
  });

  it('400 BAD_USER_INPUT with every field, each with its code', async () => {
    const response = await get('/exports/commitments.csv?status=DONE&dueFrom=2024-03-01&dueTo=2024-02-01', {
      token,
    });
    expect(response.statusCode).toBe(400);
    expect(error(response).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'status', message: expect.stringContaining('DONE'), code: 'INVALID_CHOICE' },
        { field: 'dueTo', message: 'must not be before dueFrom', code: 'END_BEFORE_START' },
      ],
    });
  });

  it('403 FORBIDDEN', async () => {
    failure.next = new ForbiddenError('Not for you');
    const response = await get(`/exports/meetings/${shared}.ics`, { token });
    expect(response.statusCode).toBe(403);
    expect(error(response)).toEqual({ message: 'Not for you', extensions: { code: 'FORBIDDEN' } });
  });

  it('409 CONFLICT with the current version', async () => {
    failure.next = new ConflictError('Meeting', 7);
    const response = await get(`/exports/meetings/${shared}.ics`, { token });
    expect(response.statusCode).toBe(409);
    expect(error(response).extensions).toEqual({ code: 'CONFLICT', currentVersion: 7 });
  });

  it('429 RATE_LIMITED with Retry-After', async () => {
    failure.next = new RateLimitedError(17);
    const response = await get(`/exports/meetings/${shared}.ics`, { token });
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('17');
    expect(error(response).extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 17 });
  });

  it('429 RATE_LIMITED with Retry-After past the request limit, as /graphql', async () => {
    const limited = await createTestHttp(db, { env: { PRACHUM_RATE_LIMIT_PER_MINUTE: '2' } });
    try {
      // Stay inside one counter window.
      const intoMinute = Date.now() % 60_000;
      if (intoMinute > 55_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
      // Its own address, so that no other request shares the counter.
      const from = { remoteAddress: '10.7.7.7' };
      for (let i = 0; i < 2; i++) {
        expect((await get(`/exports/meetings/${shared}.ics`, from, limited)).statusCode).toBe(401);
      }
      const refused = await get(`/exports/meetings/${shared}.ics`, from, limited);
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(error(refused).extensions).toEqual({
        code: 'RATE_LIMITED',
        retryAfter: Number(refused.headers['retry-after']),
      });
    } finally {
      await limited.close();
    }
  });

  it('500 INTERNAL_SERVER_ERROR without details in production, logged once with the request id and role', async () => {
    failure.next = new Error('connection to 10.0.0.7 refused for user prachum');
    const before = logs.errors().length;
    const response = await get(`/exports/meetings/${shared}.ics`, { token, requestId: 'export-fault-1' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
    expect(response.body).not.toMatch(/10\.0\.0\.7|prachum|stack/);
    const logged = logs.errors().slice(before);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      msg: 'unexpected error',
      requestId: 'export-fault-1',
      reqId: 'export-fault-1',
      role: 'SECRETARIAT',
      err: { message: 'connection to 10.0.0.7 refused for user prachum' },
    });
    // Nothing else was logged as an error meanwhile: refusals above are answers, not faults.
    expect(logs.errors()).toHaveLength(1);
  });

  it('500 on a real database fault too, logged once', async () => {
    const broken = await createTestDatabase();
    const brokenLogs = captureLogs();
    const app = await createTestHttp(broken, { production: true, logger: brokenLogs.logger });
    try {
      const account = await createTestAccount(broken, { role: 'PARTNER' });
      const brokenToken = await createTestToken(broken, account.id, 'READ');
      await broken.orm.em.fork().getConnection().execute('alter table commitment rename to commitment_gone');
      const response = await get('/exports/commitments.xlsx', { token: brokenToken, requestId: 'db-fault-1' }, app);
      expect(response.statusCode).toBe(500);
      expect(error(response)).toEqual({
        message: 'Internal server error',
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
      expect(response.body).not.toMatch(/select|commitment"|relation/i);
      expect(brokenLogs.errors()).toEqual([
        expect.objectContaining({
          msg: 'unexpected error',
          requestId: 'db-fault-1',
          role: 'PARTNER',
          err: expect.objectContaining({ message: expect.stringMatching(/commitment/) }),
        }),
      ]);
    } finally {
      await app.close();
      await broken.drop();
    }
  });
});
