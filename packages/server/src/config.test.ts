import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      nodeEnv: 'development',
      publicRead: false,
      sqlAnswers: true,
    });
    expect(config.dataDir).toMatch(/\.data$/);
    expect(loadConfig({ PRACHUM_SQL_ANSWERS: '0' }).sqlAnswers).toBe(false);
  });

  it('listens on this machine only with the embedded database (demo logins), everywhere with DATABASE_URL, as HOST says when set', () => {
    expect(loadConfig({})).toMatchObject({ host: '127.0.0.1', hostFromEnv: false });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/x' })).toMatchObject({ host: '0.0.0.0', hostFromEnv: false });
    expect(loadConfig({ HOST: '0.0.0.0' })).toMatchObject({ host: '0.0.0.0', hostFromEnv: true });
    expect(loadConfig({ HOST: '::1', DATABASE_URL: 'postgres://u@db/x' })).toMatchObject({
      host: '::1',
      hostFromEnv: true,
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be an integer from 1 to 65535, got "abc"'],
    [{ PORT: '70000' }, 'PORT must be an integer from 1 to 65535, got "70000"'],
    [{ PORT: '0' }, 'PORT must be an integer from 1 to 65535, got "0"'],
    [
      { DATABASE_URL: 'mysql://x@y/z' },
      'DATABASE_URL must start with postgres:// or postgresql://, got "mysql://x@y/z"',
    ],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL must be a URL such as postgres://user@host:5432/db, got "not a url"'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV must be one of development, production, test, got "staging"'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
    [{ PRACHUM_SECRET: 'short' }, 'PRACHUM_SECRET must be at least 32 characters long, got 5'],
    [{ NODE_ENV: 'production' }, 'PRACHUM_SECRET must be set in production (at least 32 characters)'],
    [{ PRACHUM_PUBLIC_READ: 'maybe' }, 'PRACHUM_PUBLIC_READ must be 1 or 0 (true or false), got "maybe"'],
    [{ HOST: 'bad host!' }, 'HOST must be a host name or IP address, got "bad host!"'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL must start with smtp:// or smtps://, got "http://mail"'],
    [
      { PRACHUM_STATEMENT_TIMEOUT_MS: '5' },
      'PRACHUM_STATEMENT_TIMEOUT_MS must be an integer from 100 to 600000, got "5"',
    ],
  ])('rejects %o with a clear message', (env, message) => {
    expect(problemsOf(env)).toEqual([message]);
  });

  it('reports every bad variable at once, one line each, and hides passwords', () => {
    const problems = problemsOf({ PORT: '-1', LOG_LEVEL: 'x', DATABASE_URL: 'mysql://me:secret@db/x' });
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).not.toContain('secret');
  });
});
