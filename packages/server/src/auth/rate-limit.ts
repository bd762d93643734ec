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

/** How often an instance adds the requests it counted to the shared PostgreSQL counters. */
export const FLUSH_EVERY_MS = 1_000;

interface LocalCount {
  windowMs: number;
  windowStart: number;
  resetAt: Date;
  /** The shared count as the last flush returned it (every instance's hits up to then). */
  shared: number;
  /** This instance's hits not yet added to the shared counter. */
  pending: number;
}

/**
 * The per-request limit without a PostgreSQL statement per request: hits are counted in this instance's
 * memory and added to the shared counters (`store.hit` with their sum) once a second per key. A request's
 * count is the shared count of the last flush plus this instance's hits since, so one instance alone limits
 * exactly; with several, each may let through at most what the others counted in their last second
 * before it sees them (docs/security.md).
 */
export class BufferedRequestCounter {
  private readonly counts = new Map<string, LocalCount>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly store: RateLimitStore,
    private readonly flushEveryMs = FLUSH_EVERY_MS,
  ) {}

  /** Counts one request of `key`; answers at once, without waiting for the store. */
  hit(key: string, windowMs: number): { count: number; resetAt: Date } {
    const { start, end } = windowOf(windowMs);
    const name = counterKey(key, windowMs);
    let entry = this.counts.get(name);
    if (!entry || entry.windowStart !== start.getTime()) {
      entry = { windowMs, windowStart: start.getTime(), resetAt: end, shared: 0, pending: 0 };
      this.counts.set(name, entry);
    }
    entry.pending += 1;
    this.timer ??= setInterval(() => void this.flush(), this.flushEveryMs).unref();
    return { count: entry.shared + entry.pending, resetAt: entry.resetAt };
  }

  /** Adds the pending hits to the shared counters (one statement per key) and forgets past windows. */
  flush(): Promise<void> {
    this.flushing ??= this.flushNow().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async flushNow(): Promise<void> {
    const now = Date.now();
    for (const [name, entry] of this.counts) {
      if (entry.resetAt.getTime() <= now) {
        // Its window is over: what it did not flush no longer limits anyone.
        this.counts.delete(name);
        continue;
      }
      if (entry.pending === 0) continue;
      const sending = entry.pending;
      const key = name.slice(0, name.lastIndexOf('|'));
      try {
        const { count, resetAt } = await this.store.hit(key, entry.windowMs, sending);
        if (resetAt.getTime() !== entry.resetAt.getTime()) continue;
        entry.pending -= sending;
        entry.shared = count;
      } catch {
        // The store is unreachable: keep counting here and try again at the next flush.
      }
    }
    if (this.counts.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /** Flushes what is pending and stops the timer. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}

const requestCounters = new WeakMap<RateLimitStore, BufferedRequestCounter>();

/**
 * The counter of the per-request limit for a store: buffered in memory for PostgreSQL (no statement per
 * request), undefined for Redis (one pipelined round trip, exact across instances).
 */
export function requestCounterFor(store: RateLimitStore): BufferedRequestCounter | undefined {
  if (!(store instanceof PostgresRateLimitStore)) return undefined;
  let counter = requestCounters.get(store);
  if (!counter) {
    counter = new BufferedRequestCounter(store);
    requestCounters.set(store, counter);
  }
  return counter;
}
