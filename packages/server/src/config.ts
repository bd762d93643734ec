import path from 'node:path';
import { type AuthConfig, readAuthConfig } from './auth/auth.config.js';
import { ConfigError } from './config-error.js';
import { type Env, readFlag, readInt, readUrl } from './env.js';
import { type FilesConfig, readFilesConfig } from './modules/files/files.config.js';
import { type LiveConfig, readLiveConfig } from './live/live.config.js';
import { repoRoot } from './paths.js';

export { ConfigError };

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const logLevels: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface Config {
  port: number;
  /** Where to listen: HOST, else 127.0.0.1 with the embedded database (demo logins) and 0.0.0.0 with DATABASE_URL. */
  host: string;
  /** Whether HOST was set (the start banner says when the loopback default applies). */
  hostFromEnv: boolean;
  /** An existing PostgreSQL server; undefined means "start the embedded one". */
  databaseUrl: string | undefined;
  /** Read replicas of DATABASE_URL (DATABASE_READ_URL, comma-separated) for partner and anonymous queries. */
  databaseReadUrls: string[];
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
  /** The sender of every e-mail. */
  mailFrom: string;
  /** Where people reach the web client: the links in e-mails. */
  publicUrl: string;
  /** Whether this process runs the background job worker (PRACHUM_WORKER). */
  worker: boolean;
  /** Answer queries whose every field is SQL in one statement (PRACHUM_SQL_ANSWERS, default on; decision 0031). */
  sqlAnswers: boolean;
  /** Milliseconds a request may run before it is aborted. */
  requestTimeoutMs: number;
  /** Milliseconds a single SQL statement may run. */
  statementTimeoutMs: number;
  /** Milliseconds a stop (SIGTERM, SIGINT) waits for requests and jobs in flight before cutting them. */
  shutdownTimeoutMs: number;
  /** Sessions, tokens, rate limits, CORS and GraphQL abuse limits. */
  auth: AuthConfig;
  /** Evidence files: the upload limit and the store (data directory or S3). */
  files: FilesConfig;
  /** How instances tell each other of changes: PRACHUM_LIVE_TRANSPORT (postgres, or redis with REDIS_URL). */
  live: LiveConfig;
}

/** DATABASE_READ_URL: one or more PostgreSQL URLs, comma-separated; only beside DATABASE_URL. */
function readReadUrls(env: Env, databaseUrl: string | undefined, problems: string[]): string[] {
  const raw = env.DATABASE_READ_URL?.trim();
  if (!raw) return [];
  const urls: string[] = [];
  for (const item of raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const url = readUrl({ DATABASE_READ_URL: item }, 'DATABASE_READ_URL', ['postgres:', 'postgresql:'], problems);
    if (url) urls.push(url);
  }
  if (!databaseUrl && urls.length > 0) {
    problems.push(
      'DATABASE_READ_URL needs DATABASE_URL (the primary its replicas follow); the embedded database has no replicas',
    );
  }
  return urls;
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
  const databaseUrl = readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], problems);
  const databaseReadUrls = readReadUrls(env, databaseUrl, problems);

  // The embedded database comes with demo accounts whose passwords are published: a try-out on a
  // laptop listens on this machine only unless HOST says otherwise.
  const hostFromEnv = Boolean(env.HOST);
  const host = env.HOST || (env.DATABASE_URL ? '0.0.0.0' : '127.0.0.1');
  if (!/^[A-Za-z0-9.:-]+$/.test(host)) problems.push(`HOST must be a host name or IP address, got "${host}"`);

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
  const mailFrom = env.PRACHUM_MAIL_FROM || 'Prachum <no-reply@prachum.localhost>';
  if (!/^[^\r\n<>]*<?[^\s@<>]+@[^\s@<>]+>?$/.test(mailFrom))
    problems.push(
      `PRACHUM_MAIL_FROM must be an address such as "NCCT Prachum <no-reply@ncct.gov.kh>", got "${mailFrom}"`,
    );
  const publicUrl = (
    readUrl(env, 'PRACHUM_PUBLIC_URL', ['http:', 'https:'], problems) ?? `http://localhost:${port}`
  ).replace(/\/+$/, '');
  const worker = readFlag(env, 'PRACHUM_WORKER', true, problems);
  const sqlAnswers = readFlag(env, 'PRACHUM_SQL_ANSWERS', true, problems);
  const requestTimeoutMs = readInt(env, 'PRACHUM_REQUEST_TIMEOUT_MS', 30_000, 100, 600_000, problems);
  const statementTimeoutMs = readInt(env, 'PRACHUM_STATEMENT_TIMEOUT_MS', 15_000, 100, 600_000, problems);
  const shutdownTimeoutMs = readInt(env, 'PRACHUM_SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000, problems);

  const auth = readAuthConfig(env, problems);
  const files = readFilesConfig(env, { dataDir, nodeEnv }, problems);
  const live = readLiveConfig(env, problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    auth,
    files,
    live,
    port,
    host,
    hostFromEnv,
    databaseUrl,
    databaseReadUrls,
    dataDir,
    secret,
    nodeEnv,
    isProduction,
    logLevel,
    publicRead,
    loadDemo,
    smtpUrl,
    mailFrom,
    publicUrl,
    worker,
    sqlAnswers,
    requestTimeoutMs,
    statementTimeoutMs,
    shutdownTimeoutMs,
  };
}
