import path from 'node:path';
import { repoRoot } from './paths.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const logLevels: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface Config {
  port: number;
  host: string;
  /** An existing PostgreSQL server; undefined means "start the embedded one". */
  databaseUrl: string | undefined;
  dataDir: string;
  secret: string;
  nodeEnv: 'development' | 'production' | 'test';
  isProduction: boolean;
  logLevel: LogLevel;
  /** Whether anonymous visitors may read PUBLIC records. */
  publicRead: boolean;
  /** Load the demo data set into an empty database at start. */
  loadDemo: boolean;
  smtpUrl: string | undefined;
  /** Milliseconds a request may run before it is aborted. */
  requestTimeoutMs: number;
  /** Milliseconds a single SQL statement may run. */
  statementTimeoutMs: number;
}

/** Thrown when the environment is invalid; `problems` has one line per bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

function readInt(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
    return fallback;
  }
  return value;
}

function readFlag(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  problems.push(`${name} must be 1 or 0 (true or false), got "${raw}"`);
  return fallback;
}

function readUrl(env: Env, name: string, protocols: string[], problems: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  try {
    const url = new URL(raw);
    if (!protocols.includes(url.protocol)) {
      problems.push(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}, got "${redact(raw)}"`);
      return undefined;
    }
    return raw;
  } catch {
    problems.push(`${name} must be a URL such as ${protocols[0]}//user@host:5432/db, got "${redact(raw)}"`);
    return undefined;
  }
}

/** Hides a password in a URL before it is printed. */
function redact(raw: string): string {
  return raw.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

/** Reads and validates every environment variable the server uses, once. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];

  const nodeEnvRaw = env.NODE_ENV || 'development';
  let nodeEnv: Config['nodeEnv'] = 'development';
  if (nodeEnvRaw === 'development' || nodeEnvRaw === 'production' || nodeEnvRaw === 'test') nodeEnv = nodeEnvRaw;
  else problems.push(`NODE_ENV must be one of development, production, test, got "${nodeEnvRaw}"`);
  const isProduction = nodeEnv === 'production';

  const port = readInt(env, 'PORT', 4000, 1, 65535, problems);
  const host = env.HOST || '0.0.0.0';
  if (!/^[A-Za-z0-9.:-]+$/.test(host)) problems.push(`HOST must be a host name or IP address, got "${host}"`);

  const databaseUrl = readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], problems);
  const dataDir = path.resolve(repoRoot, env.PRACHUM_DATA_DIR || '.data');

  let secret = env.PRACHUM_SECRET ?? '';
  if (secret === '') {
    if (isProduction) problems.push('PRACHUM_SECRET must be set in production (at least 32 characters)');
    secret = 'development-secret-not-for-production-use';
  } else if (secret.length < 32) {
    problems.push(`PRACHUM_SECRET must be at least 32 characters long, got ${secret.length}`);
  }

  const logLevelRaw = (env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info')).toLowerCase();
  let logLevel: LogLevel = 'info';
  if ((logLevels as readonly string[]).includes(logLevelRaw)) logLevel = logLevelRaw as LogLevel;
  else problems.push(`LOG_LEVEL must be one of ${logLevels.join(', ')}, got "${env.LOG_LEVEL}"`);

  const publicRead = readFlag(env, 'PRACHUM_PUBLIC_READ', false, problems);
  const loadDemo = readFlag(env, 'PRACHUM_DEMO', true, problems);
  const smtpUrl = readUrl(env, 'SMTP_URL', ['smtp:', 'smtps:'], problems);
  const requestTimeoutMs = readInt(env, 'PRACHUM_REQUEST_TIMEOUT_MS', 30_000, 100, 600_000, problems);
  const statementTimeoutMs = readInt(env, 'PRACHUM_STATEMENT_TIMEOUT_MS', 15_000, 100, 600_000, problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host,
    databaseUrl,
    dataDir,
    secret,
    nodeEnv,
    isProduction,
    logLevel,
    publicRead,
    loadDemo,
    smtpUrl,
    requestTimeoutMs,
    statementTimeoutMs,
  };
}
