import { ConfigError } from '../config-error.js';
import { type Env, readFlag as flag, readInt as int } from '../env.js';

/**
 * Settings of sessions, API tokens, rate limits and the GraphQL abuse limits, read from the
 * environment with defaults (documented in docs/security.md); part of the one Config that
 * loadConfig validates at start.
 */
export interface AuthConfig {
  /** A session ends after this long without a request. PRACHUM_SESSION_IDLE_MINUTES (120). */
  sessionIdleMs: number;
  /** A session ends this long after sign-in, whatever the activity. PRACHUM_SESSION_MAX_HOURS (12). */
  sessionAbsoluteMs: number;
  /** Requests per minute per API token, session or client address; 0 turns the limit off. PRACHUM_RATE_LIMIT_PER_MINUTE (600). */
  rateLimitPerMinute: number;
  /** Failed sign-ins per account before it is throttled. PRACHUM_LOGIN_MAX_FAILURES (5). */
  loginMaxFailures: number;
  /** Failed sign-ins per client address before it is throttled. PRACHUM_LOGIN_MAX_FAILURES_PER_IP (20). */
  loginMaxFailuresPerIp: number;
  /** The window of the login throttle. PRACHUM_LOGIN_WINDOW_MINUTES (15). */
  loginWindowMs: number;
  /** Rate-limit counters in Redis instead of PostgreSQL. REDIS_URL (unset). */
  redisUrl: string | undefined;
  /** Origins allowed to call /graphql from a browser (CORS); empty = none. PRACHUM_CORS_ORIGINS (empty). */
  corsOrigins: string[];
  /** Trust X-Forwarded-For/-Proto from a reverse proxy. PRACHUM_TRUST_PROXY (0). */
  trustProxy: boolean;
  /** GraphQL document limits, checked before execution. */
  limits: {
    /** PRACHUM_MAX_DEPTH (12) */
    maxDepth: number;
    /** PRACHUM_MAX_COST (100000): graphql-armor cost, multiplied by literal `first` sizes. */
    maxCost: number;
    /** PRACHUM_MAX_ALIASES (30) */
    maxAliases: number;
    /** PRACHUM_MAX_DIRECTIVES (30) */
    maxDirectives: number;
    /** PRACHUM_MAX_TOKENS (5000) */
    maxTokens: number;
    /** PRACHUM_MAX_DUPLICATE_FIELDS (5): the same field repeated in one selection set. */
    maxDuplicateFields: number;
  };
}

const MINUTE = 60_000;

/** Reads the authentication and abuse-limit settings, adding one line to `problems` per bad variable. */
export function readAuthConfig(env: Env, problems: string[]): AuthConfig {
  const sessionIdleMs = int(env, 'PRACHUM_SESSION_IDLE_MINUTES', 120, 1, 7 * 24 * 60, problems) * MINUTE;
  const sessionAbsoluteMs = int(env, 'PRACHUM_SESSION_MAX_HOURS', 12, 1, 30 * 24, problems) * 60 * MINUTE;
  if (sessionIdleMs > sessionAbsoluteMs) {
    problems.push('PRACHUM_SESSION_IDLE_MINUTES must not be longer than PRACHUM_SESSION_MAX_HOURS');
  }
  const rateLimitPerMinute = int(env, 'PRACHUM_RATE_LIMIT_PER_MINUTE', 600, 0, 1_000_000, problems);
  const loginMaxFailures = int(env, 'PRACHUM_LOGIN_MAX_FAILURES', 5, 1, 1000, problems);
  const loginMaxFailuresPerIp = int(env, 'PRACHUM_LOGIN_MAX_FAILURES_PER_IP', 20, 1, 100_000, problems);
  const loginWindowMs = int(env, 'PRACHUM_LOGIN_WINDOW_MINUTES', 15, 1, 24 * 60, problems) * MINUTE;

  let redisUrl: string | undefined = env.REDIS_URL?.trim() || undefined;
  if (redisUrl) {
    try {
      const url = new URL(redisUrl);
      if (url.protocol !== 'redis:') {
        problems.push(`REDIS_URL must start with redis:// (e.g. redis://127.0.0.1:6379/0), got "${url.protocol}//…"`);
        redisUrl = undefined;
      }
    } catch {
      problems.push('REDIS_URL must be a URL such as redis://127.0.0.1:6379/0');
      redisUrl = undefined;
    }
  }

  const corsOrigins: string[] = [];
  for (const origin of (env.PRACHUM_CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean)) {
    try {
      const url = new URL(origin);
      if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin.replace(/\/$/, '')) throw 0;
      corsOrigins.push(url.origin);
    } catch {
      problems.push(
        `PRACHUM_CORS_ORIGINS must be a comma-separated list of origins such as https://partner.example.org, got "${origin}"`,
      );
    }
  }

  const trustProxy = flag(env, 'PRACHUM_TRUST_PROXY', false, problems);
  const limits = {
    maxDepth: int(env, 'PRACHUM_MAX_DEPTH', 12, 2, 100, problems),
    maxCost: int(env, 'PRACHUM_MAX_COST', 100_000, 100, 10_000_000, problems),
    maxAliases: int(env, 'PRACHUM_MAX_ALIASES', 30, 0, 1000, problems),
    maxDirectives: int(env, 'PRACHUM_MAX_DIRECTIVES', 30, 0, 1000, problems),
    maxTokens: int(env, 'PRACHUM_MAX_TOKENS', 5_000, 100, 1_000_000, problems),
    maxDuplicateFields: int(env, 'PRACHUM_MAX_DUPLICATE_FIELDS', 5, 1, 1000, problems),
  };

  return {
    sessionIdleMs,
    sessionAbsoluteMs,
    rateLimitPerMinute,
    loginMaxFailures,
    loginMaxFailuresPerIp,
    loginWindowMs,
    redisUrl,
    corsOrigins,
    trustProxy,
    limits,
  };
}

/** Only the authentication settings (loadConfig reads them too, with everything else). */
export function loadAuthConfig(env: Env = process.env): AuthConfig {
  const problems: string[] = [];
  const config = readAuthConfig(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
