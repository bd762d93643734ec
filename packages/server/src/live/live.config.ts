import { ConfigError } from '../config-error.js';

export interface LiveConfig {
  /** How instances tell each other of changes: PostgreSQL LISTEN/NOTIFY, or Redis pub/sub. */
  transport: 'postgres' | 'redis';
  redisUrl: string | undefined;
}

/**
 * PRACHUM_LIVE_TRANSPORT: `postgres` or `redis`; by default `redis` when REDIS_URL is set
 * (checked by auth.config.ts), else `postgres`.
 */
export function readLiveConfig(env: Record<string, string | undefined>, problems: string[]): LiveConfig {
  const redisUrl = env.REDIS_URL?.trim() || undefined;
  const chosen = env.PRACHUM_LIVE_TRANSPORT?.trim().toLowerCase() || (redisUrl ? 'redis' : 'postgres');
  if (chosen !== 'postgres' && chosen !== 'redis') {
    problems.push(`PRACHUM_LIVE_TRANSPORT must be postgres or redis, got "${chosen}"`);
    return { transport: 'postgres', redisUrl: undefined };
  }
  if (chosen === 'redis' && !redisUrl) {
    problems.push('PRACHUM_LIVE_TRANSPORT=redis needs REDIS_URL (e.g. redis://127.0.0.1:6379/0)');
    return { transport: 'postgres', redisUrl: undefined };
  }
  return { transport: chosen, redisUrl: chosen === 'redis' ? redisUrl : undefined };
}

/** readLiveConfig alone (the worker command); throws ConfigError on a bad value. */
export function loadLiveConfig(env: Record<string, string | undefined> = process.env): LiveConfig {
  const problems: string[] = [];
  const live = readLiveConfig(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return live;
}
