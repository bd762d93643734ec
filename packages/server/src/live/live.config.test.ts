import { describe, expect, it } from 'vitest';
import { type ConfigError, loadConfig } from '../config.js';

const base = { NODE_ENV: 'test', PRACHUM_SECRET: 'x'.repeat(32) };

describe('PRACHUM_LIVE_TRANSPORT', () => {
  it('is PostgreSQL by default, Redis when REDIS_URL is set, and postgres on request', () => {
    expect(loadConfig(base).live).toEqual({ transport: 'postgres', redisUrl: undefined });
    expect(loadConfig({ ...base, REDIS_URL: 'redis://127.0.0.1:6379/0' }).live).toEqual({
      transport: 'redis',
      redisUrl: 'redis://127.0.0.1:6379/0',
    });
    expect(
      loadConfig({ ...base, REDIS_URL: 'redis://127.0.0.1:6379/0', PRACHUM_LIVE_TRANSPORT: 'postgres' }).live,
    ).toEqual({ transport: 'postgres', redisUrl: undefined });
  });

  it('stops the start with a clear message for a bad value, or redis without REDIS_URL', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ ...base, ...env });
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    };
    expect(problems({ PRACHUM_LIVE_TRANSPORT: 'kafka' })).toEqual([
      'PRACHUM_LIVE_TRANSPORT must be postgres or redis, got "kafka"',
    ]);
    expect(problems({ PRACHUM_LIVE_TRANSPORT: 'redis' })).toEqual([
      'PRACHUM_LIVE_TRANSPORT=redis needs REDIS_URL (e.g. redis://127.0.0.1:6379/0)',
    ]);
  });
});
