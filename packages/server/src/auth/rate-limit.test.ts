import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { loadAuthConfig } from './auth.config.js';
import { PostgresRateLimitStore, RedisRateLimitStore, type RateLimitStore } from './rate-limit.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

async function exercise(store: RateLimitStore) {
  const key = `test:${Math.random()}`;
  expect((await store.peek(key, 60_000)).count).toBe(0);
  expect((await store.hit(key, 60_000)).count).toBe(1);
  const second = await store.hit(key, 60_000, 2);
  expect(second.count).toBe(3);
  expect(second.resetAt.getTime()).toBeGreaterThan(Date.now());
  expect(second.resetAt.getTime()).toBeLessThanOrEqual(Date.now() + 60_000);
  expect((await store.peek(key, 60_000)).count).toBe(3);
  // Another window length is another counter.
  expect((await store.peek(key, 900_000)).count).toBe(0);
  await store.reset(key, 60_000);
  expect((await store.peek(key, 60_000)).count).toBe(0);
  // At a quarter hour a 1-minute and a 15-minute window start at the same instant: still two counters.
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    vi.setSystemTime(new Date('2030-01-01T10:15:20Z'));
    const aligned = `${key}:aligned`;
    await store.hit(aligned, 60_000, 2);
    expect((await store.peek(aligned, 900_000)).count).toBe(0);
    expect((await store.hit(aligned, 900_000)).count).toBe(1);
    expect((await store.peek(aligned, 60_000)).count).toBe(2);
  } finally {
    vi.useRealTimers();
  }
}

describe('rate-limit counters', () => {
  it('count per key and window in PostgreSQL, shared by every instance', async () => {
    const first = new PostgresRateLimitStore(db.orm.em);
    await exercise(first);
    // A second store (another server instance) sees the same counts.
    const second = new PostgresRateLimitStore(db.orm.em.fork());
    await first.hit('shared', 60_000);
    expect((await second.hit('shared', 60_000)).count).toBe(2);
  });

  const listening = (port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
  describe.runIf(hasRedis)('in Redis (REDIS_URL)', () => {
    let server: ChildProcess;
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    beforeAll(async () => {
      server = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      // Until it listens (a fixed pause was too short on a loaded machine).
      const deadline = Date.now() + 15_000;
      while (!(await listening(port)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    });
    afterAll(() => {
      server?.kill();
    });

    it('count per key and window', async () => {
      const store = new RedisRateLimitStore(`redis://127.0.0.1:${port}/1`);
      try {
        await exercise(store);
      } finally {
        await store.close();
      }
    });

    it('fails clearly when Redis is unreachable', async () => {
      const store = new RedisRateLimitStore('redis://127.0.0.1:1/0');
      await expect(store.hit('k', 60_000)).rejects.toThrow(/Redis/);
      await store.close();
    });
  });
});

describe('auth settings', () => {
  it('have documented defaults', () => {
    expect(loadAuthConfig({})).toMatchObject({
      sessionIdleMs: 2 * 3600_000,
      sessionAbsoluteMs: 12 * 3600_000,
      rateLimitPerMinute: 600,
      loginMaxFailures: 5,
      loginWindowMs: 15 * 60_000,
      redisUrl: undefined,
      corsOrigins: [],
      limits: { maxDepth: 12, maxCost: 100_000, maxAliases: 30, maxDirectives: 30, maxTokens: 5_000 },
    });
  });

  it('explain every bad value', () => {
    let problems: string[] = [];
    try {
      loadAuthConfig({
        PRACHUM_SESSION_IDLE_MINUTES: 'soon',
        PRACHUM_RATE_LIMIT_PER_MINUTE: '-1',
        REDIS_URL: 'http://x',
        PRACHUM_CORS_ORIGINS: 'https://ok.example.org, not a url',
        PRACHUM_MAX_DEPTH: '1',
      });
    } catch (error) {
      problems = (error as { problems: string[] }).problems;
    }
    expect(problems).toEqual([
      expect.stringMatching(/^PRACHUM_SESSION_IDLE_MINUTES must be an integer/),
      expect.stringMatching(/^PRACHUM_RATE_LIMIT_PER_MINUTE must be an integer/),
      expect.stringMatching(/^REDIS_URL must start with redis:\/\//),
      expect.stringMatching(/^PRACHUM_CORS_ORIGINS must be a comma-separated list/),
      expect.stringMatching(/^PRACHUM_MAX_DEPTH must be an integer from 2/),
    ]);
    expect(() => loadAuthConfig({ PRACHUM_SESSION_IDLE_MINUTES: '900', PRACHUM_SESSION_MAX_HOURS: '2' })).toThrow(
      /must not be longer/,
    );
  });
});
