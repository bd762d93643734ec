import type { EntityManager } from '@mikro-orm/postgresql';
import { RedisClient } from './redis.js';

/** A fixed-window counter shared by every server instance (PostgreSQL or Redis). */
export interface RateLimitStore {
  /** Adds `cost` to `key`'s counter in the current window; returns the new count and when the window ends. */
  hit(key: string, windowMs: number, cost?: number): Promise<{ count: number; resetAt: Date }>;
  /** The count of `key` in the current window, without adding to it. */
  peek(key: string, windowMs: number): Promise<{ count: number; resetAt: Date }>;
  /** Forgets `key`'s counter in the current window. */
  reset(key: string, windowMs: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The stored counter name: the key and the window length, so that two limits on one key with
 * different windows never share a counter, even when their windows start at the same instant.
 */
function counterKey(key: string, windowMs: number): string {
  return `${key}|${windowMs}`;
}

function windowOf(windowMs: number, now = Date.now()): { start: Date; end: Date } {
  const start = Math.floor(now / windowMs) * windowMs;
  return { start: new Date(start), end: new Date(start + windowMs) };
}

/** Whole seconds until `resetAt` (at least 1), for Retry-After. */
export function secondsUntil(resetAt: Date, now = Date.now()): number {
  return Math.max(1, Math.ceil((resetAt.getTime() - now) / 1000));
}

const CLEANUP_EVERY_MS = 60_000;

/** Counters in the `rate_limit_counter` table: one upsert per hit. */
export class PostgresRateLimitStore implements RateLimitStore {
  private lastCleanup = 0;

  constructor(private readonly source: Pick<EntityManager, 'getConnection'>) {}

  private get connection() {
    return this.source.getConnection();
  }

  async hit(key: string, windowMs: number, cost = 1) {
    const { start, end } = windowOf(windowMs);
    const rows = await this.connection.execute<{ count: number }[]>(
      `insert into rate_limit_counter (key, window_start, count, expires_at) values (?, ?, ?, ?)
       on conflict (key, window_start) do update set count = rate_limit_counter.count + excluded.count
       returning count`,
      [counterKey(key, windowMs), start, cost, end],
    );
    this.cleanupSometimes();
    return { count: Number(rows[0]?.count ?? cost), resetAt: end };
  }

  async peek(key: string, windowMs: number) {
    const { start, end } = windowOf(windowMs);
    const rows = await this.connection.execute<{ count: number }[]>(
      'select count from rate_limit_counter where key = ? and window_start = ?',
      [counterKey(key, windowMs), start],
    );
    return { count: Number(rows[0]?.count ?? 0), resetAt: end };
  }

  async reset(key: string, windowMs: number) {
    const { start } = windowOf(windowMs);
    await this.connection.execute('delete from rate_limit_counter where key = ? and window_start = ?', [
      counterKey(key, windowMs),
      start,
    ]);
  }

  private cleanupSometimes(): void {
    const now = Date.now();
    if (now - this.lastCleanup < CLEANUP_EVERY_MS) return;
    this.lastCleanup = now;
    void this.connection.execute('delete from rate_limit_counter where expires_at < now()').catch(() => {});
  }

  async close() {}
}

/** Counters in Redis (REDIS_URL): INCRBY and PEXPIRE on one key per window. */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly client: RedisClient;

  constructor(url: string) {
    this.client = new RedisClient(url);
  }

  private keyFor(key: string, windowMs: number, start: Date): string {
    return `prachum:rl:${counterKey(key, windowMs)}:${start.getTime()}`;
  }

  async hit(key: string, windowMs: number, cost = 1) {
    const { start, end } = windowOf(windowMs);
    const redisKey = this.keyFor(key, windowMs, start);
    const [count] = await this.client.pipeline([
      ['INCRBY', redisKey, String(cost)],
      ['PEXPIRE', redisKey, String(end.getTime() - Date.now() + 1000)],
    ]);
    return { count: Number(count), resetAt: end };
  }

  async peek(key: string, windowMs: number) {
    const { start, end } = windowOf(windowMs);
    const [count] = await this.client.pipeline([['GET', this.keyFor(key, windowMs, start)]]);
    return { count: Number(count ?? 0), resetAt: end };
  }

  async reset(key: string, windowMs: number) {
    const { start } = windowOf(windowMs);
    await this.client.pipeline([['DEL', this.keyFor(key, windowMs, start)]]);
  }

  async close() {
    await this.client.close();
  }
}

/** Redis when REDIS_URL is set, else PostgreSQL. */
export function createRateLimitStore(
  source: Pick<EntityManager, 'getConnection'>,
  redisUrl: string | undefined,
): RateLimitStore {
  return redisUrl ? new RedisRateLimitStore(redisUrl) : new PostgresRateLimitStore(source);
}
